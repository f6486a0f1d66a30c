package dev.ferry.loader.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.loader.store.EntryKey;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.LedgerEntry;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Commands in, records in the real sandbox and outcomes out, on real Kafka and PostgreSQL: the walking skeleton's
 * load path with its guarantees (idempotent replay, parents before children, failed parents, poison).
 */
@QuarkusTest
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadFlowIT {

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
     * Regression: ChildWritesIT left the shared sandbox dropping 40 % of answers, and this class then counted two PUTs
     * for one update (a lost answer retried). Whoever ran before, this class starts every test without faults.
     */
    @org.junit.jupiter.api.BeforeEach
    void noFaults() {
        sandbox.configure("{\"faults\":{\"dropResponseAfterCommitRate\":0,\"bulkUpsert405Rate\":0,\"serverErrorRate\":0}}");
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    private static String run() {
        return "run-it-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Waits until every command has an outcome of one of the kinds; returns each command's latest outcome. */
    private Map<String, LoadOutcome> awaitOutcomes(List<LoadCommand> cmds, OutcomeKind... kinds) {
        List<OutcomeKind> wanted = List.of(kinds);
        Map<String, LoadOutcome> result = new java.util.HashMap<>();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(config.outcomes);
            for (LoadCommand c : cmds) {
                List<LoadOutcome> os = by.getOrDefault(c.commandId(), List.of());
                assertThat(os).as("outcomes of %s", c.sourceId()).anyMatch(o -> wanted.contains(o.kind()));
                result.put(c.commandId(), os.stream().filter(o -> wanted.contains(o.kind())).reduce((a, b) -> b).get());
            }
        });
        return result;
    }

    private List<ObjectNode> contactsWith(String dentesId) {
        return sandbox.records("contacts").stream()
                .filter(r -> dentesId.equals(r.path("custom_field").path("cf_dentes_id").asText())).toList();
    }

    private ObjectNode accountWith(String dentesId) {
        List<ObjectNode> found = sandbox.records("sales_accounts").stream()
                .filter(r -> dentesId.equals(r.path("custom_field").path("cf_dentes_id").asText())).toList();
        assertThat(found).as("accounts with cf_dentes_id %s", dentesId).hasSize(1);
        return found.get(0);
    }

    @Test
    void commandsBecomeRecordsAndOutcomesAndTheSameCommandsAgainChangeNothing() {
        String run = run();
        List<LoadCommand> clinics = new ArrayList<>();
        clinics.add(TestCommands.clinic(run, "C-A1", "Clinic A1 " + run));
        for (int i = 2; i <= 5; i++) {
            clinics.add(TestCommands.clinic(run, "C-A" + i, "Clinic A" + i + " " + run, "C-A1", false));
        }
        List<LoadCommand> patients = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            patients.add(TestCommands.patient(run, "P-A" + i, "C-A" + (1 + i % 5), false));
        }
        List<LoadCommand> all = new ArrayList<>(clinics);
        all.addAll(patients);
        long bulkBefore = sandbox.calls("POST /crm/sales/api/contacts/bulk_upsert");
        kafka.send(config.commands, all);

        Map<String, LoadOutcome> first = awaitOutcomes(all, OutcomeKind.CREATED);
        assertThat(first.values()).allMatch(o -> o.freshsalesId() != null && o.attempt() >= 1);
        ObjectNode parent = accountWith("C-A1");
        for (int i = 2; i <= 5; i++) {
            ObjectNode child = accountWith("C-A" + i);
            assertThat(child.path("parent_sales_account_id").asLong()).as("bound parent").isEqualTo(parent.path("id").asLong());
        }
        for (LoadCommand p : patients) {
            List<ObjectNode> contact = contactsWith(p.sourceId());
            assertThat(contact).hasSize(1);
            String clinic = p.fields().at("/sales_accounts/0/id/ref/id").asText();
            assertThat(contact.get(0).path("sales_accounts").get(0).path("id").asLong())
                    .isEqualTo(accountWith(clinic).path("id").asLong());
            assertThat(first.get(p.commandId()).freshsalesId()).isEqualTo(contact.get(0).path("id").asLong());
        }
        assertThat(sandbox.calls("POST /crm/sales/api/contacts/bulk_upsert")).as("contacts went through bulk jobs")
                .isGreaterThan(bulkBefore);
        given().get("/ledger/patients/P-A7").then().statusCode(200)
                .body("[0].state", equalTo("DONE"))
                .body("[0].freshsalesId", equalTo(first.get(patients.get(6).commandId()).freshsalesId()));

        // The same commands again: nothing is written, every command is UNCHANGED.
        long writesBefore = writeCalls();
        kafka.send(config.commands, all);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(config.outcomes);
            for (LoadCommand c : all) {
                // A patient that arrived in the same poll as its clinic may have waited for it (DEFERRED) first.
                assertThat(by.get(c.commandId())).extracting(LoadOutcome::kind)
                        .filteredOn(k -> k != OutcomeKind.DEFERRED)
                        .containsExactly(OutcomeKind.CREATED, OutcomeKind.UNCHANGED);
            }
        });
        assertThat(writeCalls()).as("no write for a replay").isEqualTo(writesBefore);
        assertThat(sandbox.records("contacts").stream()
                .filter(r -> r.path("custom_field").path("cf_dentes_id").asText().startsWith("P-A")).count()).isEqualTo(30);
    }

    @Test
    void aChangedCommandIsAnUpdateThatCarriesItsBeforeImage() {
        String run = run();
        LoadCommand v1 = TestCommands.patient(run, "P-U1", null, false, "Before");
        kafka.send(config.commands, List.of(v1));
        LoadOutcome created = awaitOutcomes(List.of(v1), OutcomeKind.CREATED).get(v1.commandId());
        String run2 = run();
        LoadCommand v2 = TestCommands.patient(run2, "P-U1", null, false, "After");
        kafka.send(config.commands, List.of(v2));
        LoadOutcome updated = awaitOutcomes(List.of(v2), OutcomeKind.UPDATED).get(v2.commandId());
        assertThat(updated.freshsalesId()).isEqualTo(created.freshsalesId());
        assertThat(updated.changedFields()).containsExactly("last_name");
        assertThat(updated.beforeImage().path("last_name").asText()).isEqualTo("Before");
        assertThat(contactsWith("P-U1")).singleElement().satisfies(c ->
                assertThat(c.path("last_name").asText()).isEqualTo("After"));
    }

    @Test
    void childrenBeforeTheirParentWaitParkedAndAreReleasedWhenItLands() {
        String run = run();
        LoadCommand child = TestCommands.patient(run, "P-K1", "C-K1", false);
        LoadCommand childClinic = TestCommands.clinic(run, "C-K2", "Clinic K2 " + run, "C-K1", false);
        kafka.send(config.commands, List.of(child, childClinic));
        awaitOutcomes(List.of(child, childClinic), OutcomeKind.DEFERRED);
        given().get("/parked").then().statusCode(200)
                .body("sourceId", hasItem("P-K1"))
                .body("find { it.sourceId == 'P-K1' }.waitsFor", hasItem("clinics/C-K1"));
        assertThat(contactsWith("P-K1")).isEmpty();

        LoadCommand parent = TestCommands.clinic(run, "C-K1", "Clinic K1 " + run);
        kafka.send(config.commands, List.of(parent));
        Map<String, LoadOutcome> done = awaitOutcomes(List.of(parent, child, childClinic), OutcomeKind.CREATED);
        long parentId = done.get(parent.commandId()).freshsalesId();
        assertThat(contactsWith("P-K1")).singleElement().satisfies(c ->
                assertThat(c.path("sales_accounts").get(0).path("id").asLong()).isEqualTo(parentId));
        assertThat(accountWith("C-K2").path("parent_sales_account_id").asLong()).isEqualTo(parentId);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().get("/parked").then().body("sourceId", org.hamcrest.Matchers.not(hasItem("P-K1"))));
    }

    /**
     * Regression, issue 8 hole 2: the mapper keeps a record's command id within a run, so a changed version of a parked
     * command arrives with the same id. It used to be dropped by {@code ON CONFLICT DO NOTHING} (its offset committed)
     * and the stale version was written and reported CREATED.
     */
    @Test
    void aNewerVersionOfAParkedCommandReplacesItAndIsTheOneWritten() {
        String run = run();
        LoadCommand stale = TestCommands.patient(run, "P-V1", "C-V1", false, "Stale");
        LoadCommand latest = TestCommands.patient(run, "P-V1", "C-V1", false, "Latest");
        assertThat(latest.commandId()).isEqualTo(stale.commandId());
        kafka.send(config.commands, List.of(stale));
        awaitOutcomes(List.of(stale), OutcomeKind.DEFERRED);
        kafka.send(config.commands, List.of(latest));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                kafka.outcomesByCommand(config.outcomes).getOrDefault(latest.commandId(), List.of()).stream()
                        .filter(o -> o.detail() != null && o.detail().contains("newer version")).count() == 1);

        LoadCommand parent = TestCommands.clinic(run, "C-V1", "Clinic V1 " + run);
        kafka.send(config.commands, List.of(parent));
        awaitOutcomes(List.of(parent, latest), OutcomeKind.CREATED);
        assertThat(contactsWith("P-V1")).singleElement().satisfies(c ->
                assertThat(c.path("last_name").asText()).isEqualTo("Latest"));
        assertThat(kafka.outcomesByCommand(config.outcomes).get(latest.commandId())).extracting(LoadOutcome::kind)
                .containsOnlyOnce(OutcomeKind.CREATED).doesNotContain(OutcomeKind.UPDATED, OutcomeKind.FAILED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().get("/parked").then().body("sourceId", org.hamcrest.Matchers.not(hasItem("P-V1"))));
    }

    @Test
    void aChildOfAParentThatFailedForGoodFailsWithTheParentsReasonUnlessTheLinkIsOptional() {
        String run = run();
        // Sent before its parent: it parks first, then fails when the parent does.
        LoadCommand child = TestCommands.patient(run, "P-F1", "C-F1", false);
        LoadCommand optionalChild = TestCommands.patient(run, "P-F2", "C-F1", true);
        kafka.send(config.commands, List.of(child, optionalChild));
        awaitOutcomes(List.of(child, optionalChild), OutcomeKind.DEFERRED);

        // The sandbox refuses an owner that is not a user of the account.
        LoadCommand parent = TestCommands.clinic(run, "C-F1", "Clinic F1 " + run);
        parent.fields().put("owner_id", 1L);
        kafka.send(config.commands, List.of(parent));

        LoadOutcome parentOutcome = awaitOutcomes(List.of(parent), OutcomeKind.FAILED).get(parent.commandId());
        assertThat(parentOutcome.failure().cause()).isEqualTo("target-refused");
        assertThat(parentOutcome.failure().httpStatus()).isEqualTo(400);
        assertThat(parentOutcome.failure().messages()).isNotEmpty();

        LoadOutcome childOutcome = awaitOutcomes(List.of(child), OutcomeKind.FAILED).get(child.commandId());
        assertThat(childOutcome.failure().cause()).isEqualTo("parent-failed");
        assertThat(childOutcome.failure().messages()).isEqualTo(parentOutcome.failure().messages());
        assertThat(childOutcome.detail()).contains("clinics/C-F1");
        assertThat(contactsWith("P-F1")).isEmpty();

        LoadOutcome optionalOutcome = awaitOutcomes(List.of(optionalChild), OutcomeKind.CREATED).get(optionalChild.commandId());
        assertThat(optionalOutcome.detail()).contains("dropped optional link to clinics/C-F1");
        assertThat(contactsWith("P-F2")).singleElement().satisfies(c ->
                assertThat(c.path("sales_accounts").isEmpty()).isTrue());
    }

    private List<ObjectNode> imagingWith(String dentesId) {
        return sandbox.records(TestCommands.IMAGING).stream()
                .filter(r -> dentesId.equals(r.path("custom_field").path("cf_dentes_id").asText())).toList();
    }

    private long customModuleWrites() {
        return sandbox.calls("POST /crm/sales/api/custom_module/{entity}")
                + sandbox.calls("PUT /crm/sales/api/custom_module/{entity}/{id}");
    }

    @Test
    void aCustomModuleRecordIsCreatedOnceBoundToItsPatientReplayedWithoutAWriteAndUpdatedWhenNewer() throws Exception {
        String run = run();
        long postsBefore = sandbox.calls("POST /crm/sales/api/custom_module/{entity}");
        long putsBefore = sandbox.calls("PUT /crm/sales/api/custom_module/{entity}/{id}");
        // The record before its patient: it waits for the contact, then binds cf_patient to the contact's id.
        LoadCommand image = TestCommands.imaging(run, "IMG-CM1", "P-CM1", "CBCT");
        LoadCommand patient = TestCommands.patient(run, "P-CM1", null, false);
        kafka.send(config.commands, List.of(image));
        awaitOutcomes(List.of(image), OutcomeKind.DEFERRED);
        kafka.send(config.commands, List.of(patient));
        Map<String, LoadOutcome> done = awaitOutcomes(List.of(patient, image), OutcomeKind.CREATED);

        long contactId = done.get(patient.commandId()).freshsalesId();
        LoadOutcome created = done.get(image.commandId());
        assertThat(imagingWith("imaging/IMG-CM1")).singleElement().satisfies(r -> {
            assertThat(r.path("id").asLong()).isEqualTo(created.freshsalesId());
            assertThat(r.at("/custom_field/cf_patient").asLong()).as("bound to the contact").isEqualTo(contactId);
            assertThat(r.at("/custom_field/cf_modality").asText()).isEqualTo("CBCT");
        });
        assertThat(created.detail()).contains("custom module cm_imaging_record");
        assertThat(sandbox.calls("POST /crm/sales/api/custom_module/{entity}") - postsBefore).as("created with one POST")
                .isEqualTo(1);
        LedgerEntry row = jdbc.inTransaction(c -> ledger.find(c, EntryKey.of(image)));
        assertThat(row.target().path()).as("the entity travels in the ledger").isEqualTo("custom_module/cm_imaging_record");
        assertThat(row.freshsalesId()).isEqualTo(created.freshsalesId());

        // The same command again: UNCHANGED, no call.
        long writesBefore = customModuleWrites();
        kafka.send(config.commands, List.of(image));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kafka.outcomesByCommand(config.outcomes).get(image.commandId())).extracting(LoadOutcome::kind)
                        .contains(OutcomeKind.UNCHANGED));
        assertThat(customModuleWrites()).as("no write for a replay").isEqualTo(writesBefore);

        // A newer version (another run): a PUT on the same record, changed fields and before-image.
        LoadCommand newer = TestCommands.imaging(run(), "IMG-CM1", "P-CM1", "Photo");
        kafka.send(config.commands, List.of(newer));
        LoadOutcome updated = awaitOutcomes(List.of(newer), OutcomeKind.UPDATED).get(newer.commandId());
        assertThat(updated.freshsalesId()).isEqualTo(created.freshsalesId());
        assertThat(updated.changedFields()).containsExactly("custom_field.cf_modality");
        assertThat(updated.beforeImage().at("/custom_field/cf_modality").asText()).isEqualTo("CBCT");
        assertThat(sandbox.calls("PUT /crm/sales/api/custom_module/{entity}/{id}") - putsBefore).isEqualTo(1);
        assertThat(imagingWith("imaging/IMG-CM1")).singleElement().satisfies(r ->
                assertThat(r.at("/custom_field/cf_modality").asText()).isEqualTo("Photo"));
    }

    @Test
    void aCustomModuleRecordWithoutAValidEntityNameFailsReadablyAndTheLoaderGoesOn() {
        String run = run();
        LoadCommand none = TestCommands.customModuleRecord(run, "IMG-CM2", null, "CBCT", null);
        LoadCommand wrong = TestCommands.customModuleRecord(run, "IMG-CM3", null, "CBCT", "cm_x/../../contacts");
        LoadCommand next = TestCommands.imaging(run, "IMG-CM4", null, "CBCT");
        kafka.send(config.commands, List.of(none, wrong, next));
        Map<String, LoadOutcome> failed = awaitOutcomes(List.of(none, wrong), OutcomeKind.FAILED);
        assertThat(failed.values()).allSatisfy(o -> {
            assertThat(o.failure().cause()).isEqualTo("invalid-command");
            assertThat(o.failure().messages().get(0)).contains("customModuleEntity");
        });
        awaitOutcomes(List.of(next), OutcomeKind.CREATED);
        assertThat(imagingWith("imaging/IMG-CM2")).isEmpty();
        assertThat(imagingWith("imaging/IMG-CM3")).isEmpty();
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void poisonIsRecordedWithoutItsContentAndTheNextCommandIsProcessed() {
        String run = run();
        kafka.send(config.commands, "P-X1", "{\"first_name\":\"Ayşe\",\"no\":\"command\"".getBytes(StandardCharsets.UTF_8));
        LoadCommand next = TestCommands.patient(run, "P-X2", null, false);
        kafka.send(config.commands, List.of(next));
        awaitOutcomes(List.of(next), OutcomeKind.CREATED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<PoisonRecord> p = kafka.poison(config.poison).stream().filter(r -> "P-X1".equals(r.key())).toList();
            assertThat(p).singleElement().satisfies(r -> {
                assertThat(r.topic()).isEqualTo(config.commands);
                assertThat(r.reason()).contains("not well-formed JSON").doesNotContain("Ayşe");
                assertThat(r.consumer()).startsWith("loader-service");
            });
        });
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/status").then().statusCode(200).body("consumer.poisonRecorded", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void targetMetadataComesThroughTheLoaderAndIsCached() {
        given().get("/target/metadata").then().statusCode(200)
                .body("owners.email", hasItem("integration@ferry-sandbox.test"))
                .body("industry_types.name", hasItem("Dental"))
                .body("lifecycle_stages.type", hasItem("Customer"))
                .body("fields.contacts.name", hasItem("cf_dentes_id"))
                .body("fields.sales_accounts.name", hasItem("parent_sales_account_id"))
                .body("fields.cm_imaging_record.name", hasItem("cf_patient"))
                .body("fields.cm_imaging_record.name", hasItem("cf_dentes_id"));
        long owners = sandbox.calls("GET /crm/sales/api/selector/owners");
        given().get("/target/metadata").then().statusCode(200);
        assertThat(sandbox.calls("GET /crm/sales/api/selector/owners")).as("served from the cache").isEqualTo(owners);
        io.restassured.path.json.JsonPath shared = given().get("/budget").then().statusCode(200)
                .body("shared.minuteUsed", org.hamcrest.Matchers.greaterThan(0)).extract().jsonPath();
        String account = shared.getString("shared.account");
        // The hour minute by minute (PostgreSQL's grant log): the ETA reads when the hour's calls leave the window.
        List<Integer> byMinute = shared.getList("shared.hourByMinute", Integer.class);
        assertThat(byMinute).hasSize(60);
        assertThat(byMinute.stream().mapToInt(Integer::intValue).sum()).as("the hour's calls, minute by minute")
                .isEqualTo(shared.getInt("shared.hourUsed"));
        assertThat(byMinute.get(58) + byMinute.get(59)).as("the calls the minute window counts").isPositive();
        // Issue 13: the same budget on /q/metrics, for the dashboard (this application's account: a test JVM may hold
        // the meters of an application started before this one).
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("ferry_loader_budget_limit{", "ferry_loader_budget_remaining{",
                "ferry_loader_budget_blocked_until_seconds{", "ferry_loader_budget_waited_seconds_total{",
                "ferry_loader_budget_refusals_total{");
        assertThat(metrics.lines().filter(l -> l.startsWith("ferry_loader_budget_used{")
                && l.contains("account=\"" + account + "\"") && l.contains("window=\"minute\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).toList())
                .as("calls counted in the minute window, as /budget counts them").isNotEmpty()
                .allSatisfy(v -> assertThat(v).isPositive());
    }

    private long writeCalls() {
        return sandbox.calls("POST /crm/sales/api/contacts/bulk_upsert") + sandbox.calls("POST /crm/sales/api/contacts/upsert")
                + sandbox.calls("POST /crm/sales/api/sales_accounts/bulk_upsert")
                + sandbox.calls("POST /crm/sales/api/sales_accounts/upsert");
    }

    static String ids(List<LoadOutcome> os) {
        return os.stream().map(o -> o.sourceId() + ":" + o.kind()).collect(Collectors.joining(","));
    }
}
