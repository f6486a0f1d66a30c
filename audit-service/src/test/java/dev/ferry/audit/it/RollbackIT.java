package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, rollback's audit half on the real broker and PostgreSQL, the loader played by the test: the dry run plans
 * from the ledger without showing a value; the rollback publishes level by level (a level only once every command of
 * the one before has its outcome), ends DONE, and a second rollback publishes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true)
class RollbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A value the run overwrote: in the before-image, never in a response. */
    private static final String VALUE = "Old-Street-Secret 12";

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

    private static LoadOutcome outcome(String run, SourceResource r, String id, FreshsalesTarget t, OutcomeKind kind,
            Long fsId, ObjectNode before, Instant at) {
        return new LoadOutcome(CommandIds.of(run, r, id, 0, "UPSERT"), run, r, id, 0, t, kind, fsId,
                kind == OutcomeKind.UPDATED ? List.of("address") : null, before, null, null, null, 1, at);
    }

    private void send(LoadOutcome o) {
        kafka.sendJson(config.outcomesTopic, o.sourceId(), o);
    }

    private List<LoadCommand> commands(String run) {
        return kafka.readAll(config.commandsTopic, LoadCommand.class).stream().filter(c -> c.runId().equals(run))
                .toList();
    }

    /** The one command published since {@code seen} (partitions are read one after another, so not by position). */
    private LoadCommand newest(String run, List<LoadCommand> seen) {
        List<String> ids = seen.stream().map(LoadCommand::commandId).toList();
        return commands(run).stream().filter(c -> !ids.contains(c.commandId())).findFirst().orElseThrow();
    }

    /** The loader's answer to a rollback command. */
    private void answer(LoadCommand c, OutcomeKind kind, String detail) {
        send(new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(), kind,
                RollbackAddress.freshsalesId(c), null, null, null, null, detail, 1, Instant.now()));
    }

    @Test
    void dryRunThenRollbackLevelByLevelThenASecondRollbackIsANoOp() throws Exception {
        String run = "run-rollback-it";
        ObjectNode before = FerryJson.mapper().createObjectNode().put("address", VALUE);
        send(outcome(run, SourceResource.CLINICAL_NOTES, "N-1", FreshsalesTarget.NOTE, OutcomeKind.CREATED, 501L,
                null, t0.plusSeconds(1)));
        send(outcome(run, SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 502L, null,
                t0.plusSeconds(2)));
        send(outcome(run, SourceResource.CLINICS, "C-1", FreshsalesTarget.SALES_ACCOUNT, OutcomeKind.UPDATED, 503L,
                before, t0.plusSeconds(3)));
        send(outcome(run, SourceResource.PATIENTS, "P-2", FreshsalesTarget.CONTACT, OutcomeKind.UNCHANGED, 504L,
                null, t0.plusSeconds(4)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().post("/runs/{r}/rollback?dryRun=true", run)
                .then().statusCode(200).extract().jsonPath().getInt("leftAlone")).isEqualTo(1));
        String dry = given().post("/runs/{r}/rollback?dryRun=true", run).then().statusCode(200).extract().asString();
        JsonNode plan = FerryJson.mapper().readTree(dry);
        assertThat(plan.path("state").asText()).isEqualTo("DRY_RUN");
        assertThat(plan.path("toDelete").asLong()).isEqualTo(2);
        assertThat(plan.path("toRestore").asLong()).isEqualTo(1);
        assertThat(plan.path("calls").asLong()).isEqualTo(6);
        assertThat(plan.path("etaSeconds").asLong()).isPositive();
        assertThat(dry).as("no value in a dry run").doesNotContain(VALUE).contains("\"address\"");
        assertThat(commands(run)).as("a dry run issues nothing").isEmpty();

        given().post("/runs/{r}/rollback", run).then().statusCode(200);

        // Level 0 (the note) first, and nothing else until its outcome is in.
        await().atMost(WAIT).untilAsserted(() -> assertThat(commands(run)).hasSize(1));
        LoadCommand note = commands(run).get(0);
        assertThat(note.kind()).isEqualTo(CommandKind.DELETE);
        assertThat(note.origin()).isEqualTo(CommandOrigin.ROLLBACK);
        assertThat(RollbackAddress.freshsalesId(note)).isEqualTo(501L);
        Thread.sleep(1500);
        assertThat(commands(run)).as("contacts wait for their notes").hasSize(1);
        answer(note, OutcomeKind.DELETED, "deleted");

        await().atMost(WAIT).untilAsserted(() -> assertThat(commands(run)).hasSize(2));
        LoadCommand contact = newest(run, List.of(note));
        assertThat(contact.target()).isEqualTo(FreshsalesTarget.CONTACT);
        answer(contact, OutcomeKind.SKIPPED, "drift: fields [last_name] changed in Freshsales since Ferry wrote them");

        await().atMost(WAIT).untilAsserted(() -> assertThat(commands(run)).hasSize(3));
        LoadCommand clinic = newest(run, List.of(note, contact));
        assertThat(clinic.kind()).isEqualTo(CommandKind.RESTORE);
        assertThat(clinic.fields().path("address").asText()).as("the before-image goes to the loader")
                .isEqualTo(VALUE);
        answer(clinic, OutcomeKind.RESTORED, "before-image written back with one update");

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/runs/{r}/rollback", run).then()
                .statusCode(200).extract().jsonPath().getString("state")).isEqualTo("DONE"));
        String state = given().get("/runs/{r}/rollback", run).then().extract().asString();
        JsonNode s = FerryJson.mapper().readTree(state);
        assertThat(s.path("deleted").asLong()).isEqualTo(1);
        assertThat(s.path("skipped").asLong()).isEqualTo(1);
        assertThat(s.path("restored").asLong()).isEqualTo(1);
        assertThat(state).doesNotContain(VALUE).contains("drift: fields [last_name]");

        // A second rollback: nothing left to do (the drifted contact stays reported, not re-sent).
        String again = given().post("/runs/{r}/rollback", run).then().statusCode(200).extract().asString();
        assertThat(FerryJson.mapper().readTree(again).path("state").asText()).isEqualTo("DONE");
        Thread.sleep(1500);
        assertThat(commands(run)).hasSize(3);

        // Forced: only the drifted contact goes again, as another command.
        given().post("/runs/{r}/rollback?force=true", run).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(commands(run)).hasSize(4));
        LoadCommand forced = newest(run, List.of(note, contact, clinic));
        assertThat(RollbackAddress.forced(forced)).isTrue();
        assertThat(forced.sourceId()).isEqualTo("P-1");
        assertThat(forced.commandId()).isNotEqualTo(contact.commandId());
    }

    @Test
    void anUnknownRunIsNotFound() {
        given().post("/runs/{r}/rollback?dryRun=true", "no-such-run").then().statusCode(404);
        given().get("/runs/{r}/rollback", "no-such-run").then().statusCode(404);
    }
}
