package dev.ferry.cli.e2e;

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
        assertThat(WalkingSkeletonIT.byDentesId(state.path("contacts")).keySet()).isEqualTo(expected.loadedPatients());
        assertThat(WalkingSkeletonIT.byDentesId(state.path("sales_accounts")).keySet()).isEqualTo(expected.loadedClinics());
        return rec;
    }

    static List<String> resources() {
        return WalkingSkeletonIT.RESOURCES;
    }
}
