package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.loader.binding.PayloadHash;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ambiguous writes: answers lost after the sandbox committed, 405s on bulk_upsert, 5xx, and an intent a dead process
 * left open. Nothing may be lost and nothing written twice; intents are resolved by lookup before any retry.
 */
@QuarkusTest
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostResponsesIT {

    @Inject
    LoaderItConfig config;

    @Inject
    Jdbc jdbc;
    @Inject
    IdLedger ledger;

    private TestKafka kafka;
    private SandboxAdmin sandbox;

    @BeforeAll
    void connect() {
        kafka = new TestKafka(config.bootstrap);
        sandbox = new SandboxAdmin(config.sandboxUrl);
    }

    /**
     * Before each test and after each: the sandbox is shared by every IT class of the module, and a fault left on
     * (40 % lost answers) made the next class's write counts wrong (LoadFlowIT counted two PUTs for one update in CI,
     * where this class ran before it).
     */
    @BeforeEach
    @org.junit.jupiter.api.AfterEach
    void noFaults() {
        sandbox.configure("{\"faults\":{\"dropResponseAfterCommitRate\":0,\"bulkUpsert405Rate\":0,\"serverErrorRate\":0}}");
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    private static String run() {
        return "run-lost-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private Map<String, LoadOutcome> awaitTerminal(List<LoadCommand> cmds, Duration within) {
        Map<String, LoadOutcome> result = new HashMap<>();
        await().atMost(within).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
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

    private List<ObjectNode> contactsWith(String dentesId) {
        return sandbox.records("contacts").stream()
                .filter(r -> dentesId.equals(r.path("custom_field").path("cf_dentes_id").asText())).toList();
    }

    @Test
    void lostAnswers405sAndServerErrorsNeitherLoseNorDuplicateARecord() {
        sandbox.configure("{\"faults\":{\"dropResponseAfterCommitRate\":0.4,\"bulkUpsert405Rate\":0.3,"
                + "\"serverErrorRate\":0.1,\"seed\":4242}}");
        String run = run();
        List<LoadCommand> cmds = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            cmds.add(TestCommands.clinic(run, "C-L" + c, "Clinic L" + c + " " + run));
        }
        for (int i = 1; i <= 60; i++) {
            cmds.add(TestCommands.patient(run, "P-L" + i, "C-L" + (1 + i % 3), false));
        }
        kafka.send(config.commands, cmds);

        Map<String, LoadOutcome> terminal = awaitTerminal(cmds, Duration.ofSeconds(50));

        assertThat(terminal.values()).extracting(LoadOutcome::kind).containsOnly(OutcomeKind.CREATED);
        JsonNode faults = sandbox.summary().path("faults");
        assertThat(faults.path("dropped").asLong()).as("answers were lost").isPositive();
        assertThat(faults.path("bulkUpsert405").asLong()).as("bulk jobs were refused").isPositive();
        for (LoadCommand c : cmds) {
            if (c.target().path().equals("contacts")) {
                List<ObjectNode> found = contactsWith(c.sourceId());
                assertThat(found).as("records for %s", c.sourceId()).hasSize(1);
                assertThat(terminal.get(c.commandId()).freshsalesId()).isEqualTo(found.get(0).path("id").asLong());
            }
        }
        assertThat(terminal.values()).as("some writes were resolved by lookup after their answer was lost")
                .anyMatch(o -> o.detail() != null && o.detail().contains("lookup"));
    }

    @Test
    void anIntentLeftOpenByADeadProcessIsResolvedByLookupAndNotWrittenAgain() throws Exception {
        String run = run();
        LoadCommand landed = TestCommands.patient(run, "P-I1", null, false);
        LoadCommand neverLanded = TestCommands.patient(run, "P-I2", null, false);
        // A process wrote both intents, sent the first write (it landed), and died before recording either.
        jdbc.inTransaction(c -> {
            for (LoadCommand cmd : List.of(landed, neverLanded)) {
                ledger.openIntent(c, cmd, PayloadHash.of("contacts", cmd.identifier(), cmd.fields()), "dead-process",
                        Instant.now().minusSeconds(5));
            }
            return null;
        });
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("contact", landed.fields().deepCopy());
        long landedId = sandbox.api("POST", "/contacts", FerryJson.encodeToString(body)).path("contact").path("id").asLong();
        long writesBefore = sandbox.calls("POST /crm/sales/api/contacts/upsert")
                + sandbox.calls("POST /crm/sales/api/contacts/bulk_upsert");
        long lookupsBefore = sandbox.calls("GET /crm/sales/api/lookup")
                + sandbox.calls("POST /crm/sales/api/filtered_search/{entity}");

        kafka.send(config.commands, List.of(landed, neverLanded));
        Map<String, LoadOutcome> terminal = awaitTerminal(List.of(landed, neverLanded), Duration.ofSeconds(30));

        LoadOutcome l = terminal.get(landed.commandId());
        assertThat(l.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(l.freshsalesId()).isEqualTo(landedId);
        assertThat(l.detail()).contains("earlier attempt landed");
        assertThat(l.attempt()).as("the dead process's attempt counts").isEqualTo(2);
        assertThat(contactsWith("P-I1")).hasSize(1);

        LoadOutcome n = terminal.get(neverLanded.commandId());
        assertThat(n.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(contactsWith("P-I2")).singleElement().satisfies(r ->
                assertThat(r.path("id").asLong()).isEqualTo(n.freshsalesId()));

        assertThat(sandbox.calls("GET /crm/sales/api/lookup") + sandbox.calls("POST /crm/sales/api/filtered_search/{entity}")
                - lookupsBefore).as("the open intents were looked for before anything was written").isPositive();
        assertThat(sandbox.calls("POST /crm/sales/api/contacts/upsert")
                + sandbox.calls("POST /crm/sales/api/contacts/bulk_upsert") - writesBefore)
                .as("only the write that never landed is made").isEqualTo(1);
    }

    private List<ObjectNode> imagingWith(String dentesId) {
        return sandbox.records(TestCommands.IMAGING).stream()
                .filter(r -> dentesId.equals(r.path("custom_field").path("cf_dentes_id").asText())).toList();
    }

    /**
     * Custom modules have no upsert: a create sent twice makes two records. Answers lost after the sandbox committed
     * (creates and searches alike) must be resolved by {@code filtered_search} on cf_dentes_id, never by a second
     * create.
     */
    @Test
    void lostCreateAnswersOfCustomModuleRecordsAreFoundBySearchAndNeverCreatedTwice() {
        String run = run();
        LoadCommand patient = TestCommands.patient(run, "P-CML", null, false);
        kafka.send(config.commands, List.of(patient));
        long contactId = awaitTerminal(List.of(patient), Duration.ofSeconds(30)).get(patient.commandId()).freshsalesId();
        long droppedBefore = sandbox.summary().path("faults").path("dropped").asLong();
        sandbox.configure("{\"faults\":{\"dropResponseAfterCommitRate\":0.4,\"seed\":777}}");
        List<LoadCommand> images = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            images.add(TestCommands.imaging(run, "IMG-L" + i, "P-CML", i % 2 == 0 ? "CBCT" : "Photo"));
        }
        kafka.send(config.commands, images);

        Map<String, LoadOutcome> terminal = awaitTerminal(images, Duration.ofSeconds(90));

        assertThat(terminal.values()).extracting(LoadOutcome::kind).containsOnly(OutcomeKind.CREATED);
        assertThat(sandbox.summary().path("faults").path("dropped").asLong() - droppedBefore).as("answers were lost")
                .isPositive();
        for (LoadCommand c : images) {
            assertThat(imagingWith(c.sourceId())).as("records for %s", c.sourceId()).singleElement().satisfies(r -> {
                assertThat(r.path("id").asLong()).isEqualTo(terminal.get(c.commandId()).freshsalesId());
                assertThat(r.at("/custom_field/cf_patient").asLong()).isEqualTo(contactId);
            });
        }
        assertThat(terminal.values()).as("some creates were resolved by search after their answer was lost")
                .anyMatch(o -> o.detail() != null && o.detail().contains("lookup"));
    }

    @Test
    void aCustomModuleRecordsIntentLeftOpenByADeadProcessIsResolvedBySearchAndNotCreatedAgain() throws Exception {
        String run = run();
        LoadCommand landed = TestCommands.imaging(run, "IMG-I1", null, "CBCT");
        LoadCommand neverLanded = TestCommands.imaging(run, "IMG-I2", null, "Photo");
        // A process wrote both intents, sent the first create (it landed), and died before recording either.
        jdbc.inTransaction(c -> {
            for (LoadCommand cmd : List.of(landed, neverLanded)) {
                ledger.openIntent(c, cmd, PayloadHash.of("custom_module/" + TestCommands.IMAGING, cmd.identifier(),
                        cmd.fields()), "dead-process", Instant.now().minusSeconds(5));
            }
            return null;
        });
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set(TestCommands.IMAGING, landed.fields().deepCopy());
        long landedId = sandbox.api("POST", "/custom_module/" + TestCommands.IMAGING, FerryJson.encodeToString(body))
                .path(TestCommands.IMAGING).path("id").asLong();
        long createsBefore = sandbox.calls("POST /crm/sales/api/custom_module/{entity}");
        long searchesBefore = sandbox.calls("POST /crm/sales/api/filtered_search/{entity}");

        kafka.send(config.commands, List.of(landed, neverLanded));
        Map<String, LoadOutcome> terminal = awaitTerminal(List.of(landed, neverLanded), Duration.ofSeconds(30));

        LoadOutcome l = terminal.get(landed.commandId());
        assertThat(l.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(l.freshsalesId()).isEqualTo(landedId);
        assertThat(l.detail()).contains("earlier attempt landed");
        assertThat(l.attempt()).as("the dead process's attempt counts").isEqualTo(2);
        assertThat(imagingWith(landed.sourceId())).hasSize(1);

        LoadOutcome n = terminal.get(neverLanded.commandId());
        assertThat(n.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(imagingWith(neverLanded.sourceId())).singleElement().satisfies(r ->
                assertThat(r.path("id").asLong()).isEqualTo(n.freshsalesId()));
        assertThat(sandbox.calls("POST /crm/sales/api/filtered_search/{entity}") - searchesBefore)
                .as("the open intents were searched for before anything was written").isPositive();
        assertThat(sandbox.calls("POST /crm/sales/api/custom_module/{entity}") - createsBefore)
                .as("only the record that never landed is created").isEqualTo(1);
    }

    @Test
    void bulkUpsertRefusedWith405EveryTimeFallsBackToSingleUpserts() {
        sandbox.configure("{\"faults\":{\"bulkUpsert405Rate\":1.0}}");
        String run = run();
        List<LoadCommand> cmds = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            cmds.add(TestCommands.patient(run, "P-M" + i, null, false));
        }
        long refusedBefore = sandbox.summary().path("faults").path("bulkUpsert405").asLong();
        kafka.send(config.commands, cmds);
        Map<String, LoadOutcome> terminal = awaitTerminal(cmds, Duration.ofSeconds(30));
        assertThat(terminal.values()).extracting(LoadOutcome::kind).containsOnly(OutcomeKind.CREATED);
        assertThat(terminal.values()).allMatch(o -> o.detail().contains("bulk_upsert refused with 405"));
        long refused = sandbox.summary().path("faults").path("bulkUpsert405").asLong() - refusedBefore;
        assertThat(refused).isPositive();
        assertThat(refused % 6).as("each job: one submission and five retries, then single upserts").isZero();
        cmds.forEach(c -> assertThat(contactsWith(c.sourceId())).hasSize(1));
    }

}
