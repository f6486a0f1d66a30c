package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.ferry.audit.service.RunFinisher;
import dev.ferry.contracts.CommandIds;
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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the audit publishes {@code RunFinished} on {@code migration.runs} exactly once, when the run balances and
 * not before, through the real broker and PostgreSQL; reads it back (the run's status then comes from the event); and
 * publishes nothing more on a redelivery, nor after a restart that lost everything but its tables (simulated by
 * clearing the run's read-back status: only {@code run_finished_published} is left to say it was published).
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true)
class RunFinishedIT {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    AuditItConfig config;

    @Inject
    RunFinisher finisher;

    private TestKafka kafka;
    private LedgerDb db;
    private final Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void clients() {
        kafka = new TestKafka();
        db = new LedgerDb(config.schema);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aBalancedRunGetsExactlyOneRunFinishedAndNotBefore() throws Exception {
        String run = "run-fin-" + UUID.randomUUID().toString().substring(0, 8);
        SourceResource cl = SourceResource.CLINICS;
        SourceResource pa = SourceResource.PATIENTS;
        kafka.sendJson(config.runsTopic, run, new RunEvent.RunStarted(null, run, RunMode.FULL, "dentes-freshsales/v1",
                List.of(cl, pa), t0));
        kafka.sendJson(config.runsTopic, run, new RunEvent.ManifestCounted(null, run, cl, 1, 0, t0.plusSeconds(1)));
        kafka.sendJson(config.runsTopic, run, new RunEvent.ManifestCounted(null, run, pa, 2, 0, t0.plusSeconds(2)));
        kafka.sendJson(config.runsTopic, run, new RunEvent.ExtractionFinished(null, run, Map.of(cl, 1L, pa, 2L),
                t0.plusSeconds(3)));
        kafka.sendJson(config.outcomesTopic, "C-1", Outcomes.of(run, cl, "C-1", OutcomeKind.CREATED, 1,
                t0.plusSeconds(4)));
        kafka.sendJson(config.outcomesTopic, "P-1", Outcomes.of(run, pa, "P-1", OutcomeKind.CREATED, 1,
                t0.plusSeconds(5)));
        kafka.sendJson(config.outcomesTopic, "P-2", Outcomes.of(run, pa, "P-2", OutcomeKind.DEFERRED, 0,
                t0.plusSeconds(6)));

        // Extraction finished, one record still open: the run is loading and nothing is published.
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .body("manifestsComplete", is(true)).body("unaccounted", is(1)).body("balanced", is(false)));
        assertThat(finisher.check()).as("a round while P-2 is open").isZero();
        assertThat(runFinished(run)).isEmpty();
        given().get("/runs/{id}", run).then().body("status", equalTo("LOADING"));
        given().get("/runs/{id}/progress", run).then().statusCode(200)
                .body("callsNeeded", is(1)).body("budget.perMinute", is(400)).body("etaMinutes", is(0.0f));

        // P-2's last word balances the run: the timer publishes RunFinished, the audit reads it back.
        Instant last = t0.plusSeconds(9);
        kafka.sendJson(config.outcomesTopic, "P-2", Outcomes.of(run, pa, "P-2", OutcomeKind.CREATED, 1, last));
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}", run).then()
                .body("status", equalTo("COMPLETED"))
                .body("statusSource", equalTo("event"))
                .body("finishedAt", equalTo(last.toString())));
        List<RunEvent.RunFinished> published = runFinished(run);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).status()).isEqualTo("COMPLETED");
        assertThat(published.get(0).at()).isEqualTo(last);
        assertThat(published.get(0).commandId()).isEqualTo(CommandIds.ofRunEvent(run, "RUN_FINISHED", null));
        String table = config.schema + ".run_finished_published";
        assertThat(db.queryLong("SELECT count(*) FROM " + table + " WHERE run_id = '" + run + "'")).isEqualTo(1);

        // Redelivered outcomes and a further round change nothing.
        kafka.sendJson(config.outcomesTopic, "P-2", Outcomes.of(run, pa, "P-2", OutcomeKind.CREATED, 1, last));
        await().atMost(WAIT).until(() -> kafka.caughtUp(config.outcomesGroup, config.outcomesTopic));
        assertThat(finisher.check()).isZero();

        // A restart that had not yet read its own RunFinished back: only run_finished_published remembers it.
        db.execute("UPDATE " + config.schema + ".run SET finished_status = NULL, finished_at = NULL WHERE run_id = '"
                + run + "'");
        assertThat(finisher.check()).as("published once, never again").isZero();
        assertThat(runFinished(run)).hasSize(1);
        assertThat(db.queryLong("SELECT count(*) FROM " + config.schema + ".run_event WHERE run_id = '" + run
                + "' AND type = 'RUN_FINISHED'")).isEqualTo(1);
    }

    private List<RunEvent.RunFinished> runFinished(String run) {
        return kafka.readAll(config.runsTopic, RunEvent.class).stream()
                .filter(e -> e instanceof RunEvent.RunFinished && e.runId().equals(run))
                .map(e -> (RunEvent.RunFinished) e)
                .toList();
    }
}
