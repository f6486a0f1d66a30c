package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.ferry.testsupport.TestKafka;
import dev.ferry.audit.ledger.OutcomeLedger;
import dev.ferry.audit.ledger.OutcomePrecedence;
import dev.ferry.audit.ledger.RecordKey;
import dev.ferry.audit.ledger.StateCandidate;
import dev.ferry.audit.ledger.Decoded;
import dev.ferry.audit.ledger.InboundPosition;
import dev.ferry.audit.model.RecordStateEntity;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outcomes and run events go through the real broker into the ledger on the real PostgreSQL, and the REST numbers
 * must come out right: reconciliation per bucket, the records behind each bucket, progress, run status, a record's
 * history. Replaying the same messages (again, and shuffled) must leave every number and every row count identical.
 * The SQL upsert that keeps a record's state must pick the same winner as the Java precedence order.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true)
class OutcomeLedgerIT {

    @Inject
    AuditItConfig config;

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    OutcomeLedger outcomeLedger;

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

    /** The run of the first scenario: 3 practitioners, 2 clinics, 6 patients; every outcome kind but rollbacks. */
    private List<Object[]> scenario(String run) {
        List<Object[]> messages = new ArrayList<>();
        messages.add(new Object[] {config.runsTopic, run, new RunEvent.RunStarted(null, run, RunMode.FULL,
                "dentes-freshsales/v1", List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                        SourceResource.PATIENTS), t0)});
        messages.add(new Object[] {config.runsTopic, run,
                new RunEvent.ManifestCounted(null, run, SourceResource.PRACTITIONERS, 3, 0, t0.plusSeconds(1))});
        messages.add(new Object[] {config.runsTopic, run,
                new RunEvent.ManifestCounted(null, run, SourceResource.CLINICS, 2, 0, t0.plusSeconds(2))});
        messages.add(new Object[] {config.runsTopic, run,
                new RunEvent.ManifestCounted(null, run, SourceResource.PATIENTS, 6, 1, t0.plusSeconds(3))});
        messages.add(new Object[] {config.runsTopic, run, new RunEvent.ExtractionFinished(null, run, Map.of(
                SourceResource.PRACTITIONERS, 3L, SourceResource.CLINICS, 2L, SourceResource.PATIENTS, 6L),
                t0.plusSeconds(4))});
        SourceResource pr = SourceResource.PRACTITIONERS;
        SourceResource cl = SourceResource.CLINICS;
        SourceResource pa = SourceResource.PATIENTS;
        List<LoadOutcome> outcomes = List.of(
                Outcomes.of(run, pr, "PR-1", OutcomeKind.LINKED, 0, t0.plusSeconds(5)),
                Outcomes.of(run, pr, "PR-2", OutcomeKind.LINKED, 0, t0.plusSeconds(5)),
                Outcomes.rejected(run, pr, "PR-3", "owner.unmatched", "email",
                        "no Freshsales user has this practitioner's e-mail", t0.plusSeconds(5)),
                Outcomes.of(run, cl, "C-1", OutcomeKind.DEFERRED, 0, t0.plusSeconds(6)),
                Outcomes.of(run, cl, "C-1", OutcomeKind.CREATED, 1, t0.plusSeconds(8)),
                Outcomes.of(run, cl, "C-2", OutcomeKind.CREATED, 1, t0.plusSeconds(7)),
                Outcomes.of(run, pa, "P-1", OutcomeKind.CREATED, 1, t0.plusSeconds(10)),
                Outcomes.of(run, pa, "P-2", OutcomeKind.UPDATED, 1, t0.plusSeconds(10)),
                Outcomes.of(run, pa, "P-3", OutcomeKind.UNCHANGED, 1, t0.plusSeconds(10)),
                Outcomes.rejected(run, pa, "P-4", "email.invalid", "email", "the e-mail address is not valid",
                        t0.plusSeconds(9)),
                Outcomes.of(run, pa, "P-5", OutcomeKind.DEFERRED, 0, t0.plusSeconds(11)),
                Outcomes.failed(run, pa, "P-5", 3, 400, List.of("Mobile number is invalid"), t0.plusSeconds(20)),
                // a late DEFERRED from a replayed loader, an hour after the failure: must not reopen P-5
                Outcomes.of(run, pa, "P-5", OutcomeKind.DEFERRED, 4, t0.plusSeconds(3600)),
                Outcomes.of(run, pa, "P-6", OutcomeKind.DEFERRED, 0, t0.plusSeconds(12)));
        outcomes.forEach(o -> messages.add(new Object[] {config.outcomesTopic, o.sourceId(), o}));
        return messages;
    }

    private void send(List<Object[]> messages) {
        for (Object[] m : messages) {
            kafka.sendJson((String) m[0], (String) m[1], m[2]);
        }
    }

    @Test
    void outcomesInGiveTheRightNumbersBucketsHistoryAndStatus() {
        String run = "run-it-numbers";
        send(scenario(run));

        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .statusCode(200)
                .body("resources.find { it.resource == 'patients' }.terminal", is(5))
                .body("resources.find { it.resource == 'patients' }.manifestCount", is(6))
                .body("resources.find { it.resource == 'clinics' }.created", is(2))
                .body("resources.find { it.resource == 'practitioners' }.linked", is(2))
                .body("extractionFinished", is(true)));

        given().get("/runs/{id}/reconciliation", run).then().statusCode(200).contentType(ContentType.JSON)
                .body("runId", equalTo(run))
                .body("manifestsComplete", is(true))
                .body("balanced", is(false))
                .body("unaccounted", is(1))
                .body("surplus", is(0))
                .body("resources.resource", contains("practitioners", "clinics", "patients"))
                .body("resources[0].linked", is(2))
                .body("resources[0].rejected", is(1))
                .body("resources[0].unaccounted", is(0))
                .body("resources[0].balanced", is(true))
                .body("resources[1].created", is(2))
                .body("resources[1].deferred", is(0))
                .body("resources[1].balanced", is(true))
                .body("resources[2].created", is(1))
                .body("resources[2].updated", is(1))
                .body("resources[2].unchanged", is(1))
                .body("resources[2].rejected", is(1))
                .body("resources[2].failed", is(1))
                .body("resources[2].deferred", is(1))
                .body("resources[2].terminal", is(5))
                .body("resources[2].unaccounted", is(1))
                .body("resources[2].unseen", is(0))
                .body("resources[2].manifestDeleted", is(1))
                .body("resources[2].balanced", is(false));

        // the records behind the numbers
        given().get("/runs/{id}/reconciliation/patients/rejected", run).then().statusCode(200)
                .body("total", is(1))
                .body("items[0].sourceId", equalTo("P-4"))
                .body("items[0].rejection.rule", equalTo("email.invalid"))
                .body("items[0].rejection.field", equalTo("email"))
                .body("items[0].rejection.message", equalTo("the e-mail address is not valid"));
        given().get("/runs/{id}/reconciliation/patients/failed", run).then().statusCode(200)
                .body("total", is(1))
                .body("items[0].sourceId", equalTo("P-5"))
                .body("items[0].kind", equalTo("FAILED"))
                .body("items[0].attempt", is(3))
                .body("items[0].failure.httpStatus", is(400))
                .body("items[0].failure.messages", contains("Mobile number is invalid"))
                .body("items[0].failure.cause", equalTo("target-refused"));
        given().get("/runs/{id}/reconciliation/patients/pending", run).then().statusCode(200)
                .body("total", is(1))
                .body("items.sourceId", contains("P-6"))
                .body("items[0].detail", equalTo("deferred: waiting for clinics C-1"));
        given().get("/runs/{id}/reconciliation/patients/updated", run).then().statusCode(200)
                .body("items.sourceId", contains("P-2"));
        given().get("/runs/{id}/reconciliation/practitioners/rejected", run).then().statusCode(200)
                .body("items[0].sourceId", equalTo("PR-3"))
                .body("items[0].rejection.rule", equalTo("owner.unmatched"));
        given().queryParam("page", 0).queryParam("size", 1)
                .get("/runs/{id}/reconciliation/clinics/created", run).then().statusCode(200)
                .body("total", is(2)).body("items.sourceId", contains("C-1"));
        given().queryParam("page", 1).queryParam("size", 1)
                .get("/runs/{id}/reconciliation/clinics/created", run).then().statusCode(200)
                .body("total", is(2)).body("items.sourceId", contains("C-2"));
        given().get("/runs/{id}/reconciliation/patients/bogus", run).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("unknown bucket"));
        given().queryParam("size", 100_000).get("/runs/{id}/reconciliation/patients/created", run).then()
                .statusCode(400);

        // P-5: every outcome in order, and its state stays FAILED despite the later DEFERRED. Histories span runs
        // (the other tests of this class reuse the ids), so this run's part is picked out.
        String thisRun = "findAll { it.runId == '" + run + "' }";
        given().get("/records/patients/P-5/history").then().statusCode(200)
                .body("outcomes." + thisRun + ".kind", contains("DEFERRED", "FAILED", "DEFERRED"))
                .body("outcomes." + thisRun + ".attempt", contains(0, 3, 4))
                .body("states." + thisRun, hasSize(1))
                .body("states." + thisRun + "[0].kind", equalTo("FAILED"))
                .body("states." + thisRun + "[0].terminal", is(true));
        given().get("/records/clinics/C-1/history").then().statusCode(200)
                .body("outcomes." + thisRun + ".kind", contains("DEFERRED", "CREATED"))
                .body("states." + thisRun + "[0].kind", equalTo("CREATED"));
        given().get("/records/patients/P-2/history").then().statusCode(200)
                .body("outcomes." + thisRun + "[0].changedFields", contains("mobile_number", "cf_treatment_type"));
        given().get("/records/patients/NOPE/history").then().statusCode(404);
        given().get("/records/x-rays/P-1/history").then().statusCode(404);

        given().get("/runs/{id}", run).then().statusCode(200)
                .body("mode", equalTo("FULL"))
                .body("mappingVersion", equalTo("dentes-freshsales/v1"))
                .body("resources", contains("practitioners", "clinics", "patients"))
                .body("status", equalTo("LOADING"))
                .body("statusSource", equalTo("reconciliation"))
                .body("finishedAt", nullValue())
                .body("manifests.resource", contains("practitioners", "clinics", "patients"))
                .body("manifests[2].count", is(6));
        given().get("/runs/nope").then().statusCode(404);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/runs", "/runs/{runId}",
                        "/runs/{runId}/progress", "/runs/{runId}/reconciliation",
                        "/runs/{runId}/reconciliation/{resource}/{bucket}", "/records/{resource}/{sourceId}/history",
                        "/poison"));
        given().get("/runs").then().statusCode(200).body("items.runId", org.hamcrest.Matchers.hasItem(run));

        given().get("/runs/{id}/progress", run).then().statusCode(200)
                .body("manifestTotal", is(11))
                .body("terminal", is(10))
                .body("pending", is(1))
                .body("resources[2].seen", is(6))
                .body("resources[2].pending", is(1))
                .body("resources[2].byKind.CREATED", is(1))
                .body("resources[2].byKind.DEFERRED", is(1))
                .body("resources[2].byKind.FAILED", is(1))
                // every terminal outcome occurred within the last 5 minutes (t0 is a minute ago): 10 per 5 minutes
                .body("ratePerMinute", is(2.0f))
                .body("resources[2].ratePerMinute", is(1.0f))
                // the ETA is the calls still needed over the budget (issue 12): one contact, 0.20 calls, rounds to 1
                .body("resources[2].callsPerRecord", is(0.2f))
                .body("resources[2].callsNeeded", is(1))
                .body("callsNeeded", is(1))
                .body("budget.perHour", is(5000))
                .body("budget.perMinute", is(400))
                .body("budget.remainingThisHour", org.hamcrest.Matchers.lessThan(5000))
                .body("etaMinutes", is(0.0f));

        // the last word for P-6 closes the run
        LoadOutcome p6 = Outcomes.of(run, SourceResource.PATIENTS, "P-6", OutcomeKind.CREATED, 1, t0.plusSeconds(30));
        kafka.sendJson(config.outcomesTopic, "P-6", p6);
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .body("balanced", is(true)).body("unaccounted", is(0)));
        given().get("/runs/{id}", run).then()
                .body("status", equalTo("COMPLETED_WITH_FAILURES"))
                .body("finishedAt", equalTo(t0.plusSeconds(30).toString()));
    }

    @Test
    void replayingTheSameMessagesLeavesEveryNumberIdentical() {
        String run = "run-it-replay";
        List<Object[]> messages = scenario(run);
        send(messages);
        await().atMost(WAIT).until(() -> kafka.caughtUp(config.outcomesGroup, config.outcomesTopic));
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .body("resources[2].terminal", is(5)).body("manifestsComplete", is(true)));
        Map<String, Object> before = snapshot(run);

        // the same messages twice more, the second time shuffled (replays after a crash need not keep order)
        send(messages);
        List<Object[]> shuffled = new ArrayList<>(messages);
        Collections.shuffle(shuffled, new Random(7));
        send(shuffled);
        await().atMost(WAIT).until(() -> kafka.caughtUp(config.outcomesGroup, config.outcomesTopic));

        assertThat(snapshot(run)).isEqualTo(before);
        assertThat(before.get("outcomeRows")).as("14 distinct outcomes, each stored once").isEqualTo(14L);
        assertThat(before.get("stateRows")).isEqualTo(11L);
        assertThat(before.get("runEventRows")).isEqualTo(5L);
    }

    private Map<String, Object> snapshot(String run) {
        Map<String, Object> s = new HashMap<>();
        Map<String, Object> reconciliation = new HashMap<>(
                given().get("/runs/{id}/reconciliation", run).then().statusCode(200).extract().jsonPath().getMap(""));
        reconciliation.remove("generatedAt");
        s.put("reconciliation", reconciliation);
        for (String bucket : List.of("created", "updated", "unchanged", "rejected", "failed", "pending")) {
            s.put("patients/" + bucket, given().get("/runs/{id}/reconciliation/patients/{b}", run, bucket).then()
                    .statusCode(200).extract().jsonPath().getList("items"));
        }
        s.put("P-5", given().get("/records/patients/P-5/history").then().statusCode(200).extract().jsonPath()
                .getList("outcomes.findAll { it.runId == '" + run + "' }"));
        s.put("outcomeRows", db.queryLong("SELECT count(*) FROM " + config.schema + ".outcome WHERE run_id = '" + run + "'"));
        s.put("stateRows", db.queryLong("SELECT count(*) FROM " + config.schema + ".record_state WHERE run_id = '" + run
                + "'"));
        s.put("runEventRows", db.queryLong("SELECT count(*) FROM " + config.schema + ".run_event WHERE run_id = '" + run
                + "'"));
        s.put("runStatus", given().get("/runs/{id}", run).then().extract().jsonPath().getString("status"));
        return s;
    }

    /**
     * Regression: issue 8 hole 6 — reconciliation counted instead of comparing: one missing plus one surplus record
     * read "balanced". Here the patients' counts agree (4 terminal states, manifest of 4), yet two manifest ids have
     * no terminal outcome and two terminal outcomes are for ids the manifest does not hold. End to end through the
     * broker: the id chunks are stored, the run waits for the last chunk and says so, then lists the missing and the
     * surplus; clinics, a manifest of counts only, keep the count arithmetic.
     */
    @Test
    void idSetsFromTheManifestReconcileByIdsAndListTheMissingAndTheSurplus() {
        String run = "run-it-id-sets";
        SourceResource cl = SourceResource.CLINICS;
        SourceResource pa = SourceResource.PATIENTS;
        RunEvent.ManifestIds firstChunk = new RunEvent.ManifestIds(null, run, pa, 0, 2, List.of("P-1", "P-2"),
                t0.plusSeconds(2));
        RunEvent.ManifestIds lastChunk = new RunEvent.ManifestIds(null, run, pa, 1, 2, List.of("P-3", "P-4"),
                t0.plusSeconds(2));
        List<Object[]> messages = new ArrayList<>();
        messages.add(new Object[] {config.runsTopic, run, new RunEvent.RunStarted(null, run, RunMode.FULL,
                "dentes-freshsales/v1", List.of(cl, pa), t0)});
        messages.add(new Object[] {config.runsTopic, run, new RunEvent.ManifestCounted(null, run, cl, 2, 0,
                t0.plusSeconds(1))});
        messages.add(new Object[] {config.runsTopic, run, firstChunk});
        messages.add(new Object[] {config.runsTopic, run, new RunEvent.ManifestCounted(null, run, pa, 4, 0, 2,
                t0.plusSeconds(3))});
        messages.add(new Object[] {config.runsTopic, run, new RunEvent.ExtractionFinished(null, run,
                Map.of(cl, 2L, pa, 4L), t0.plusSeconds(4))});
        for (LoadOutcome o : List.of(
                Outcomes.of(run, cl, "C-1", OutcomeKind.CREATED, 1, t0.plusSeconds(5)),
                Outcomes.of(run, cl, "C-2", OutcomeKind.CREATED, 1, t0.plusSeconds(5)),
                Outcomes.of(run, pa, "P-1", OutcomeKind.CREATED, 1, t0.plusSeconds(6)),
                Outcomes.of(run, pa, "P-2", OutcomeKind.UPDATED, 1, t0.plusSeconds(6)),
                Outcomes.of(run, pa, "P-3", OutcomeKind.DEFERRED, 0, t0.plusSeconds(6)),
                Outcomes.of(run, pa, "P-8", OutcomeKind.CREATED, 1, t0.plusSeconds(7)),
                Outcomes.of(run, pa, "P-9", OutcomeKind.CREATED, 1, t0.plusSeconds(7)))) {
            messages.add(new Object[] {config.outcomesTopic, o.sourceId(), o});
        }
        send(messages);

        // 1. The last chunk of the patients' ids has not arrived: not balanced, and it says why.
        String patients = "resources.find { it.resource == 'patients' }";
        String clinics = "resources.find { it.resource == 'clinics' }";
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .statusCode(200)
                .body(patients + ".terminal", is(4))
                .body(patients + ".idChunksReceived", is(1))
                .body(clinics + ".created", is(2))
                .body("extractionFinished", is(true)));
        given().get("/runs/{id}/reconciliation", run).then()
                .body("manifestsComplete", is(true))
                .body("idsComplete", is(false))
                .body("balanced", is(false))
                .body("unbalancedBecause", contains("patients: waiting for the manifest's ids: 1 of 2 chunks arrived"))
                .body(patients + ".reconciledBy", equalTo("ids"))
                .body(patients + ".idChunks", is(2))
                .body(patients + ".manifestIds", is(2))
                .body(patients + ".missing", nullValue())
                .body(patients + ".balanced", is(false))
                .body(clinics + ".reconciledBy", equalTo("counts"))
                .body(clinics + ".missing", nullValue())
                .body(clinics + ".balanced", is(true));
        given().get("/runs/{id}/reconciliation/patients/missing", run).then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("1 of 2 chunks arrived"));
        given().get("/runs/{id}/reconciliation/clinics/surplus", run).then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("count only"));
        given().get("/runs/{id}", run).then().body("status", equalTo("LOADING"));

        // 2. The last chunk arrives: by counts 4 = 4, by ids 2 missing and 2 surplus.
        kafka.sendJson(config.runsTopic, run, lastChunk);
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .body("idsComplete", is(true)));
        given().get("/runs/{id}/reconciliation", run).then()
                .body("balanced", is(false))
                .body("unaccounted", is(2))
                .body("missing", is(2))
                .body("surplus", is(2))
                .body("unbalancedBecause", contains(
                        "patients: 2 manifest ids have no terminal outcome (1 deferred, 1 never heard of)",
                        "patients: 2 terminal outcomes are for ids the manifest does not hold"))
                .body(patients + ".manifestCount", is(4))
                .body(patients + ".terminal", is(4))
                .body(patients + ".manifestIds", is(4))
                .body(patients + ".idChunksReceived", is(2))
                .body(patients + ".missing", is(2))
                .body(patients + ".unaccounted", is(2))
                .body(patients + ".unseen", is(1))
                .body(patients + ".surplus", is(2))
                .body(patients + ".balanced", is(false));
        given().get("/runs/{id}/reconciliation/patients/missing", run).then().statusCode(200)
                .body("total", is(2))
                .body("items.sourceId", contains("P-3", "P-4"))
                .body("items[0].kind", equalTo("DEFERRED"))
                .body("items[0].detail", equalTo("deferred: waiting for clinics C-1"))
                .body("items[1].kind", nullValue())
                .body("items[1].commandId", nullValue());
        given().queryParam("page", 1).queryParam("size", 1).get("/runs/{id}/reconciliation/patients/missing", run)
                .then().statusCode(200).body("total", is(2)).body("items.sourceId", contains("P-4"));
        given().get("/runs/{id}/reconciliation/patients/surplus", run).then().statusCode(200)
                .body("total", is(2))
                .body("items.sourceId", contains("P-8", "P-9"))
                .body("items[0].kind", equalTo("CREATED"))
                .body("items[0].commandId", equalTo(Outcomes.commandId(run, pa, "P-8")));
        given().get("/runs/{id}/reconciliation/clinics/missing", run).then().statusCode(409);
        given().get("/runs/{id}", run).then()
                .body("manifests.find { it.resource == 'patients' }.idChunks", is(2))
                .body("manifests.find { it.resource == 'patients' }.idChunksReceived", is(2))
                .body("manifests.find { it.resource == 'patients' }.ids", is(4))
                .body("manifests.find { it.resource == 'clinics' }.idChunks", nullValue());

        // 3. A resumed extractor re-publishes every chunk (same command ids, later times): nothing changes.
        kafka.sendJson(config.runsTopic, run, new RunEvent.ManifestIds(null, run, pa, 0, 2, firstChunk.ids(),
                t0.plusSeconds(90)));
        kafka.sendJson(config.runsTopic, run, new RunEvent.ManifestIds(null, run, pa, 1, 2, lastChunk.ids(),
                t0.plusSeconds(90)));
        send(messages);
        await().atMost(WAIT).until(() -> db.queryLong("SELECT count(*) FROM " + config.schema
                + ".run_event WHERE run_id = '" + run + "' AND type = 'MANIFEST_IDS'") == 4);
        await().atMost(WAIT).until(() -> kafka.caughtUp(config.outcomesGroup, config.outcomesTopic));
        assertThat(db.queryLong("SELECT count(*) FROM " + config.schema + ".manifest_id WHERE run_id = '" + run + "'"))
                .isEqualTo(4);
        assertThat(db.queryLong("SELECT count(*) FROM " + config.schema + ".manifest_id_chunk WHERE run_id = '" + run
                + "'")).isEqualTo(2);

        // 4. The missing ones end; the surplus stays: nothing unaccounted, yet UNBALANCED, never COMPLETED.
        kafka.sendJson(config.outcomesTopic, "P-3", Outcomes.of(run, pa, "P-3", OutcomeKind.CREATED, 1,
                t0.plusSeconds(20)));
        kafka.sendJson(config.outcomesTopic, "P-4", Outcomes.rejected(run, pa, "P-4", "email.invalid", "email",
                "the e-mail address is not valid", t0.plusSeconds(20)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}/reconciliation", run).then()
                .body("missing", is(0))
                .body("unaccounted", is(0))
                .body("surplus", is(2))
                .body("balanced", is(false)));
        given().get("/runs/{id}", run).then().body("status", equalTo("UNBALANCED"));
        // The list compares the id sets of a whole page at once: it must say what the run's own view says.
        given().queryParam("size", 100).get("/runs").then().statusCode(200)
                .body("items.find { it.runId == '" + run + "' }.status", equalTo("UNBALANCED"))
                .body("items.find { it.runId == '" + run + "' }.manifests.find { it.resource == 'patients' }.ids",
                        is(4));
    }

    @Test
    void theSqlUpsertPicksTheSameStateAsTheJavaOrder() {
        // Candidates built to collide: equal times with different attempts, kinds and command ids, times equal only
        // after truncation to microseconds, terminal and non-terminal mixed.
        String run = "run-it-sql-precedence";
        Instant base = Instant.parse("2025-03-01T10:00:00Z");
        OutcomeKind[] kinds = OutcomeKind.values();
        Random random = new Random(11);
        for (int record = 0; record < 40; record++) {
            String sourceId = "S-" + record;
            List<LoadOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                OutcomeKind kind = kinds[random.nextInt(kinds.length)];
                Instant at = base.plusNanos(random.nextInt(3) * 1_000L + random.nextInt(999));
                String commandId = "cmd-" + random.nextInt(3);
                outcomes.add(new LoadOutcome(commandId + "-" + sourceId, run, SourceResource.PATIENTS, sourceId, 0,
                        null, kind, null, null, null,
                        kind == OutcomeKind.REJECTED ? new dev.ferry.contracts.Rejection("r", "f", "m") : null,
                        kind == OutcomeKind.FAILED ? new dev.ferry.contracts.TargetFailure(400, List.of(), "c") : null,
                        null, random.nextInt(3), at,
                        kind == OutcomeKind.DOCUMENTED ? dev.ferry.contracts.FerryJson.mapper().createObjectNode()
                                .put("name", "entry") : null));
            }
            // delivered in a random order, with one replay; the first delivered copy of an idempotency key is the
            // one stored, and the state is the greatest stored outcome
            List<LoadOutcome> delivery = new ArrayList<>(outcomes);
            delivery.add(outcomes.get(random.nextInt(outcomes.size())));
            Collections.shuffle(delivery, random);
            Map<String, LoadOutcome> firstCopies = new java.util.LinkedHashMap<>();
            delivery.forEach(o -> firstCopies.putIfAbsent(o.commandId() + "/" + o.kind() + "/" + o.attempt(), o));
            StateCandidate expected = null;
            for (LoadOutcome o : firstCopies.values()) {
                expected = OutcomePrecedence.winner(expected, OutcomeLedger.candidate(o, o.occurredAt()));
            }
            int i = 0;
            while (i < delivery.size()) {
                int n = 1 + random.nextInt(3); // batches of random sizes
                List<Decoded.Event<LoadOutcome>> batch = new ArrayList<>();
                for (LoadOutcome o : delivery.subList(i, Math.min(delivery.size(), i + n))) {
                    batch.add(new Decoded.Event<>(o, new InboundPosition("t", 0, 0, sourceId, 1, base)));
                }
                QuarkusTransaction.requiringNew().run(() -> outcomeLedger.store(batch, Instant.now()));
                i += n;
            }
            StateCandidate want = expected;
            RecordStateEntity stored = QuarkusTransaction.requiringNew().call(() -> RecordStateEntity
                    .findById(new RecordStateEntity.Key(run, "patients", sourceId)));
            assertThat(new StateCandidate(new RecordKey(run, "patients", sourceId), stored.commandId, stored.kind,
                    stored.attempt, stored.occurredAt, null))
                    .as("record %s", sourceId)
                    .isEqualTo(new StateCandidate(want.key(), want.commandId(), want.kind(), want.attempt(),
                            want.occurredAt(), null));
            assertThat(stored.terminal).isEqualTo(want.kind().isTerminal());
        }
    }
}
