package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import dev.ferry.loader.binding.PayloadHash;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Leads on Freshsales Classic (issue 10), on the real broker and PostgreSQL against the sandbox in Classic mode:
 * {@code /leads} has no upsert, so every lead is created behind a write-ahead intent and found again by
 * {@code POST /filtered_search/lead} on cf_dentes_id. With a fifth of all answers lost after the sandbox committed,
 * and with an intent a dead process left open, every lead exists exactly once and no create is ever sent twice.
 */
@QuarkusTest
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassicLeadsIT {

    private static final String CREATES = "POST /crm/sales/api/leads";
    private static final String SEARCHES = "POST /crm/sales/api/filtered_search/{entity}";

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

    /** The sandbox is shared by every IT class of the module: Classic mode and faults only for this class's tests. */
    @BeforeEach
    void classic() {
        sandbox.configure("{\"classicMode\":true,\"faults\":{\"dropResponseAfterCommitRate\":0,"
                + "\"bulkUpsert405Rate\":0,\"serverErrorRate\":0}}");
    }

    @AfterEach
    void suiteAgain() {
        sandbox.configure("{\"classicMode\":false,\"faults\":{\"dropResponseAfterCommitRate\":0}}");
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    static LoadCommand lead(String run, String id) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("first_name", "Test");
        f.put("last_name", "Lead " + id);
        f.put("email", id.toLowerCase() + "@leads.example.test");
        f.putObject("custom_field").put("cf_dentes_id", id);
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.PATIENTS, id, 0,
                FreshsalesTarget.LEAD, null, Map.of("cf_dentes_id", id), f, id, "dentes-freshsales/v1", null, List.of());
    }

    private List<ObjectNode> leadsWith(String dentesId) {
        return sandbox.records("leads").stream()
                .filter(r -> dentesId.equals(r.path("custom_field").path("cf_dentes_id").asText())).toList();
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

    @Test
    void aFifthOfAnswersLostAfterCommitStillLeavesEveryLeadExactlyOnce() {
        String run = "run-leads-" + UUID.randomUUID().toString().substring(0, 6);
        long droppedBefore = sandbox.summary().path("faults").path("dropped").asLong();
        long createsBefore = sandbox.calls(CREATES);
        sandbox.configure("{\"faults\":{\"dropResponseAfterCommitRate\":0.2,\"seed\":1010}}");
        List<LoadCommand> cmds = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            cmds.add(lead(run, "P-LD" + i + "-" + run));
        }
        kafka.send(config.commands, cmds);

        Map<String, LoadOutcome> terminal = awaitTerminal(cmds, Duration.ofSeconds(120));

        assertThat(terminal.values()).extracting(LoadOutcome::kind).containsOnly(OutcomeKind.CREATED);
        assertThat(sandbox.summary().path("faults").path("dropped").asLong() - droppedBefore).as("answers were lost")
                .isPositive();
        for (LoadCommand c : cmds) {
            assertThat(leadsWith(c.sourceId())).as("leads for %s", c.sourceId()).singleElement().satisfies(r ->
                    assertThat(r.path("id").asLong()).isEqualTo(terminal.get(c.commandId()).freshsalesId()));
        }
        assertThat(sandbox.calls(CREATES) - createsBefore).as("no create was ever sent twice").isEqualTo(cmds.size());
        assertThat(terminal.values()).as("some creates were resolved by search after their answer was lost")
                .anyMatch(o -> o.detail() != null && o.detail().contains("lookup"));
        assertThat(sandbox.records("contacts")).as("no lead became a contact")
                .noneMatch(r -> r.path("custom_field").path("cf_dentes_id").asText().contains(run));
    }

    @Test
    void aLeadsIntentLeftOpenByADeadProcessIsResolvedBySearchAndNotCreatedAgain() throws Exception {
        String run = "run-leadi-" + UUID.randomUUID().toString().substring(0, 6);
        LoadCommand landed = lead(run, "P-LI1-" + run);
        LoadCommand neverLanded = lead(run, "P-LI2-" + run);
        // A process wrote both intents, sent the first create (it landed), and died before recording either.
        jdbc.inTransaction(c -> {
            for (LoadCommand cmd : List.of(landed, neverLanded)) {
                ledger.openIntent(c, cmd, PayloadHash.of("leads", cmd.identifier(), cmd.fields()), "dead-process",
                        Instant.now().minusSeconds(5));
            }
            return null;
        });
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("lead", landed.fields().deepCopy());
        long landedId = sandbox.api("POST", "/leads", FerryJson.encodeToString(body)).path("lead").path("id").asLong();
        long createsBefore = sandbox.calls(CREATES);
        long searchesBefore = sandbox.calls(SEARCHES);

        kafka.send(config.commands, List.of(landed, neverLanded));
        Map<String, LoadOutcome> terminal = awaitTerminal(List.of(landed, neverLanded), Duration.ofSeconds(30));

        LoadOutcome l = terminal.get(landed.commandId());
        assertThat(l.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(l.freshsalesId()).isEqualTo(landedId);
        assertThat(l.detail()).contains("earlier attempt landed");
        assertThat(leadsWith(landed.sourceId())).hasSize(1);
        LoadOutcome n = terminal.get(neverLanded.commandId());
        assertThat(n.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(leadsWith(neverLanded.sourceId())).singleElement().satisfies(r ->
                assertThat(r.path("id").asLong()).isEqualTo(n.freshsalesId()));
        assertThat(sandbox.calls(SEARCHES) - searchesBefore)
                .as("the open intents were searched for before anything was written").isPositive();
        assertThat(sandbox.calls(CREATES) - createsBefore).as("only the lead that never landed is created")
                .isEqualTo(1);
    }

    /**
     * Regression (the Classic demo, 2026-12-06): the sample diff read a lead against everything the map promises a
     * patient, so the fields Classic leads lack were MISSING on every lead and a Classic sample never came out equal.
     * Read back from the sandbox's real lead: the field its leads lack is not applicable, the promised {@code emails}
     * list is the lead's one {@code email}, and the record counts as equal.
     */
    @Test
    void theSampleDiffReadsALeadOnTheFieldsLeadsHave() {
        String run = "run-leads-" + UUID.randomUUID().toString().substring(0, 6);
        LoadCommand cmd = lead(run, "P-LS1-" + run);
        kafka.send(config.commands, List.of(cmd));
        assertThat(awaitTerminal(List.of(cmd), Duration.ofSeconds(60)).get(cmd.commandId()).kind())
                .isEqualTo(OutcomeKind.CREATED);
        String email = cmd.fields().path("email").asText();
        String body = "{\"runId\": \"" + run + "\", \"records\": [{\"resource\": \"patients\", \"sourceId\": \""
                + cmd.sourceId() + "\", \"expected\": {\"first_name\": \"Test\", \"date_of_birth\": \"1980-01-02\", "
                + "\"emails\": [{\"value\": \"other@leads.example.test\"}, {\"value\": \"" + email
                + "\", \"is_primary\": true}], \"custom_field\": {\"cf_dentes_id\": \"" + cmd.sourceId() + "\"}}}]}";

        io.restassured.path.json.JsonPath diff = dev.ferry.testsupport.security.TestTokens.given().contentType("application/json")
                .accept("application/json").body(body).post("/sample-diff").then().statusCode(200).extract()
                .jsonPath();

        assertThat(diff.getString("records[0].target")).isEqualTo("leads");
        assertThat(diff.getMap("records[0]")).containsEntry("found", true);
        Map<String, String> verdicts = new HashMap<>();
        for (Map<String, Object> f : diff.<Map<String, Object>>getList("records[0].fields")) {
            verdicts.put((String) f.get("field"), (String) f.get("verdict"));
        }
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of("first_name", "EQUAL",
                "date_of_birth", "NOT_APPLICABLE", "emails", "EQUAL", "custom_field.cf_dentes_id", "EQUAL"));
        assertThat(diff.getList("fields.notApplicable", Integer.class)).containsExactlyInAnyOrder(0, 1, 0, 0);
    }
}
