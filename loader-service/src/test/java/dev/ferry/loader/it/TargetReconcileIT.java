package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.loader.reconcile.FindingKind;
import dev.ferry.loader.reconcile.TargetFinding;
import dev.ferry.loader.reconcile.TargetReconciler;
import dev.ferry.loader.reconcile.TargetReconciliation;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12's reconciliation, layer 3, on the loader's real id ledger (PostgreSQL) and the Freshsales sandbox: a run's
 * records read back clean; a record of another run is neither checked nor surplus; then a person changes a contact,
 * moves a task to another contact, deletes a note and creates a contact with a Dr.DENTES id Ferry never wrote, and the
 * next read-back names exactly those four, values only when asked for by a role allowed to see them.
 */
@QuarkusTest
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetReconcileIT {

    @Inject
    LoaderItConfig config;

    @Inject
    TargetReconciler reconciler;

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

    private Map<String, LoadOutcome> load(List<LoadCommand> cmds) {
        kafka.send(config.commands, cmds);
        Map<String, LoadOutcome> result = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(config.outcomes);
            for (LoadCommand c : cmds) {
                List<LoadOutcome> terminal = by.getOrDefault(c.commandId(), List.of()).stream()
                        .filter(o -> o.kind().isTerminal()).toList();
                assertThat(terminal).as("terminal outcome of %s", c.sourceId()).isNotEmpty();
                result.put(c.commandId(), terminal.get(terminal.size() - 1));
            }
        });
        return result;
    }

    @Test
    void aCleanRunThenAChangedContactAMovedTaskADeletedNoteAndASurplusContactAreNamed() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 6);
        String run = "run-rc-" + s;
        String other = "run-rc-other-" + s;
        LoadCommand clinic = TestCommands.clinic(run, "C-RC" + s, "Reconcile Clinic " + s);
        LoadCommand patient = TestCommands.patient(run, "P-RC" + s, "C-RC" + s, false, "Original");
        LoadCommand appointment = TestCommands.appointment(run, "A-RC" + s, "P-RC" + s);
        LoadCommand recall = TestCommands.recall(run, "R-RC" + s, "P-RC" + s);
        LoadCommand note = TestCommands.note(run, "N-RC" + s, "P-RC" + s, 0);
        LoadCommand elsewhere = TestCommands.patient(other, "P-RO" + s, null, true);
        load(List.of(clinic));
        Map<String, LoadOutcome> patients = load(List.of(patient, elsewhere));
        Map<String, LoadOutcome> children = load(List.of(appointment, recall, note));
        long contact = patients.get(patient.commandId()).freshsalesId();
        long otherContact = patients.get(elsewhere.commandId()).freshsalesId();
        long task = children.get(recall.commandId()).freshsalesId();
        long noteId = children.get(note.commandId()).freshsalesId();

        TargetReconciliation clean = reconciler.reconcile(run, false);
        assertThat(clean.findings()).as(clean.toString()).isEmpty();
        assertThat(clean.clean()).isTrue();
        // The other run's patient is not this run's: not checked, and not surplus either (the ledger knows it).
        assertThat(clean.records()).isEqualTo(5);
        assertThat(clean.checked()).isEqualTo(5);
        // One view call per core collection (plus its filters lookup), a listing per other, one call for the notes of
        // the one parent: never one GET per record.
        assertThat(clean.calls()).isPositive().isLessThanOrEqualTo(10);

        sandbox.api("PUT", "/contacts/" + contact, "{\"contact\":{\"last_name\":\"Changed By Hand\"}}");
        sandbox.api("PUT", "/tasks/" + task, "{\"task\":{\"targetable_type\":\"Contact\",\"targetable_id\":"
                + otherContact + "}}");
        sandbox.api("DELETE", "/notes/" + noteId, null);
        String stranger = "{\"contact\":{\"first_name\":\"Not\",\"last_name\":\"Ferry\",\"email\":"
                + "\"not.ferry@planted.test\",\"custom_field\":{\"cf_dentes_id\":\"P-NEVER" + s + "\"}}}";
        long surplus = sandbox.api("POST", "/contacts", stranger).path("contact").path("id").asLong();

        TargetReconciliation found = reconciler.reconcile(run, true);
        assertThat(found.clean()).isFalse();
        assertThat(found.findings()).extracting(TargetFinding::kind, TargetFinding::target, TargetFinding::freshsalesId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FindingKind.MISSING, "notes", noteId),
                        org.assertj.core.groups.Tuple.tuple(FindingKind.DRIFT, "contacts", contact),
                        org.assertj.core.groups.Tuple.tuple(FindingKind.ORPHAN, "tasks", task),
                        org.assertj.core.groups.Tuple.tuple(FindingKind.SURPLUS, "contacts", surplus));
        TargetFinding drift = found.findings().get(1);
        assertThat(drift.record()).isEqualTo("patients/P-RC" + s);
        assertThat(drift.fields()).containsExactly("last_name");
        assertThat(drift.values()).singleElement().satisfies(v -> {
            assertThat(v.expected().asText()).isEqualTo("Original");
            assertThat(v.actual().asText()).isEqualTo("Changed By Hand");
        });
        assertThat(found.findings().get(2).detail()).isEqualTo("linked to Contact:" + otherContact
                + ", Ferry linked Contact:" + contact);
        assertThat(found.findings().get(3).dentesId()).isEqualTo("P-NEVER" + s);
        // Without the right to see values, the same findings carry names only.
        assertThat(reconciler.reconcile(run, false).findings()).allSatisfy(f -> assertThat(f.values()).isEmpty());
    }
}
