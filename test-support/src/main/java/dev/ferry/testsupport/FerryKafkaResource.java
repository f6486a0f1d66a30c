package dev.ferry.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the Kafka broker {@link FerryInfrastructure} chose, with Dev Services off.
 * Optional init arg {@code topics} (comma-separated) and {@code partitions} create topics up front, because the first
 * send to a missing topic only logs UNKNOWN_TOPIC_OR_PARTITION and waits.
 */
public class FerryKafkaResource implements QuarkusTestResourceLifecycleManager {

    private String topics = "";
    private int partitions = 3;

    @Override
    public void init(Map<String, String> initArgs) {
        topics = initArgs.getOrDefault("topics", "");
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "3"));
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = FerryInfrastructure.kafkaBootstrapServers();
        if (!topics.isBlank()) {
            FerryInfrastructure.createTopics(partitions, topics.split("\\s*,\\s*"));
        }
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker is shared by every test class of this JVM and stopped at exit (when it was started here).
    }
}
