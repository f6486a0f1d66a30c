package dev.ferry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InfrastructureChoiceTest {

    @Test
    void environmentWinsAndDockerIsNotEvenAsked() {
        AtomicInteger probes = new AtomicInteger();
        InfrastructureChoice choice = new InfrastructureChoice(Map.of(
                "FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092",
                "FERRY_PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/ferry_test",
                "FERRY_PG_USER", "ferry"), () -> probes.incrementAndGet() > 0);

        assertThat(choice.kafka()).isEqualTo(Source.ENVIRONMENT);
        assertThat(choice.postgres()).isEqualTo(Source.ENVIRONMENT);
        assertThat(probes).hasValue(0);
    }

    @Test
    void testcontainersWhenDockerAnswers() {
        InfrastructureChoice choice = new InfrastructureChoice(Map.of(), () -> true);
        assertThat(choice.kafka()).isEqualTo(Source.TESTCONTAINERS);
        assertThat(choice.postgres()).isEqualTo(Source.TESTCONTAINERS);
    }

    @Test
    void inProcessWhenNothingElse() {
        InfrastructureChoice choice = new InfrastructureChoice(Map.of("FERRY_KAFKA_BOOTSTRAP", " "), () -> false);
        assertThat(choice.kafka()).isEqualTo(Source.IN_PROCESS);
        assertThat(choice.postgres()).isEqualTo(Source.IN_PROCESS);
    }

    @Test
    void containersCanBeSwitchedOff() {
        InfrastructureChoice choice = new InfrastructureChoice(Map.of("FERRY_TESTCONTAINERS", "false"), () -> true);
        assertThat(choice.kafka()).isEqualTo(Source.IN_PROCESS);
    }

    @Test
    void eachServiceIsChosenOnItsOwn() {
        InfrastructureChoice choice = new InfrastructureChoice(Map.of("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                () -> false);
        assertThat(choice.kafka()).isEqualTo(Source.ENVIRONMENT);
        assertThat(choice.postgres()).isEqualTo(Source.IN_PROCESS);
    }

    @Test
    void aJdbcUrlWithoutAUserIsAClearError() {
        InfrastructureChoice choice = new InfrastructureChoice(Map.of("FERRY_PG_JDBC_URL", "jdbc:postgresql://x/y"),
                () -> false);
        assertThatThrownBy(choice::postgres).hasMessageContaining("FERRY_PG_USER");
    }

    @Test
    void thePasswordNeverPrints() {
        assertThat(new PostgresEndpoint("jdbc:postgresql://h/d", "u", "s3cret", Source.ENVIRONMENT).toString())
                .doesNotContain("s3cret");
    }

    @Test
    void aModuleWithALaneTalksToItsOwnBrokerAndTheOthersToTheSharedOne() {
        Map<String, String> env = Map.of("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092",
                "FERRY_KAFKA_LANES", "ferry-mapper-service=127.0.0.1:19092, ferry-loader-service=127.0.0.1:19094");

        assertThat(InfrastructureChoice.withLanes(env, "ferry-loader-service"))
                .containsEntry("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:19094");
        assertThat(InfrastructureChoice.withLanes(env, "ferry-mapper-service"))
                .containsEntry("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:19092");
        assertThat(InfrastructureChoice.withLanes(env, "ferry-extractor-service"))
                .containsEntry("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        assertThat(InfrastructureChoice.withLanes(env, null))
                .containsEntry("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    @Test
    void aMalformedLaneIsAClearError() {
        assertThatThrownBy(() -> InfrastructureChoice.withLanes(
                Map.of("FERRY_KAFKA_LANES", "ferry-loader-service"), "ferry-loader-service"))
                .hasMessageContaining("<module>=<address>");
    }

    @Test
    void aForkWithAPostgresLaneUsesItsOwnClusterAndTheSharedBroker() {
        Map<String, String> env = Map.of("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092",
                "FERRY_PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/ferry_test",
                "FERRY_PG_LANES", "ferry-system-tests-2=jdbc:postgresql://127.0.0.1:5433/ferry_test");

        assertThat(InfrastructureChoice.withLanes(env, "ferry-system-tests-2"))
                .containsEntry("FERRY_PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/ferry_test")
                .containsEntry("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        assertThat(InfrastructureChoice.withLanes(env, "ferry-system-tests-1"))
                .containsEntry("FERRY_PG_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/ferry_test");
    }
}
