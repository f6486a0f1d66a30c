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
    private final List<String> modified = new ArrayList<>();
    private String createdPatient;
    private String deletedRecall;
    private String deltaRun;

    @BeforeAll
    void migrate() throws Exception {
        e2e = E2eStack.start("delta", 20, 43, E2eStack.freshsalesSettings(), Map.of());
        dentes = new JsonHttp(DENTES_TOKEN);
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
        assertThat(answer.path("deleted").path("recalls").toString() + answer.path("not_found"))
                .contains(deletedRecall).doesNotContain("not_found\":{\"recalls");
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
    void aDeltaWithoutSourceChangesWritesNothing() {
        long writesBefore = writeCalls();
        String run = e2e.driver.startDeltaRun(MigrationDriver.RESOURCES);
        JsonNode rec = e2e.driver.awaitBalanced(run, Duration.ofMinutes(1), Duration.ofSeconds(1), r -> { });
        assertThat(rec.path("balanced").asBoolean()).as(rec.toString()).isTrue();
        long writes = writeCalls() - writesBefore;
        System.out.printf("DeltaIT: delta %s without source changes: %d write calls; extraction %s%n", run, writes,
                counts(run));
        assertThat(writes).as("write calls of a delta without source changes").isZero();
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
        Map<String, Long> seen = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = e2e.driver.requestSummary().path("byEndpoint").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String endpoint = e.getKey();
            if (!endpoint.startsWith("GET ") && !endpoint.contains("search")) {
                n += e.getValue().path("total").asLong();
                seen.put(endpoint, e.getValue().path("total").asLong());
            }
        }
        return n;
    }
}
