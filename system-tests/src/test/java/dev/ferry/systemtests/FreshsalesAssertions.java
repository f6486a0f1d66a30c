package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The resources the suite migrates, and the audit history of each record whose ids differ. */
final class FreshsalesAssertions {
    private FreshsalesAssertions() {
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
