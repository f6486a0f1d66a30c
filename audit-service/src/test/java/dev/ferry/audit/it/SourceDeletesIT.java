package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.RollbackAddress;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, the operator's request to delete in Freshsales what the source deleted after it was migrated, on the real
 * broker and PostgreSQL, the loader played by the test: a full run loads a patient, its note and an unrelated
 * patient; a delta flags the patient and the note {@code REJECTED record.deleted} (and a third record that was never
 * loaded). The dry run lists exactly the two deletes; the request publishes the note's DELETE alone, the contact's
 * only after the note's outcome, both as the delta's commands; the records then end DELETED in the delta, the audit's
 * unsettled list no longer holds them, and a second request publishes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true)
class SourceDeletesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AuditItConfig config;

    private TestKafka kafka;
    private final Instant t0 = Instant.now().minusSeconds(600);

    @BeforeEach
    void clients() {
        kafka = new TestKafka();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private void send(LoadOutcome o) {
        kafka.sendJson(config.outcomesTopic, o.sourceId(), o);
    }

    private void loaded(String run, SourceResource r, String id, FreshsalesTarget t, long fsId, int second) {
        send(new LoadOutcome(CommandIds.of(run, r, id, 0, "UPSERT"), run, r, id, 0, t, OutcomeKind.CREATED, fsId,
                null, null, null, null, null, 1, t0.plusSeconds(second)));
    }

    private void flagged(String run, SourceResource r, String id, FreshsalesTarget t, int second) {
        send(new LoadOutcome(CommandIds.of(run, r, id, 0, "UPSERT"), run, r, id, 0, t, OutcomeKind.REJECTED, null,
                null, null, new Rejection("record.deleted", "deleted", "deleted in the source"), null, null, 1,
                t0.plusSeconds(second)));
    }

    private List<LoadCommand> commands(String run) {
        return kafka.readAll(config.commandsTopic, LoadCommand.class).stream().filter(c -> c.runId().equals(run))
                .toList();
    }

    private void answer(LoadCommand c, OutcomeKind kind) {
        send(new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(), kind,
                RollbackAddress.freshsalesId(c), null, null, null, null, "deleted", 1, Instant.now()));
    }

    private List<String> unsettled(String resource) {
        List<String> ids = new ArrayList<>();
        given().get("/records/unsettled?resource=" + resource).then().statusCode(200).extract().jsonPath()
                .getList("ids", String.class).forEach(ids::add);
        return ids;
    }

    @Test
    void theDeltasSourceDeletesAreDeletedChildrenFirstOnceAndNoLongerFlagged() throws Exception {
        String full = "run-sd-full";
        String delta = "run-sd-delta";
        loaded(full, SourceResource.PATIENTS, "P-SD-1", FreshsalesTarget.CONTACT, 701L, 1);
        loaded(full, SourceResource.CLINICAL_NOTES, "N-SD-1", FreshsalesTarget.NOTE, 702L, 2);
        loaded(full, SourceResource.PATIENTS, "P-SD-2", FreshsalesTarget.CONTACT, 703L, 3);
        // The delta must be the newer run to the ledger (first seen after the full run: no run events here).
        for (String id : List.of("patients/P-SD-1", "clinical-notes/N-SD-1", "patients/P-SD-2")) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/records/" + id + "/history").then()
                    .extract().jsonPath().getList("states")).isNotEmpty());
        }
        flagged(delta, SourceResource.PATIENTS, "P-SD-1", FreshsalesTarget.CONTACT, 10);
        flagged(delta, SourceResource.CLINICAL_NOTES, "N-SD-1", FreshsalesTarget.NOTE, 11);
        // Soft-deleted before it was ever migrated: flagged, but nothing of it is in Freshsales.
        flagged(delta, SourceResource.PATIENTS, "P-SD-3", FreshsalesTarget.CONTACT, 12);

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().post("/runs/{r}/source-deletes?dryRun=true",
                delta).then().statusCode(200).extract().jsonPath().getInt("toDelete")).isEqualTo(2));
        JsonNode plan = FerryJson.mapper().readTree(given().post("/runs/{r}/source-deletes?dryRun=true", delta)
                .then().statusCode(200).extract().asString());
        assertThat(plan.path("state").asText()).isEqualTo("DRY_RUN");
        assertThat(plan.path("calls").asLong()).isEqualTo(4);
        assertThat(plan.path("etaSeconds").asLong()).isPositive();
        List<String> listed = new ArrayList<>();
        plan.path("records").forEach(e -> listed.add(e.path("action").asText() + " " + e.path("sourceId").asText()
                + " " + e.path("freshsalesId").asLong()));
        assertThat(listed).containsExactly("DELETE N-SD-1 702", "DELETE P-SD-1 701");
        assertThat(commands(delta)).as("a dry run issues nothing").isEmpty();
        assertThat(unsettled("patients")).contains("P-SD-1", "P-SD-3").doesNotContain("P-SD-2");

        given().post("/runs/{r}/source-deletes", delta).then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(commands(delta)).hasSize(1));
        LoadCommand note = commands(delta).get(0);
        assertThat(note.kind()).isEqualTo(CommandKind.DELETE);
        assertThat(note.origin()).isEqualTo(CommandOrigin.ROLLBACK);
        assertThat(note.sourceId()).isEqualTo("N-SD-1");
        assertThat(RollbackAddress.freshsalesId(note)).isEqualTo(702L);
        assertThat(RollbackAddress.forced(note)).isFalse();
        Thread.sleep(1500);
        assertThat(commands(delta)).as("the contact waits for its note").hasSize(1);
        answer(note, OutcomeKind.DELETED);

        await().atMost(WAIT).untilAsserted(() -> assertThat(commands(delta)).hasSize(2));
        LoadCommand contact = commands(delta).stream().filter(c -> !c.commandId().equals(note.commandId()))
                .findFirst().orElseThrow();
        assertThat(contact.sourceId()).isEqualTo("P-SD-1");
        assertThat(RollbackAddress.freshsalesId(contact)).isEqualTo(701L);
        answer(contact, OutcomeKind.DELETED);

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/runs/{r}/rollback", delta).then()
                .statusCode(200).extract().jsonPath().getString("state")).isEqualTo("DONE"));
        assertThat(given().get("/runs/{r}/rollback", delta).then().extract().jsonPath().getInt("deleted"))
                .isEqualTo(2);
        // Deleted records are settled: the next delta does not read them again; the never-loaded one stays flagged.
        await().atMost(WAIT).untilAsserted(() -> assertThat(unsettled("patients")).doesNotContain("P-SD-1")
                .contains("P-SD-3"));
        assertThat(unsettled("clinical-notes")).doesNotContain("N-SD-1");
        assertThat(commands(full)).as("nothing is issued for the loading run").isEmpty();

        // A second request deletes nothing.
        JsonNode again = FerryJson.mapper().readTree(given().post("/runs/{r}/source-deletes", delta).then()
                .statusCode(200).extract().asString());
        assertThat(again.path("state").asText()).isEqualTo("DONE");
        assertThat(again.path("toDelete").asLong()).isZero();
        assertThat(again.path("alreadyRolledBack").asLong()).isEqualTo(2);
        Thread.sleep(1500);
        assertThat(commands(delta)).hasSize(2);
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().post("/runs/{r}/source-deletes?dryRun=true", "no-such-run").then().statusCode(404);
    }
}
