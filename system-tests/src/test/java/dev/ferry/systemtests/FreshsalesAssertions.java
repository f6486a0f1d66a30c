package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/** The checks every fault-injection run ends with ({@link MigrationInvariant}), and the audit history of a difference. */
final class FreshsalesAssertions {
    private FreshsalesAssertions() {
    }

    /**
     * Waits for the run and holds it to {@link MigrationInvariant}: every record ends exactly once and correctly,
     * Freshsales holds each loaded record once, nothing is left open, reconciliation balances.
     */
    static MigrationInvariant.Result runAndExpectNoLossNoDuplicate(E2eStack e2e, ExpectedMigration expected,
            String runId) {
        MigrationInvariant.Result result = MigrationInvariant.check(runId, e2e, expected, runId, Duration.ofMinutes(4),
                System.nanoTime());
        assertThat(result.holds()).as(result.describe()).isTrue();
        return result;
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
