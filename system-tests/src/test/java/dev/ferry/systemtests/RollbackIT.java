package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.migration.LiveRecords;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12's "done when", end to end: the Freshsales sandbox is exported before a run (it already holds records made
 * before Ferry), a 30-patient practice is migrated to balanced, a person changes one migrated contact in Freshsales
 * (drift), and the run is rolled back through the audit service. The dry run counts what the run created; the loader is
 * SIGKILLed mid-rollback and started again; the rollback still leaves the drifted contact alone and reports it; the
 * sandbox's live records then equal the export but for that contact; a second rollback makes no Freshsales call at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackIT {

    /** The Freshsales sandbox's API key (freshsales-sim.api-keys), which the loader uses too. */
    private static final String FRESHSALES_KEY = "ferry-sandbox-key";
    /** What the person types into the drifted contact: not a patient value, so the reports may not show it either. */
    private static final String DRIFT_VALUE = "Edited-By-Hand";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private E2eStack e2e;
    private JsonHttp ferry;
    private String runId;
    private JsonNode before;
    private final List<Long> planted = new ArrayList<>();
    private long driftedContact;
    private String driftedPatient;
    private long migrated;
    private JsonNode dryRun;

    @BeforeAll
    void migrateOntoASandboxThatHeldRecordsBeforeFerry() throws Exception {
        e2e = E2eStack.start("rollback", 30, 41, E2eStack.freshsalesSettings(), Map.of());
        ferry = new JsonHttp(e2e.stack.auth().cliToken());
        planted.add(create("contacts", "contact", FerryJson.mapper().createObjectNode().put("first_name", "Pre")
                .put("last_name", "Existing").put("email", "pre.existing@before-ferry.test")));
        planted.add(create("sales_accounts", "sales_account", FerryJson.mapper().createObjectNode()
                .put("name", "Supplier Kept Before Ferry")));
        e2e.driver.downloadFreshsalesState(e2e.workDir().resolve("freshsales-before.json"));
        before = e2e.driver.freshsalesState();

        long started = System.nanoTime();
        runId = e2e.driver.startFullRun(MigrationDriver.RESOURCES);
        MigrationInvariant.Result result = MigrationInvariant.check("rollback", e2e,
                new ExpectedMigration(e2e.dataset, e2e.users), runId, Duration.ofMinutes(2), started);
        // The invariant holds but for the planted records: it counts every record in Freshsales without a Dr.DENTES id
        // as one that should not be there ("clinics/null", "patients/null"), which is exactly what they are.
        assertThat(result.balanced() && result.lost() + result.duplicated() + result.staleFields() + result.leftOpen() == 0
                && result.wrongTerminal() == planted.size()).as(result.describe()).isTrue();
        assertThat(result.details()).as(result.describe()).containsExactlyInAnyOrder(
                "wrong terminal clinics/null: in Freshsales but should not be",
                "wrong terminal patients/null: in Freshsales but should not be");
        System.out.printf("RollbackIT: run %s balanced in %.1f s%n", runId, (System.nanoTime() - started) / 1e9);

        JsonNode contact = null;
        for (JsonNode c : e2e.driver.freshsalesState().path("contacts")) {
            if (!c.path("is_deleted").asBoolean(false) && c.path("custom_field").hasNonNull("cf_dentes_id")) {
                contact = c;
                break;
            }
        }
        assertThat(contact).as("a migrated contact").isNotNull();
        driftedContact = contact.path("id").asLong();
        driftedPatient = contact.path("custom_field").path("cf_dentes_id").asText();
        send("PUT", "/contacts/" + driftedContact, "contact",
                FerryJson.mapper().createObjectNode().put("last_name", DRIFT_VALUE));
        migrated = created(e2e.driver.freshsalesState()).size();
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    @Order(1)
    void theDryRunDeletesWhatTheRunCreatedAndNamesNoPatientValue() {
        dryRun = ferry.post(rollbackUrl() + "?dryRun=true&force=false", null);
        System.out.printf("RollbackIT: dry run: delete %s, restore %s, leave alone %s, %s calls%n",
                dryRun.path("toDelete"), dryRun.path("toRestore"), dryRun.path("leftAlone"), dryRun.path("calls"));
        List<String> toDelete = new ArrayList<>();
        long leave = 0;
        for (JsonNode r : dryRun.path("records")) {
            switch (r.path("action").asText()) {
                case "DELETE" -> toDelete.add(r.path("freshsalesId").asText());
                case "LEAVE" -> {
                    leave++;
                    assertThat(r.path("detail").asText("")).as("a record left alone says why: " + r).isNotBlank();
                }
                default -> { }
            }
        }
        // Every record the run created (live now, not in the export) is deleted, and nothing else: the planted records
        // and the practice's linked users are not the run's.
        assertThat(dryRun.path("toDelete").asLong()).isEqualTo(migrated).isEqualTo(toDelete.size());
        // By Freshsales id: the listing names a target by its API path ("cpq/products", "custom_module"), the export by
        // module; the sandbox numbers the records of every module in one sequence.
        Set<String> createdIds = new TreeSet<>();
        created(e2e.driver.freshsalesState()).forEach(k -> createdIds.add(k.substring(k.lastIndexOf('/') + 1)));
        assertThat(createdIds).hasSize((int) migrated);
        assertThat(toDelete).containsExactlyInAnyOrderElementsOf(createdIds);
        // The sandbox held no record of the practice before the run, so no update of the run has a before-image: the
        // run's updates (billing records' fields on their cases' deals) fall on records the rollback deletes.
        assertThat(dryRun.path("toRestore").asLong()).isZero();
        assertThat(dryRun.path("leftAlone").asLong()).isEqualTo(leave).isPositive();
        assertThat(dryRun.path("alreadyRolledBack").asLong()).isZero();
        assertThat(dryRun.path("records").size()).isEqualTo(toDelete.size() + leave);
        assertThat(dryRun.path("calls").asLong()).isPositive();
        assertThat(patientValuesIn(dryRun.toString())).as("patient values in the dry run's listing").isEmpty();
    }

    @Test
    @Order(2)
    void theRollbackSurvivesASigkilledLoaderLeavesTheDriftedContactAloneAndReportsIt() throws InterruptedException {
        long started = System.nanoTime();
        JsonNode running = ferry.post(rollbackUrl() + "?dryRun=false&force=false", null);
        // Issue 12: a loader SIGKILLed mid-rollback and started again still ends exact. Killed once a fifth of the
        // deletes are in: its batch in flight has deleted records whose commands were not acknowledged, so the
        // restarted loader meets records already gone (which count as deleted) and records it must still delete.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (running.path("deleted").asLong() < migrated / 5 && !"DONE".equals(running.path("state").asText())) {
            assertThat(System.nanoTime()).as("a fifth of the deletes within 60 s: " + running).isLessThan(deadline);
            Thread.sleep(200);
            running = ferry.get(rollbackUrl());
        }
        assertThat(running.path("state").asText()).as("still rolling back when the loader is killed").isNotEqualTo("DONE");
        long deletedAtKill = running.path("deleted").asLong();
        e2e.stack.kill(Component.LOADER);
        e2e.stack.restart(Component.LOADER);
        JsonNode done = awaitDone(ferry.get(rollbackUrl()));
        System.out.printf("RollbackIT: rollback of %d records DONE in %.1f s (loader SIGKILLed at %d deleted, then"
                        + " restarted): %s deleted, %s skipped, %s failed%n", migrated,
                (System.nanoTime() - started) / 1e9, deletedAtKill, done.path("deleted"), done.path("skipped"),
                done.path("failed"));
        List<JsonNode> skipped = new ArrayList<>();
        for (JsonNode r : done.path("records")) {
            if ("SKIPPED".equals(r.path("outcome").asText())) {
                skipped.add(r);
            }
        }
        assertThat(skipped).as("the records left alone for drift").hasSize(1);
        JsonNode drifted = skipped.get(0);
        assertThat(drifted.path("freshsalesId").asLong()).isEqualTo(driftedContact);
        assertThat(drifted.path("sourceId").asText()).isEqualTo(driftedPatient);
        assertThat(drifted.path("detail").asText()).startsWith("drift: fields [last_name] ");
        assertThat(done.path("skipped").asLong()).isEqualTo(1);
        assertThat(done.path("failed").asLong()).as(done.toString()).isZero();
        assertThat(done.path("deleted").asLong()).isEqualTo(migrated - 1);
        assertThat(done.toString()).doesNotContain(DRIFT_VALUE);
        assertThat(patientValuesIn(done.toString())).as("patient values in the rollback's report").isEmpty();
    }

    /**
     * Freshsales keeps deleted contacts, accounts, deals and products in its recycle bin for 90 days (the real API
     * does, and so does the sandbox: {@code is_deleted}), so "the state before the run" is compared on live records.
     */
    @Test
    @Order(3)
    void theSandboxHoldsWhatItHeldBeforeTheRunButTheDriftedContact() {
        Map<String, JsonNode> was = live(before);
        Map<String, JsonNode> now = live(e2e.driver.freshsalesState());
        for (Map.Entry<String, JsonNode> e : was.entrySet()) {
            assertThat(now.get(e.getKey())).as("%s as it was before the run", e.getKey()).isEqualTo(e.getValue());
        }
        for (long id : planted) {
            assertThat(now.keySet()).anyMatch(k -> k.endsWith("/" + id));
        }
        Set<String> extra = new TreeSet<>(now.keySet());
        extra.removeAll(was.keySet());
        assertThat(extra).as("live records the rollback left").containsExactly("contacts/" + driftedContact);
        assertThat(now.get("contacts/" + driftedContact).path("last_name").asText()).isEqualTo(DRIFT_VALUE);
    }

    @Test
    @Order(4)
    void aSecondRollbackMakesNoFreshsalesCall() throws InterruptedException {
        long calls = e2e.driver.requestSummary().path("total").asLong();
        JsonNode again = ferry.post(rollbackUrl() + "?dryRun=false&force=false", null);
        assertThat(again.path("state").asText()).isEqualTo("DONE");
        // Nothing to wait for but the absence of an effect: a command the loader would be given is batched within its
        // 2 s linger, so 6 s is enough for a call to show in the sandbox's counts.
        Thread.sleep(6000);
        JsonNode state = ferry.get(rollbackUrl());
        assertThat(state.path("state").asText()).isEqualTo("DONE");
        assertThat(state.path("deleted").asLong()).isEqualTo(migrated - 1);
        assertThat(state.path("skipped").asLong()).isEqualTo(1);
        assertThat(e2e.driver.requestSummary().path("total").asLong()).as("Freshsales calls of the second rollback")
                .isEqualTo(calls);
    }

    private String rollbackUrl() {
        return e2e.stack.baseUrl(Component.AUDIT) + "/runs/" + runId + "/rollback";
    }

    private JsonNode awaitDone(JsonNode answer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (!"DONE".equals(answer.path("state").asText())) {
            assertThat(System.nanoTime()).as("rollback DONE within 150 s: " + answer).isLessThan(deadline);
            Thread.sleep(1000);
            answer = ferry.get(rollbackUrl());
        }
        return answer;
    }

    /** Live records by {@code <module>/<id>} (not in the recycle bin). */
    private static Map<String, JsonNode> live(JsonNode state) {
        return LiveRecords.byKey(state);
    }

    /** Live records now that the export did not hold: what the run created, as {@code <module>/<id>}. */
    private Set<String> created(JsonNode state) {
        Set<String> out = new TreeSet<>(live(state).keySet());
        out.removeAll(live(before).keySet());
        return out;
    }

    /** The dataset's patient values (names, birth dates, national ids, e-mails, phones) found as words in a text. */
    private List<String> patientValuesIn(String text) {
        List<String> hits = new ArrayList<>();
        for (JsonNode p : e2e.dataset.records("patients").values()) {
            for (String f : List.of("first_name", "last_name", "date_of_birth", "national_id", "email", "mobile_phone",
                    "home_phone")) {
                String v = p.path(f).asText("");
                if (v.length() > 2 && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(v) + "(?![\\p{L}\\p{N}])")
                        .matcher(text).find()) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    /** A record made through the sandbox's own API, as a person would (not Ferry): its id. */
    private long create(String path, String root, ObjectNode fields) throws IOException, InterruptedException {
        return send("POST", "/" + path, root, fields).path(root).path("id").asLong();
    }

    private JsonNode send(String method, String path, String root, ObjectNode fields)
            throws IOException, InterruptedException {
        ObjectNode body = FerryJson.mapper().createObjectNode();
        body.set(root, fields);
        HttpRequest request = HttpRequest.newBuilder(URI.create(e2e.stack.baseUrl(Component.FRESHSALES_SIM)
                        + "/crm/sales/api" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json").header("Authorization", "Token token=" + FRESHSALES_KEY)
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return FerryJson.mapper().readTree(response.body());
    }
}
