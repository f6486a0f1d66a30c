package dev.ferry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The last fallback works on its own: a developer without the local services (and without Docker) still gets a real
 * broker and a real PostgreSQL, started inside the test JVM. Started explicitly here so CI, which names its
 * services, still proves this path.
 */
class InProcessFallbackIT {

    @Test
    void inProcessBrokerCarriesRecords() throws Exception {
        KafkaEndpoint kafka = FerryInfrastructure.startInProcessKafka();
        assertThat(kafka.source()).isEqualTo(Source.IN_PROCESS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("fallback.probe", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        EndpointRoundTrip.kafka(kafka.bootstrapServers(), "fallback.probe");
    }

    @Test
    void embeddedPostgresKeepsRows() throws Exception {
        PostgresEndpoint pg = FerryInfrastructure.startEmbeddedPostgres();
        assertThat(pg.source()).isEqualTo(Source.IN_PROCESS);
        EndpointRoundTrip.postgres(pg, "fallback_probe");
    }
}
