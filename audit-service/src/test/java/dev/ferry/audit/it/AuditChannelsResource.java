package dev.ferry.audit.it;

import dev.ferry.testsupport.FerryInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives one test class topics and consumer groups of its own ({@code audit-it-<random>.*}), so tests of other services
 * on the same broker, and earlier runs of this one, never feed this application. Also shortens the commit interval
 * and the ledger retries so assertions about committed offsets and failures need seconds, not minutes.
 * Init arg {@code partitions} (default 3).
 */
public class AuditChannelsResource implements QuarkusTestResourceLifecycleManager {

    public static final String OUTCOMES_TOPIC = "mp.messaging.incoming.outcomes-in.topic";
    public static final String RUNS_TOPIC = "mp.messaging.incoming.runs-in.topic";
    public static final String POISON_TOPIC = "mp.messaging.incoming.poison-in.topic";
    public static final String COMMANDS_TOPIC = "mp.messaging.outgoing.rollback-commands-out.topic";
    public static final String OUTCOMES_GROUP = "mp.messaging.incoming.outcomes-in.group.id";

    private int partitions = 3;

    @Override
    public void init(Map<String, String> initArgs) {
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "3"));
    }

    @Override
    public Map<String, String> start() {
        String prefix = "audit-it-" + UUID.randomUUID().toString().substring(0, 8);
        String outcomes = prefix + ".freshsales.outcomes";
        String runs = prefix + ".migration.runs";
        String poison = prefix + ".ferry.poison";
        String commands = prefix + ".freshsales.commands";
        FerryInfrastructure.createTopics(partitions, outcomes, runs, poison, commands);
        Map<String, String> config = new HashMap<>();
        config.put(OUTCOMES_TOPIC, outcomes);
        config.put(RUNS_TOPIC, runs);
        config.put(POISON_TOPIC, poison);
        config.put("mp.messaging.outgoing.poison-out.topic", poison);
        // Rollback commands of a test never reach the shared freshsales.commands topic.
        config.put(COMMANDS_TOPIC, commands);
        // The audit's own RunFinished goes to this class's runs topic, whence runs-in reads it back.
        config.put("mp.messaging.outgoing.run-finished-out.topic", runs);
        config.put("ferry.audit.run-finished.check-interval", "PT0.5S");
        for (String channel : new String[] {"outcomes-in", "runs-in", "poison-in"}) {
            config.put("mp.messaging.incoming." + channel + ".group.id", prefix + "-" + channel);
            config.put("mp.messaging.incoming." + channel + ".auto.commit.interval.ms", "300");
        }
        config.put("ferry.audit.ledger.attempts", "3");
        config.put("ferry.audit.ledger.initial-backoff", "PT0.1S");
        config.put("ferry.audit.ledger.max-backoff", "PT0.2S");
        return config;
    }

    @Override
    public void stop() {
        // Topics are left on the broker: their names are unique, and deleting them races the consumer's shutdown.
    }
}
