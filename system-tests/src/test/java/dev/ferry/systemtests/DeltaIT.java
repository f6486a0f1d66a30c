package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.FerryJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12's delta pickup, end to end: a 20-patient practice is migrated to balanced; the practice keeps working in
 * Dr.DENTES ({@code /_sim/mutations}: two patients change, one is created, one migrated recall is soft-deleted); a
 * DELTA run carries exactly that over. Then a FULL run of the mutated source must find nothing to write (zero write
 * calls) and hold the migration invariant against the mutated source: the delta left Freshsales where a full migration
 * of the mutated source leads, but for the stated default (the soft-deleted recall stays in Freshsales, flagged
 * {@code REJECTED record.deleted}). Last, a delta with no source change makes no write call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeltaIT {

    /** The Dr.DENTES sandbox's token (dentes-sim's default), for reading back what a mutation made. */
    private static final String DENTES_TOKEN = "dentes-sandbox-token";

    private E2eStack e2e;
    private JsonHttp dentes;
    private JsonHttp ferry;
    private final List<String> modified = new ArrayList<>();
    private String createdPatient;
    private String deletedRecall;
    private String deltaRun;

    @BeforeAll
    void migrate() throws Exception {
        // Every JVM of the suite runs on this machine's clock: the watermark's overlap can be 2 s instead of 5 min, so
        // what a delta reads is exactly what changed or did not succeed, and the test can count it.
        e2e = E2eStack.start("delta", 20, 43, E2eStack.freshsalesSettings(),
                Map.of(Component.EXTRACTOR, Map.of("ferry.extractor.consistency.clock-skew-margin", "PT2S")));
        dentes = new JsonHttp(DENTES_TOKEN);
        ferry = new JsonHttp(e2e.stack.auth().cliToken());
        long started = System.nanoTime();
        String full = e2e.driver.startFullRun(MigrationDriver.RESOURCES);
        MigrationInvariant.Result result = MigrationInvariant.check("delta-initial", e2e,
                new ExpectedMigration(e2e.dataset, e2e.users), full, Duration.ofMinutes(2), started);
        assertThat(result.holds()).as(result.describe()).isTrue();
        System.out.printf("DeltaIT: full run %s balanced in %.1f s%n", full, (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    @Order(1)
    void aDeltaCarriesOverWhatChangedInTheSource() {
        ExpectedMigration before = new ExpectedMigration(e2e.dataset, e2e.users);
        List<String> loaded = new ArrayList<>(before.loadedPatients());
        ObjectNode mutation = FerryJson.mapper().createObjectNode();
        ObjectNode upsert = mutation.putObject("upsert");
        var patients = upsert.putArray("patients");
        for (String id : loaded.subList(0, 2)) {
            ObjectNode p = e2e.dataset.records("patients").get(id).deepCopy();
            p.put("last_name", p.path("last_name").asText() + "-Delta");
            patients.add(p);
            modified.add(id);
        }
        ObjectNode fresh = e2e.dataset.records("patients").get(loaded.get(2)).deepCopy();
        createdPatient = "P-990001";
        fresh.put("id", createdPatient).put("first_name", "Deltanew").put("last_name", "Cutover")
                .put("email", "deltanew.cutover@ferry.test").putNull("national_id");
        patients.add(fresh);
        deletedRecall = before.loadedChildren("recalls").iterator().next();
        mutation.putObject("delete_ids").putArray("recalls").add(deletedRecall);
        JsonNode answer = e2e.driver.mutateDentes(mutation);
        assertThat(answer.path("upserted").path("patients")).hasSize(3);
        assertThat(answer.path("deleted").path("recalls").toString()).as(answer.toString()).contains(deletedRecall);
        // The expectation follows the sandbox: the versions it now serves.
        for (String id : List.of(modified.get(0), modified.get(1), createdPatient)) {
            e2e.dataset.change("patients", readBack("patients", id));
        }
        JsonNode recall = readBack("recalls", deletedRecall);
        assertThat(recall.path("deleted").asBoolean()).isTrue();
        e2e.dataset.change("recalls", recall);

        long writesBefore = writeCalls();
        long started = System.nanoTime();
        deltaRun = e2e.driver.startDeltaRun(MigrationDriver.RESOURCES);
        JsonNode rec = e2e.driver.awaitBalanced(deltaRun, Duration.ofMinutes(1), Duration.ofSeconds(1), r -> { });
        assertThat(rec.path("balanced").asBoolean()).as(rec.toString()).isTrue();
        System.out.printf("DeltaIT: delta %s balanced in %.1f s, %d write calls; extraction %s%n", deltaRun,
                (System.nanoTime() - started) / 1e9, writeCalls() - writesBefore, counts(deltaRun));

        assertThat(kindIn(deltaRun, "patients", modified.get(0))).isEqualTo("UPDATED");
        assertThat(kindIn(deltaRun, "patients", modified.get(1))).isEqualTo("UPDATED");
        assertThat(kindIn(deltaRun, "patients", createdPatient)).isEqualTo("CREATED");
        // The stated default for a record soft-deleted after it was migrated: flagged, left in Freshsales.
        assertThat(kindIn(deltaRun, "recalls", deletedRecall)).isEqualTo("REJECTED");
        // Untouched records are not read at all: the delta's manifest of patients holds the changed ones and the ones
        // whose last outcome was no success (the generator's rejected traps), nothing else.
        ExpectedMigration after = new ExpectedMigration(e2e.dataset, e2e.users);
        long unsettledPatients = before.patients.size() - before.loadedPatients().size();
        assertThat(counts(deltaRun).path("patients").asLong()).isEqualTo(3 + unsettledPatients);
        assertThat(after.loadedPatients()).contains(createdPatient);
    }

    @Test
    @Order(2)
    void aFullMigrationOfTheMutatedSourceFindsNothingLeftToWrite() {
        long writesBefore = writeCalls();
        long started = System.nanoTime();
        String full = e2e.driver.startFullRun(MigrationDriver.RESOURCES);
        MigrationInvariant.Result result = MigrationInvariant.check("delta-then-full", e2e,
                new ExpectedMigration(e2e.dataset, e2e.users), full, Duration.ofMinutes(2), started);
        long writes = writeCalls() - writesBefore;
        System.out.printf("DeltaIT: full run after the delta: %d write calls, %s%n", writes, result.describe());
        assertThat(writes).as("write calls of a full run after the delta").isZero();
        // Every record as a full migration of the mutated source leaves it, but the one the stated default keeps.
        assertThat(result.balanced() && result.lost() + result.duplicated() + result.staleFields() + result.leftOpen() == 0
                && result.wrongTerminal() == 1).as(result.describe()).isTrue();
        assertThat(result.details()).as(result.describe())
                .containsExactly("wrong terminal recalls/" + deletedRecall + ": in Freshsales but should not be");
    }

    @Test
    @Order(3)
    void aDeltaWithoutSourceChangesReadsOnlyWhatDidNotSucceedAndWritesNothing() {
        Map<String, List<String>> unsettled = unsettled();
        long writesBefore = writeCalls();
        String run = e2e.driver.startDeltaRun(MigrationDriver.RESOURCES);
        JsonNode rec = e2e.driver.awaitBalanced(run, Duration.ofMinutes(1), Duration.ofSeconds(1), r -> { });
        assertThat(rec.path("balanced").asBoolean()).as(rec.toString()).isTrue();
        long writes = writeCalls() - writesBefore;
        System.out.printf("DeltaIT: delta %s without source changes: %d write calls; extraction %s%n", run, writes,
                counts(run));
        assertThat(writes).as("write calls of a delta without source changes").isZero();
        // Nothing changed since the watermark: the delta read exactly the records whose last outcome was no success
        // (the rejected traps, the flagged recall), no other.
        for (String resource : MigrationDriver.RESOURCES) {
            assertThat(counts(run).path(resource).asLong()).as(resource)
                    .isEqualTo(unsettled.get(resource).size());
        }
        assertThat(unsettled.get("recalls")).contains(deletedRecall);
    }

    @Test
    @Order(4)
    void aDeltaAfterARunWithFailuresRetriesExactlyWhatDidNotSucceed() {
        // Freshsales refuses new imaging records for a while: the admin made a field required that Ferry does not fill.
        JsonHttp sandbox = new JsonHttp();
        String field = e2e.stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/fields/cm_imaging_record/cf_delta_gate";
        sandbox.put(field, FerryJson.mapper().createObjectNode().put("label", "Delta gate").put("type", "text")
                .put("default", false).put("required", true));
        ExpectedMigration now = new ExpectedMigration(e2e.dataset, e2e.users);
        String template = now.loadedModuleRecords().stream().filter(id -> id.startsWith("imaging/")).findFirst()
                .orElseThrow();
        ObjectNode mutation = FerryJson.mapper().createObjectNode();
        var imaging = mutation.putObject("upsert").putArray("custom-modules/imaging/records");
        List<String> failing = List.of("IMG-9900001", "IMG-9900002");
        for (String id : failing) {
            ObjectNode r = now.moduleRecords.get(template).deepCopy();
            r.put("id", id);
            imaging.add(r);
        }
        e2e.driver.mutateDentes(mutation);

        String failed = e2e.driver.startDeltaRun(MigrationDriver.RESOURCES);
        assertThat(e2e.driver.awaitBalanced(failed, Duration.ofMinutes(1), Duration.ofSeconds(1), r -> { })
                .path("balanced").asBoolean()).isTrue();
        assertThat(bucket(failed, "custom-module-records", "failed")).containsExactlyInAnyOrder(
                "imaging/" + failing.get(0), "imaging/" + failing.get(1));

        sandbox.put(field, FerryJson.mapper().createObjectNode().put("label", "Delta gate").put("type", "text")
                .put("default", false).put("required", false));
        Map<String, List<String>> unsettled = unsettled();
        assertThat(unsettled.get("custom-module-records")).contains("imaging/" + failing.get(0),
                "imaging/" + failing.get(1));
        long writesBefore = writeCalls();
        String retry = e2e.driver.startDeltaRun(MigrationDriver.RESOURCES);
        assertThat(e2e.driver.awaitBalanced(retry, Duration.ofMinutes(1), Duration.ofSeconds(1), r -> { })
                .path("balanced").asBoolean()).isTrue();
        long writes = writeCalls() - writesBefore;
        System.out.printf("DeltaIT: retry delta %s: %d write calls; extraction %s%n", retry, writes, counts(retry));
        assertThat(bucket(retry, "custom-module-records", "created")).containsExactlyInAnyOrder(
                "imaging/" + failing.get(0), "imaging/" + failing.get(1));
        assertThat(bucket(retry, "custom-module-records", "failed")).isEmpty();
        // Exactly what did not succeed was read again (nothing changed in the source since the failing delta), and
        // only the two failed records were written: one create each.
        for (String resource : MigrationDriver.RESOURCES) {
            assertThat(counts(retry).path(resource).asLong()).as(resource).isEqualTo(unsettled.get(resource).size());
        }
        assertThat(writes).isEqualTo(failing.size());
        assertThat(unsettled().get("custom-module-records")).doesNotContain("imaging/" + failing.get(0),
                "imaging/" + failing.get(1));
        long inFreshsales = 0;
        for (JsonNode r : e2e.driver.freshsalesState().path("cm_imaging_record")) {
            String id = r.path("custom_field").path("cf_dentes_id").asText();
            if (!r.path("is_deleted").asBoolean(false) && failing.stream().anyMatch(id::endsWith)) {
                inFreshsales++;
            }
        }
        assertThat(inFreshsales).isEqualTo(failing.size());
    }

    /** The source ids behind one reconciliation number of a run. */
    private List<String> bucket(String runId, String resource, String bucket) {
        List<String> ids = new ArrayList<>();
        e2e.driver.bucket(runId, resource, bucket).forEach(r -> ids.add(r.path("sourceId").asText()));
        return ids;
    }

    /** The audit's records whose last outcome is not a terminal success, per resource. */
    private Map<String, List<String>> unsettled() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String resource : MigrationDriver.RESOURCES) {
            List<String> ids = new ArrayList<>();
            ferry.get(e2e.stack.baseUrl(Component.AUDIT) + "/records/unsettled?resource=" + resource).path("ids")
                    .forEach(id -> ids.add(id.asText()));
            out.put(resource, ids);
        }
        return out;
    }

    /** The sandbox's current version of a record (soft-deleted ones too). */
    private JsonNode readBack(String resource, String id) {
        return dentes.get(e2e.stack.baseUrl(Component.DENTES_SIM) + "/api/v1/" + resource + "/" + id
                + "?include_deleted=true").path("data");
    }

    /** The record's terminal kind in a run, from the audit's history. */
    private String kindIn(String runId, String resource, String id) {
        for (JsonNode s : e2e.driver.history(resource, id).path("states")) {
            if (runId.equals(s.path("runId").asText())) {
                return s.path("kind").asText();
            }
        }
        return "none";
    }

    /** Manifest counts per resource of a run, from the extractor. */
    private JsonNode counts(String runId) {
        ObjectNode out = FerryJson.mapper().createObjectNode();
        for (JsonNode r : e2e.driver.extraction(runId).path("resources")) {
            out.put(r.path("resource").asText(), r.path("manifestCount").asLong());
        }
        return out;
    }

    /** Calls that write to the Freshsales sandbox so far: every non-GET but searches. */
    private long writeCalls() {
        long n = 0;
        Iterator<Map.Entry<String, JsonNode>> it = e2e.driver.requestSummary().path("byEndpoint").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String endpoint = e.getKey();
            if (!endpoint.startsWith("GET ") && !endpoint.contains("search")) {
                n += e.getValue().path("total").asLong();
            }
        }
        return n;
    }
}
