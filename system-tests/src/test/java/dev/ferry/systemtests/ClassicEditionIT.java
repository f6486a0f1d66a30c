package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10's last route end to end: a practice migrated into a Freshsales <em>Classic</em> account (the sandbox in
 * Classic mode, the mapper's {@code ferry.mapper.edition=CLASSIC}), every route on. A patient who never booked becomes
 * a lead ({@code /leads}, which has no upsert: a write-ahead intent before each create, a lookup by
 * {@code cf_dentes_id} after a lost answer); whatever must hang on a contact (cases and their billing, appointments,
 * recalls, notes, module records, the patient's documents) ends {@code REJECTED parent.lead} for such a patient. A
 * fifth of the answers are dropped after commit for the whole run and the loader is SIGKILLed once leads are being
 * created: {@link MigrationInvariant} must hold with the Classic expectation (each lead once, with its source's last
 * name, and no contact for it; every other patient one contact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassicEditionIT {

    private static final String LEAD_CREATES = "POST /crm/sales/api/leads";
    private E2eStack e2e;

    @BeforeAll
    void start() throws Exception {
        ObjectNode classic = E2eStack.freshsalesSettings().put("classicMode", true);
        classic.putObject("faults").put("dropResponseAfterCommitRate", 0.2).put("seed", 29);
        e2e = E2eStack.start("classic-edition", 40, 59, classic,
                Map.of(Component.MAPPER, Map.of("ferry.mapper.edition", "CLASSIC")));
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void neverBookedPatientsAreLeadsOnceThroughLostAnswersAndALoaderKill() throws Exception {
        ExpectedMigration expected = new ExpectedMigration(e2e.dataset, e2e.users, true, true);
        assertThat(expected.leadPatients).as("the practice has never-booked patients to make leads of").isNotEmpty();

        long started = System.nanoTime();
        String runId = e2e.driver.startFullRun(MigrationDriver.ALL_RESOURCES);
        awaitLeadCreates();
        e2e.stack.kill(Component.LOADER);
        e2e.stack.restart(Component.LOADER);

        MigrationInvariant.Result result = MigrationInvariant.check("classic-edition", e2e, expected, runId,
                Duration.ofMinutes(3), started);
        // What Freshsales holds, beside the logs, for whoever reads a failure.
        e2e.driver.downloadFreshsalesState(e2e.workDir().resolve("freshsales-state.json"));
        assertThat(result.holds()).as(result.describe()).isTrue();

        JsonNode summary = e2e.driver.requestSummary();
        assertThat(summary.path("faults").path("dropped").asLong()).as("answers were really dropped").isPositive();
        // A lost answer or the kill is settled by a lookup, never by a second create: as many creates Freshsales took
        // as there are leads (a dropped answer counts under the status it would have had).
        JsonNode creates = summary.path("byEndpoint").path(LEAD_CREATES).path("byStatus");
        assertThat(creates.path("200").asLong() + creates.path("201").asLong())
                .as("creates on /leads Freshsales took").isEqualTo(expected.leadPatients.size());

        // Each record that belongs to a lead says so: parent.lead with the field that points at the patient.
        Map<String, Set<String>> parentLead = new TreeMap<>();
        for (String resource : List.of("treatment-cases", "appointments", "recalls", "clinical-notes",
                "custom-module-records", "attachments")) {
            for (JsonNode r : e2e.driver.bucket(runId, resource, "rejected")) {
                if ("parent.lead".equals(r.path("rejection").path("rule").asText())) {
                    assertThat(r.path("rejection").path("field").asText()).as("%s %s names its field", resource,
                            r.path("sourceId").asText()).isNotBlank();
                    parentLead.computeIfAbsent(resource, k -> new TreeSet<>()).add(r.path("sourceId").asText());
                }
            }
        }
        assertThat(parentLead).as("records of leads rejected parent.lead").isEqualTo(expectedParentLead(expected));
    }

    /** What the expectation says ends {@code parent.lead}, per resource (resources without any left out). */
    private static Map<String, Set<String>> expectedParentLead(ExpectedMigration expected) {
        Map<String, Set<String>> out = new TreeMap<>();
        expected.rejectedCases.forEach((id, rule) -> add(out, "treatment-cases", id, rule));
        expected.rejectedChildren.forEach((resource, rules) -> rules.forEach((id, rule) -> add(out, resource, id,
                rule)));
        expected.rejectedModuleRecords.forEach((id, rule) -> add(out, "custom-module-records", id, rule));
        expected.rejectedAttachments.forEach((id, rule) -> add(out, "attachments", id, rule));
        return out;
    }

    private static void add(Map<String, Set<String>> out, String resource, String id, String rule) {
        if ("parent.lead".equals(rule)) {
            out.computeIfAbsent(resource, k -> new TreeSet<>()).add(id);
        }
    }

    /** Waits until the loader has begun creating leads: the kill must land among them. */
    private void awaitLeadCreates() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (e2e.driver.requestSummary().path("byEndpoint").path(LEAD_CREATES).path("total").asLong() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no lead was ever created");
    }
}
