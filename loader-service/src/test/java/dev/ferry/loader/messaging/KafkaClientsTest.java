package dev.ferry.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The consumer's settings. Regression (LoaderCrashIT): with Kafka's default 45 s session a SIGKILLed replica's
 * partitions, and the commands it had read but not finished, stayed with its dead membership for 45 s.
 */
class KafkaClientsTest {

    @Test
    void aDeadReplicasPartitionsMoveAfterTenSecondsNotFortyFive() {
        Properties p = new KafkaClients(Map.of("bootstrap.servers", "127.0.0.1:1")).consumerProperties("g", "c");

        assertThat(p.getProperty("session.timeout.ms")).isEqualTo("10000");
        assertThat(Integer.parseInt(p.getProperty("heartbeat.interval.ms")))
                .as("heartbeats well inside the session").isLessThanOrEqualTo(10000 / 3);
    }

    @Test
    void configuredKafkaKeysWinOverTheDefaultsButNotOverTheGuarantees() {
        Properties p = new KafkaClients(Map.of("bootstrap.servers", "127.0.0.1:1", "session.timeout.ms", "30000",
                "heartbeat.interval.ms", "9000", "enable.auto.commit", "true")).consumerProperties("g", "c");

        assertThat(p.getProperty("session.timeout.ms")).isEqualTo("30000");
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("9000");
        assertThat(p.getProperty("enable.auto.commit")).as("offsets are committed by the loader alone").isEqualTo("false");
        assertThat(p.getProperty("group.id")).isEqualTo("g");
    }
}
