package dev.ferry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whatever the resolution order picks on this machine is a working broker and database. */
class ChosenInfrastructureIT {

    @Test
    void chosenKafkaCarriesRecords() throws Exception {
        String topic = "test-support.probe." + UUID.randomUUID();
        FerryInfrastructure.createTopics(2, topic);
        FerryInfrastructure.createTopics(2, topic); // twice: existing topics are left alone
        EndpointRoundTrip.kafka(FerryInfrastructure.kafkaBootstrapServers(), topic);
    }

    @Test
    void chosenPostgresKeepsRows() throws Exception {
        EndpointRoundTrip.postgres(FerryInfrastructure.postgres(), "probe_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void ciUsesTheEnvironmentItNamed() {
        // bin/ferry test and .ci/run export the variables; a run that sets them must not fall back silently.
        if (System.getenv(InfrastructureChoice.KAFKA_BOOTSTRAP) != null) {
            assertThat(FerryInfrastructure.kafka().source()).isEqualTo(Source.ENVIRONMENT);
            assertThat(FerryInfrastructure.kafka().bootstrapServers())
                    .isEqualTo(System.getenv(InfrastructureChoice.KAFKA_BOOTSTRAP));
        }
        if (System.getenv(InfrastructureChoice.PG_JDBC_URL) != null) {
            assertThat(FerryInfrastructure.postgres().source()).isEqualTo(Source.ENVIRONMENT);
        }
    }
}
