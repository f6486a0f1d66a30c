package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Offsets are committed only after the ledger transaction commits. With the ledger broken (its outcome table renamed,
 * a failure that says nothing about the messages), the consumer retries, then fails the channel: liveness goes DOWN
 * so the platform restarts the pod, the offset stays where the last stored outcome left it, and none of the unstored
 * outcomes is turned into poison. (A restart then re-reads them; that replay is the idempotency OutcomeLedgerIT
 * proves.)
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "partitions", value = "1"))
class LedgerUnavailableIT {

    @Inject
    AuditItConfig config;

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void noOffsetIsCommittedForOutcomesTheLedgerDidNotStore() {
        String run = "run-ledger-down";
        LedgerDb db = new LedgerDb(config.schema);
        TopicPartition p0 = new TopicPartition(config.outcomesTopic, 0);
        try (TestKafka kafka = new TestKafka()) {
            kafka.send(config.outcomesTopic, 0, "P-1", FerryJson.encode(
                    Outcomes.of(run, SourceResource.PATIENTS, "P-1", OutcomeKind.CREATED, 1, Instant.now())));
            await().atMost(WAIT).until(() -> kafka.committedOffsets(config.outcomesGroup, config.outcomesTopic).get(p0) == 1L);
            assertThat(db.count("outcome")).isEqualTo(1);

            db.execute("ALTER TABLE {schema}.outcome RENAME TO outcome_unavailable");
            for (String id : new String[] {"P-2", "P-3", "P-4"}) {
                kafka.send(config.outcomesTopic, 0, id, FerryJson.encode(
                        Outcomes.of(run, SourceResource.PATIENTS, id, OutcomeKind.CREATED, 1, Instant.now())));
            }

            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503));
            // several commit intervals later, still nothing committed past the stored outcome
            await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
                    assertThat(kafka.committedOffsets(config.outcomesGroup, config.outcomesTopic).get(p0)).isEqualTo(1L));
            assertThat(kafka.endOffsets(config.outcomesTopic).get(p0)).isEqualTo(4L);
            assertThat(db.count("poison")).as("a broken ledger is not the messages' fault").isZero();
            assertThat(db.count("outcome_unavailable")).isEqualTo(1);
        }
    }
}
