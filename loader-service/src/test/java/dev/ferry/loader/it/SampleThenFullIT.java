package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.ferry.testsupport.security.TestTokens.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.TypedRef;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.readback.ExpectedRecord;
import dev.ferry.loader.readback.FieldVerdict;
import dev.ferry.loader.readback.SampleDiff;
import dev.ferry.loader.readback.SampleDiffer;
import dev.ferry.loader.readback.TargetReadBack;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11 step 4 on the real broker, PostgreSQL and the Freshsales sandbox: a sample's records are read back and
 * compared field by field (contacts through the recently-updated view, not one GET each), and a later full run of
 * the same practice updates the sampled records instead of duplicating them, because the loader's id ledger is keyed
 * by source record, not by run.
 */
@QuarkusTest
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleThenFullIT {

    private static final String API = "/crm/sales/api";

    @Inject
    LoaderItConfig config;
    @Inject
    FreshsalesClient client;

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

    private Map<String, LoadOutcome> awaitTerminal(List<LoadCommand> cmds) {
        Map<String, LoadOutcome> result = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(config.outcomes);
            for (LoadCommand c : cmds) {
                List<LoadOutcome> terminal = by.getOrDefault(c.commandId(), List.of()).stream()
                        .filter(o -> o.kind().isTerminal()).toList();
                assertThat(terminal).as("terminal outcome of %s", c.sourceId()).isNotEmpty();
                result.put(c.commandId(), terminal.get(0));
            }
        });
        return result;
    }

    /**
     * What the test commands promise: their fields, links set aside (references, and {@code targetable_type}, which
     * Suite answers as {@code targetables}; links are reconciliation's to check) and the e-mail's input shape.
     */
    private static ObjectNode promised(LoadCommand c) {
        ObjectNode e = c.fields().deepCopy();
        e.remove(List.of("sales_accounts", "emails", "targetable_id", "targetable_type", "parent_sales_account_id"));
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            if (TypedRef.fromNode(it.next().getValue()) != null) {
                it.remove();
            }
        }
        return e;
    }

    private static List<ExpectedRecord> expectations(List<LoadCommand> cmds, Map<String, LoadOutcome> outcomes) {
        List<ExpectedRecord> out = new ArrayList<>();
        for (LoadCommand c : cmds) {
            out.add(new ExpectedRecord(c.resource().path(), c.sourceId(), WriteTarget.of(c),
                    outcomes.get(c.commandId()).freshsalesId(), promised(c)));
        }
        return out;
    }

    private long countWith(String module, String prefix) {
        return sandbox.records(module).stream()
                .filter(r -> r.path("custom_field").path("cf_dentes_id").asText().startsWith(prefix)).count();
    }

    @Test
    void aSampleReadsBackEqualAndALaterFullRunUpdatesItsRecordsInsteadOfDuplicatingThem() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sampleRun = "run-sample-" + tag.toLowerCase();
        List<LoadCommand> sample = new ArrayList<>();
        sample.add(TestCommands.clinic(sampleRun, "C-" + tag, "Sample clinic " + tag));
        for (int i = 1; i <= 12; i++) {
            sample.add(TestCommands.patient(sampleRun, "P-" + tag + "-" + i, "C-" + tag, false));
        }
        for (int i = 1; i <= 3; i++) {
            sample.add(TestCommands.appointment(sampleRun, "A-" + tag + "-" + i, "P-" + tag + "-" + i));
        }
        sample.add(TestCommands.recall(sampleRun, "R-" + tag + "-1", "P-" + tag + "-1"));
        kafka.send(config.commands, sample);
        Map<String, LoadOutcome> loaded = awaitTerminal(sample);
        assertThat(loaded.values()).allMatch(o -> o.kind() == OutcomeKind.CREATED);

        long viewsBefore = sandbox.calls("GET " + API + "/contacts/view/{view_id}");
        long getsBefore = sandbox.calls("GET " + API + "/contacts/{id}");
        SampleDiff diff = new SampleDiffer(new TargetReadBack(client)).diff(sampleRun, expectations(sample, loaded));

        assertThat(diff.fieldsNotEqual()).as("fields not equal").isEmpty();
        assertThat(diff.records()).hasSize(sample.size()).allMatch(r -> r.found());
        assertThat(diff.fields()).extracting(f -> f.resource() + "." + f.field())
                .contains("patients.first_name", "patients.custom_field.cf_recall_interval_months",
                        "appointments.title", "recalls.status", "clinics.name");
        assertThat(sandbox.calls("GET " + API + "/contacts/view/{view_id}") - viewsBefore)
                .as("12 contacts in one view page").isEqualTo(1);
        assertThat(sandbox.calls("GET " + API + "/contacts/{id}")).as("no GET per contact").isEqualTo(getsBefore);

        // The same through POST /sample-diff: the loader finds each record in its ledger; one never written is missing.
        String body = "{\"runId\": \"" + sampleRun + "\", \"records\": ["
                + "{\"resource\": \"patients\", \"sourceId\": \"P-" + tag + "-3\", \"expected\": "
                + promised(sample.get(3)) + "},"
                + "{\"resource\": \"patients\", \"sourceId\": \"P-" + tag + "-99\", \"expected\": "
                + "{\"first_name\": \"Test\"}}]}";
        given().contentType("application/json").accept("application/json").body(body)
                .post("/sample-diff").then()
                .statusCode(200)
                .body("records[0].found", equalTo(true))
                .body("records[0].fields.verdict", everyItem(equalTo("EQUAL")))
                .body("records[1].found", equalTo(false))
                .body("records[1].fields[0].verdict", equalTo("MISSING"));
        String page = given().contentType("application/json").accept("text/markdown")
                .body(body).post("/sample-diff").then().statusCode(200).extract().asString();
        assertThat(page).contains("| patients | `first_name` | 1 | 0 | 1 |", "| P-" + tag + "-99 | not written |");

        // A record changed in Freshsales since the sample was written shows as that one field, both values shown.
        long changed = loaded.get(sample.get(1).commandId()).freshsalesId();
        sandbox.api("PUT", "/contacts/" + changed, "{\"contact\":{\"first_name\":\"Edited\"}}");
        SampleDiff drifted = new SampleDiffer(new TargetReadBack(client)).diff(sampleRun, expectations(sample, loaded));
        assertThat(drifted.fieldsNotEqual()).containsExactly("patients.first_name");
        assertThat(drifted.records().get(1).fields()).filteredOn(f -> f.verdict() != FieldVerdict.EQUAL)
                .singleElement().satisfies(f -> {
                    assertThat(f.expected().asText()).isEqualTo("Test");
                    assertThat(f.actual().asText()).isEqualTo("Edited");
                });

        // The full run: the sampled records again (one patient changed in the source) and the rest of the practice.
        String fullRun = "run-full-" + tag.toLowerCase();
        List<LoadCommand> full = new ArrayList<>();
        full.add(TestCommands.clinic(fullRun, "C-" + tag, "Sample clinic " + tag));
        for (int i = 1; i <= 20; i++) {
            full.add(i == 5 ? TestCommands.patient(fullRun, "P-" + tag + "-5", "C-" + tag, false, "Renamed")
                    : TestCommands.patient(fullRun, "P-" + tag + "-" + i, "C-" + tag, false));
        }
        for (int i = 1; i <= 6; i++) {
            full.add(TestCommands.appointment(fullRun, "A-" + tag + "-" + i, "P-" + tag + "-" + i));
        }
        full.add(TestCommands.recall(fullRun, "R-" + tag + "-1", "P-" + tag + "-1"));
        kafka.send(config.commands, full);
        Map<String, LoadOutcome> fullOutcomes = awaitTerminal(full);

        Map<String, LoadOutcome> sampledBySource = new HashMap<>();
        sample.forEach(c -> sampledBySource.put(c.resource().path() + "/" + c.sourceId(), loaded.get(c.commandId())));
        for (LoadCommand c : full) {
            LoadOutcome o = fullOutcomes.get(c.commandId());
            LoadOutcome before = sampledBySource.get(c.resource().path() + "/" + c.sourceId());
            if (before == null) {
                assertThat(o.kind()).as("new in the full run: %s", c.sourceId()).isEqualTo(OutcomeKind.CREATED);
            } else {
                assertThat(o.freshsalesId()).as("same record as the sample's: %s", c.sourceId())
                        .isEqualTo(before.freshsalesId());
                assertThat(o.kind()).as("%s", c.sourceId()).isIn(OutcomeKind.UNCHANGED, OutcomeKind.UPDATED);
            }
        }
        assertThat(fullOutcomes.get(full.get(5).commandId()).kind()).isEqualTo(OutcomeKind.UPDATED);
        assertThat(countWith("contacts", "P-" + tag + "-")).isEqualTo(20);
        assertThat(countWith("sales_accounts", "C-" + tag)).isEqualTo(1);
        assertThat(countWith("sales_activities", "A-" + tag + "-")).isEqualTo(6);
        assertThat(countWith("tasks", "R-" + tag + "-")).isEqualTo(1);
    }
}
