package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RollbackAddress;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, rollback's loader half against the Freshsales sandbox: DELETE and RESTORE commands, each idempotent (a
 * command given again ends the same, with no second write), drift left alone and named unless forced.
 */
@QuarkusTest
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackIT {

    private static final String API = "/crm/sales/api";

    @Inject
    LoaderItConfig config;

    private TestKafka kafka;
    private SandboxAdmin sandbox;

    @BeforeAll
    void connect() {
        kafka = new TestKafka(config.bootstrap);
        sandbox = new SandboxAdmin(config.sandboxUrl);
        sandbox.configure("{\"faults\":{\"dropResponseAfterCommitRate\":0,\"bulkUpsert405Rate\":0,\"serverErrorRate\":0}}");
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    private static String run() {
        return "run-rb-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private Map<String, LoadOutcome> load(List<LoadCommand> cmds) {
        kafka.send(config.commands, cmds);
        Map<String, LoadOutcome> result = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(config.outcomes);
            for (LoadCommand c : cmds) {
                List<LoadOutcome> terminal = by.getOrDefault(c.commandId(), List.of()).stream()
                        .filter(o -> o.kind().isTerminal()).toList();
                assertThat(terminal).as("terminal outcome of %s %s", c.kind(), c.sourceId()).isNotEmpty();
                result.put(c.commandId(), terminal.get(terminal.size() - 1));
            }
        });
        return result;
    }

    private LoadOutcome loadOne(LoadCommand cmd) {
        return load(List.of(cmd)).get(cmd.commandId());
    }

    /** A rollback command for what {@code done} reported, as the audit's planner issues it. */
    private static LoadCommand rollback(LoadCommand original, LoadOutcome done, CommandKind kind, ObjectNode image,
            boolean force) {
        return new LoadCommand(RollbackAddress.commandId(original.runId(), original.resource(), original.sourceId(),
                original.part(), kind, force), original.runId(), kind, CommandOrigin.ROLLBACK, original.resource(),
                original.sourceId(), original.part(), original.target(), null,
                RollbackAddress.identifier(done.freshsalesId(), force), image, original.partitionKey(), null, null,
                List.of());
    }

    private boolean live(String module, long id) {
        return sandbox.records(module).stream().anyMatch(r -> r.path("id").asLong() == id);
    }

    @Test
    void deletesWhatARunCreatedChildrenFirstAndADeleteGivenAgainIsDeletedWithoutACall() {
        String run = run();
        LoadCommand clinic = TestCommands.clinic(run, "C-RB1", "Rollback Clinic " + run);
        LoadCommand patient = TestCommands.patient(run, "P-RB1", "C-RB1", false);
        LoadCommand appointment = TestCommands.appointment(run, "A-RB1", "P-RB1");
        LoadCommand recall = TestCommands.recall(run, "R-RB1", "P-RB1");
        LoadCommand note = TestCommands.note(run, "N-RB1", "P-RB1", 0);
        LoadCommand imaging = TestCommands.imaging(run, "I-RB1", "P-RB1", "CBCT");
        loadOne(clinic);
        loadOne(patient);
        List<LoadCommand> children = List.of(appointment, recall, note, imaging);
        Map<String, LoadOutcome> created = new HashMap<>(load(children));
        created.put(clinic.commandId(), loadOne(clinic));
        created.put(patient.commandId(), loadOne(patient));
        List<LoadCommand> all = new ArrayList<>(children);
        all.add(patient);
        all.add(clinic);
        assertThat(all).allSatisfy(c -> assertThat(created.get(c.commandId()).freshsalesId()).isNotNull());

        long readsBefore = reads();
        long deletesBefore = deleteCalls();
        List<LoadCommand> deletes = new ArrayList<>();
        for (LoadCommand c : all) {
            deletes.add(rollback(c, created.get(c.commandId()), CommandKind.DELETE, null, false));
        }
        // Children before parents, a level at a time, as the planner sends them.
        Map<String, LoadOutcome> deleted = new HashMap<>(load(deletes.subList(0, 4)));
        deleted.putAll(load(deletes.subList(4, 5)));
        deleted.putAll(load(deletes.subList(5, 6)));

        assertThat(deleted.values()).extracting(LoadOutcome::kind).containsOnly(OutcomeKind.DELETED);
        assertThat(live("sales_activities", created.get(appointment.commandId()).freshsalesId())).isFalse();
        assertThat(live("tasks", created.get(recall.commandId()).freshsalesId())).isFalse();
        assertThat(live("notes", created.get(note.commandId()).freshsalesId())).isFalse();
        assertThat(live(TestCommands.IMAGING, created.get(imaging.commandId()).freshsalesId())).isFalse();
        assertThat(live("contacts", created.get(patient.commandId()).freshsalesId())).isFalse();
        assertThat(live("sales_accounts", created.get(clinic.commandId()).freshsalesId())).isFalse();

        // What the audit's dry run charges: two calls a record, a read (a note's: its parent's listing) and the delete.
        assertThat(reads() - readsBefore).as("one read a record").isEqualTo(6);
        assertThat(deleteCalls() - deletesBefore).as("one DELETE a record").isEqualTo(6);

        long deleteCalls = deleteCalls();
        // A re-publish after a crash: the same commands again. Nothing left to delete, nothing fails.
        kafka.send(config.commands, deletes);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(config.outcomes);
            for (LoadCommand d : deletes) {
                assertThat(by.get(d.commandId())).hasSize(2).allMatch(o -> o.kind() == OutcomeKind.DELETED);
            }
        });
        assertThat(deleteCalls()).as("no second DELETE is sent").isEqualTo(deleteCalls);

        // The ledger forgot the deleted records: the same patient loaded again is created anew, not UNCHANGED.
        LoadCommand again = TestCommands.patient(run + "-again", "P-RB1", null, false);
        assertThat(loadOne(again).kind()).isEqualTo(OutcomeKind.CREATED);
    }

    /** The reads a rollback makes of these six records' kinds. */
    private long reads() {
        return sandbox.calls("GET " + API + "/sales_activities/{id}") + sandbox.calls("GET " + API + "/tasks/{id}")
                + sandbox.calls("GET " + API + "/contacts/{id}/notes")
                + sandbox.calls("GET " + API + "/custom_module/{entity}/{id}")
                + sandbox.calls("GET " + API + "/contacts/{id}") + sandbox.calls("GET " + API + "/sales_accounts/{id}");
    }

    private long deleteCalls() {
        JsonNodeTotals t = new JsonNodeTotals(sandbox.summary());
        return t.prefixed("DELETE ");
    }

    /** Sums the sandbox's per-endpoint totals whose key starts with a prefix. */
    private record JsonNodeTotals(com.fasterxml.jackson.databind.JsonNode summary) {
        long prefixed(String prefix) {
            long[] n = {0};
            summary.path("byEndpoint").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith(prefix)) {
                    n[0] += e.getValue().path("total").asLong();
                }
            });
            return n[0];
        }
    }

    @Test
    void aRecordAPersonEditedSinceFerryWroteItIsLeftAloneAndNamedUnlessForced() {
        String run = run();
        LoadCommand patient = TestCommands.patient(run, "P-RB2", null, false);
        LoadOutcome created = loadOne(patient);
        sandbox.api("PUT", "/contacts/" + created.freshsalesId(), "{\"contact\": {\"last_name\": \"Edited by staff\"}}");

        LoadOutcome skipped = loadOne(rollback(patient, created, CommandKind.DELETE, null, false));

        assertThat(skipped.kind()).isEqualTo(OutcomeKind.SKIPPED);
        assertThat(skipped.detail()).startsWith("drift: fields [last_name]").doesNotContain("Edited");
        assertThat(live("contacts", created.freshsalesId())).isTrue();

        LoadOutcome forced = loadOne(rollback(patient, created, CommandKind.DELETE, null, true));
        assertThat(forced.kind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(forced.detail()).contains("forced");
        assertThat(live("contacts", created.freshsalesId())).isFalse();
    }

    @Test
    void restoreWritesTheBeforeImageBackWithOneUpdateOnceAndLeavesADriftedRecordAlone() {
        String run = run();
        LoadOutcome created = loadOne(TestCommands.patient(run, "P-RB3", null, false, "Before"));
        LoadCommand v2 = TestCommands.patient(run + "-2", "P-RB3", null, false, "After");
        LoadOutcome updated = loadOne(v2);
        assertThat(updated.kind()).isEqualTo(OutcomeKind.UPDATED);
        assertThat(updated.freshsalesId()).isEqualTo(created.freshsalesId());

        long puts = sandbox.calls("PUT " + API + "/contacts/{id}");
        LoadCommand restore = rollback(v2, updated, CommandKind.RESTORE, updated.beforeImage(), false);
        LoadOutcome restored = loadOne(restore);

        assertThat(restored.kind()).isEqualTo(OutcomeKind.RESTORED);
        assertThat(restored.changedFields()).containsExactly("last_name");
        assertThat(sandbox.calls("PUT " + API + "/contacts/{id}") - puts).as("one update").isEqualTo(1);
        assertThat(contact(created.freshsalesId()).path("last_name").asText()).isEqualTo("Before");

        kafka.send(config.commands, List.of(restore));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                kafka.outcomesByCommand(config.outcomes).get(restore.commandId())).hasSize(2)
                .allMatch(o -> o.kind() == OutcomeKind.RESTORED));
        assertThat(sandbox.calls("PUT " + API + "/contacts/{id}") - puts).as("given again: no second update")
                .isEqualTo(1);

        // A third run writes again, then a person edits the field: the restore leaves it alone.
        LoadCommand v3 = TestCommands.patient(run + "-3", "P-RB3", null, false, "Third");
        LoadOutcome updated3 = loadOne(v3);
        sandbox.api("PUT", "/contacts/" + created.freshsalesId(), "{\"contact\": {\"last_name\": \"Staff\"}}");
        LoadOutcome skipped = loadOne(rollback(v3, updated3, CommandKind.RESTORE, updated3.beforeImage(), false));
        assertThat(skipped.kind()).isEqualTo(OutcomeKind.SKIPPED);
        assertThat(skipped.detail()).startsWith("drift: fields [last_name]");
        assertThat(contact(created.freshsalesId()).path("last_name").asText()).isEqualTo("Staff");
    }

    private ObjectNode contact(long id) {
        return sandbox.records("contacts").stream().filter(r -> r.path("id").asLong() == id).findFirst().orElseThrow();
    }

    @Test
    void aParentDeletedWhileAChildIsStillThereEndsWithWhatTheTargetAnswered() {
        String run = run();
        LoadCommand patient = TestCommands.patient(run, "P-RB4", null, false);
        LoadOutcome created = loadOne(patient);
        loadOne(TestCommands.recall(run, "R-RB4", "P-RB4"));

        LoadOutcome parent = loadOne(rollback(patient, created, CommandKind.DELETE, null, false));

        // The sandbox, like Freshsales, deletes a contact with tasks (they stay, their parent in the recycle bin).
        assertThat(parent.kind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(parent.target()).isEqualTo(FreshsalesTarget.CONTACT);
    }
}
