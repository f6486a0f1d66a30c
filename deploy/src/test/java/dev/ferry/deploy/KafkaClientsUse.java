package dev.ferry.deploy;

import dev.ferry.contracts.Topics;
import dev.ferry.deploy.render.Repo;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which topics and consumer groups each service's Kafka user needs, from the services themselves: the SmallRye
 * channels in application.properties (mapper, audit), and for the two services with plain Kafka clients, what their
 * code does (extractor: KafkaPublisher writes every resource's raw topic and migration.runs; loader: LoaderConfig's
 * consumer defaults).
 */
record KafkaClientsUse(String user, Set<String> reads, Set<String> groups, Set<String> writes) {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([\\w-]+)\\.topic");

    static Set<KafkaClientsUse> all() {
        Set<String> raw = Topics.all().stream().filter(t -> t.startsWith(Topics.RAW_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> extractorWrites = new TreeSet<>(raw);
        extractorWrites.add(Topics.RUNS);
        return Set.of(
                new KafkaClientsUse("ferry-extractor", Set.of(), Set.of(), extractorWrites),
                new KafkaClientsUse("ferry-loader", Set.of(Topics.COMMANDS), Set.of("ferry-loader"),
                        Set.of(Topics.OUTCOMES, Topics.POISON)),
                fromChannels("ferry-mapper", "mapper-service"),
                fromChannels("ferry-audit", "audit-service"));
    }

    static KafkaClientsUse fromChannels(String user, String module) {
        Properties p = properties(Repo.root().resolve(module).resolve("src/main/resources/application.properties"));
        Set<String> reads = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = CHANNEL.matcher(key);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("incoming")) {
                reads.add(p.getProperty(key));
                groups.add(p.getProperty("mp.messaging.incoming." + m.group(2) + ".group.id"));
            } else {
                writes.add(p.getProperty(key));
            }
        }
        return new KafkaClientsUse(user, reads, groups, writes);
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
