package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** The checks every fault-injection run ends with: balanced, nothing lost, nothing duplicated. */
final class FreshsalesAssertions {
    private FreshsalesAssertions() {
    }

    static JsonNode runAndExpectNoLossNoDuplicate(E2eStack e2e, ExpectedMigration expected, String runId) {
        JsonNode rec = e2e.driver.awaitBalanced(runId, Duration.ofMinutes(4), Duration.ofSeconds(2), r -> { });
        assertThat(rec).isNotNull();
        assertThat(rec.path("balanced").asBoolean()).as("balanced: " + rec.toPrettyString()).isTrue();
        for (JsonNode r : rec.path("resources")) {
            assertThat(r.path("failed").asLong()).as("failed " + r.path("resource").asText() + ": "
                    + e2e.driver.bucket(runId, r.path("resource").asText(), "failed")).isZero();
        }
        JsonNode state = e2e.driver.freshsalesState();
        // byDentesId fails on any source record present twice
        assertSameIds(e2e, "patients", WalkingSkeletonIT.byDentesId(state.path("contacts")).keySet(), expected.loadedPatients());
        assertSameIds(e2e, "clinics", WalkingSkeletonIT.byDentesId(state.path("sales_accounts")).keySet(), expected.loadedClinics());
        return rec;
    }

    /** Compares loaded ids, and on a difference shows each differing record's history from the audit ledger. */
    static void assertSameIds(E2eStack e2e, String resource, java.util.Set<String> actual, java.util.Set<String> wanted) {
        java.util.Set<String> missing = new java.util.TreeSet<>(wanted);
        missing.removeAll(actual);
        java.util.Set<String> extra = new java.util.TreeSet<>(actual);
        extra.removeAll(wanted);
        StringBuilder why = new StringBuilder();
        for (String id : missing) {
            why.append("\nmissing ").append(id).append(": ").append(e2e.driver.history(resource, id));
        }
        for (String id : extra) {
            why.append("\nunexpected ").append(id).append(": ").append(e2e.driver.history(resource, id));
        }
        assertThat(missing.isEmpty() && extra.isEmpty()).as(resource + " in Freshsales differ from the source:" + why).isTrue();
    }

    static List<String> resources() {
        return WalkingSkeletonIT.RESOURCES;
    }
}
