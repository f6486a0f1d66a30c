package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a delta run re-reads (issue 12), answered from the ledger on the real broker and PostgreSQL: a record is
 * unsettled when its newest run has no terminal outcome for it (counted in the manifest, never answered; only
 * deferred) or ended it REJECTED or FAILED; a later success settles an earlier failure, and a later failure unsettles
 * an earlier success.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true)
class UnsettledRecordsIT {

    @Inject
    AuditItConfig config;

    private TestKafka kafka;
    private final Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void clients() {
        kafka = new TestKafka();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theLastOutcomeOfEachRecordDecidesAndAWatermarkNeverSkipsAFailure() {
        String p = "U" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String first = p + "full";
        String later = p + "delta";
        SourceResource pa = SourceResource.PATIENTS;
        kafka.sendJson(config.runsTopic, first, new RunEvent.RunStarted(null, first, RunMode.FULL, "v1", List.of(pa), t0));
        kafka.sendJson(config.runsTopic, later, new RunEvent.RunStarted(null, later, RunMode.DELTA, "v1", List.of(pa),
                t0.plusSeconds(60)));
        // The first run counted seven records; P-7 never got an outcome.
        kafka.sendJson(config.runsTopic, first, new RunEvent.ManifestIds(null, first, pa, 0, 1,
                List.of(p + "1", p + "2", p + "3", p + "4", p + "5", p + "6", p + "7"), t0.plusSeconds(1)));
        send(Outcomes.of(first, pa, p + "1", OutcomeKind.CREATED, 1, t0.plusSeconds(2)));
        send(Outcomes.failed(first, pa, p + "2", 3, 400, List.of("Mobile number is invalid"), t0.plusSeconds(3)));
        send(Outcomes.rejected(first, pa, p + "3", "email.invalid", "email", "the e-mail address is not valid",
                t0.plusSeconds(4)));
        send(Outcomes.of(first, pa, p + "4", OutcomeKind.DEFERRED, 0, t0.plusSeconds(5)));
        send(Outcomes.of(first, pa, p + "5", OutcomeKind.CREATED, 1, t0.plusSeconds(6)));
        send(Outcomes.of(first, pa, p + "6", OutcomeKind.UNCHANGED, 1, t0.plusSeconds(7)));
        // The delta retried P-2 (now a success) and changed P-5, which Freshsales refused this time.
        send(Outcomes.of(later, pa, p + "2", OutcomeKind.CREATED, 1, t0.plusSeconds(61)));
        send(Outcomes.failed(later, pa, p + "5", 3, 400, List.of("Owner is inactive"), t0.plusSeconds(62)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(unsettled(p))
                .containsExactly(p + "3", p + "4", p + "5", p + "7"));
        assertThat(given().get("/records/unsettled?resource=no-such-resource").statusCode()).isEqualTo(404);
    }

    private void send(dev.ferry.contracts.LoadOutcome o) {
        kafka.sendJson(config.outcomesTopic, o.sourceId(), o);
    }

    private static List<String> unsettled(String prefix) {
        List<String> ids = given().get("/records/unsettled?resource=patients").then().statusCode(200).extract()
                .jsonPath().getList("ids", String.class);
        return ids.stream().filter(id -> id.startsWith(prefix)).toList();
    }
}
