package dev.ferry.mapper.it;

import dev.ferry.testsupport.FerryInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gives one test class its own topics and consumer groups on the shared broker ({@code mapper-it-<random>.<topic>}),
 * so other services' test runs on the same broker never see its messages, and a short commit interval so committed
 * offsets can be checked within seconds.
 */
public class MapperTopicsResource implements QuarkusTestResourceLifecycleManager {

    public static final List<String> INCOMING = List.of("raw-practitioners-in", "raw-clinics-in", "raw-patients-in",
            "raw-treatment-cases-in", "raw-products-in", "raw-appointments-in", "raw-recalls-in",
            "raw-clinical-notes-in", "runs-in");
    public static final List<String> OUTGOING = List.of("commands-out", "outcomes-out", "poison-out");
    private static final Map<String, String> TOPICS = Map.ofEntries(
            Map.entry("raw-appointments-in", "dentes.raw.appointments"),
            Map.entry("raw-recalls-in", "dentes.raw.recalls"),
            Map.entry("raw-clinical-notes-in", "dentes.raw.clinical-notes"),
            Map.entry("raw-practitioners-in", "dentes.raw.practitioners"),
            Map.entry("raw-clinics-in", "dentes.raw.clinics"),
            Map.entry("raw-patients-in", "dentes.raw.patients"),
            Map.entry("raw-treatment-cases-in", "dentes.raw.treatment-cases"),
            Map.entry("raw-products-in", "dentes.raw.products"),
            Map.entry("runs-in", "migration.runs"),
            Map.entry("commands-out", "freshsales.commands"),
            Map.entry("outcomes-out", "freshsales.outcomes"),
            Map.entry("poison-out", "ferry.poison"));

    @Override
    public Map<String, String> start() {
        String prefix = "mapper-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, String> config = new HashMap<>();
        List<String> names = TOPICS.values().stream().map(t -> prefix + t).toList();
        FerryInfrastructure.createTopics(3, names.toArray(String[]::new));
        for (String channel : INCOMING) {
            config.put("mp.messaging.incoming." + channel + ".topic", prefix + TOPICS.get(channel));
            config.put("mp.messaging.incoming." + channel + ".group.id", prefix + channel);
            config.put("mp.messaging.incoming." + channel + ".auto.commit.interval.ms", "300");
        }
        for (String channel : OUTGOING) {
            config.put("mp.messaging.outgoing." + channel + ".topic", prefix + TOPICS.get(channel));
        }
        config.put("kafka.bootstrap.servers", FerryInfrastructure.kafkaBootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("ferry.mapper.release-interval", "1s");
        config.put("ferry.mapper.metadata-retry", "500ms");
        config.put("ferry.mapper.fallback-owner-email", "front.desk@klinik.example");
        config.put("ferry.mapper.specs", "classpath:mapping/dentes-freshsales.v1.yaml,"
                + "classpath:test-specs/dentes-freshsales.v2.yaml");
        // No loader runs in these tests: metadata comes from the run's snapshot row, which each test writes.
        config.put("ferry.mapper.loader-url", "http://127.0.0.1:9");
        config.put("ferry.mapper.metadata-timeout", "1s");
        return config;
    }

    @Override
    public void stop() {
        // Topics are left for the broker's retention; their random names keep them out of everyone's way.
    }
}
