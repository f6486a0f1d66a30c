package dev.ferry.mapper.mapping.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mapper.mapping.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storage quota against the attachment volume, and the plan's budget turned into a cost and an ETA (issue 11 step 3). */
class StorageAndCostTest {

    private static final CostEstimate.Model FOREST = new CostEstimate.Model(5000, 100, 2, 1, 16);

    private static DiscoveryFacts attachments(long count, long total, long largest, Long quota) {
        return new DiscoveryFacts("d-1", Map.of(), new DiscoveryFacts.Attachments(count, total, largest, quota), 0, 0,
                null);
    }

    @Test
    void anUnknownQuotaIsSaidWithTheNumbersThereAreAndDoesNotBlock() {
        StorageCheck s = StorageCheck.of(attachments(1200, 3L * 1024 * 1024 * 1024, 40L * 1024 * 1024, null));
        assertThat(s.quota()).isEqualTo("unknown");
        assertThat(s.findings()).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isFalse();
            assertThat(f.problem()).contains("storage quota unknown").contains("1200 files").contains("3.0 GB")
                    .contains("40 MB");
        });
    }

    @Test
    void aKnownQuotaTheVolumeExceedsBlocksAndOneItHoldsPasses() {
        assertThat(StorageCheck.of(attachments(10, 2000, 300, 1000L)).findings()).singleElement()
                .satisfies(f -> assertThat(f.blocking()).isTrue());
        assertThat(StorageCheck.of(attachments(10, 2000, 300, 5000L)).findings()).isEmpty();
        assertThat(StorageCheck.of(attachments(1, 200L * 1024 * 1024, 200L * 1024 * 1024, null)).findings())
                .anySatisfy(f -> assertThat(f.problem()).contains("over Freshsales' 150 MB"));
    }

    @Test
    void bulkTargetsCostJobsOfAHundredWithPollsAndIdReadsEverythingElseOneCallARecord() {
        Map<String, Long> counts = Map.of("practitioners", 40L, "clinics", 12L, "patients", 1001L,
                "treatment-cases", 930L, "appointments", 5000L, "workflows", 7L, "custom-modules", 3L);
        CostEstimate.Estimate e = CostEstimate.of(Fixtures.SPEC, counts, FOREST);
        Map<String, Long> calls = new java.util.HashMap<>();
        e.lines().forEach(l -> calls.put(l.resource(), l.calls()));
        // 1001 contacts: 11 jobs x (1 submit + 2 polls + 1 id read); 12 accounts: 1 job x 4.
        assertThat(calls).containsEntry("patients", 44L).containsEntry("clinics", 4L)
                .containsEntry("treatment-cases", 930L).containsEntry("appointments", 5000L)
                .containsEntry("practitioners", 0L).containsEntry("workflows", 0L).containsEntry("custom-modules", 0L);
        assertThat(e.calls()).isEqualTo(16 + 44 + 4 + 930 + 5000);
        assertThat(e.missing()).contains("recalls", "clinical-notes", "products");
        assertThat(CostEstimate.findings(e)).hasSize(2).noneMatch(Finding::blocking);
    }

    @Test
    void theIssuesExampleSeventyThousandCallsAreFourteenHoursOnFiveThousandAnHour() {
        CostEstimate.Estimate e = CostEstimate.of(Fixtures.SPEC, Map.of("appointments", 69_984L), FOREST);
        assertThat(e.calls()).isEqualTo(70_000);
        assertThat(e.hours()).isEqualTo(14.0);
        assertThat(e.summary()).isEqualTo("~70 k calls, 14 h on 5000/h");
        CostEstimate.Estimate small = CostEstimate.of(Fixtures.SPEC, Map.of("appointments", 3034L),
                new CostEstimate.Model(1000, 100, 2, 1, 16));
        assertThat(small.summary()).isEqualTo("~3.1 k calls, 3.1 h on 1000/h");
        assertThat(CostEstimate.of(Fixtures.SPEC, Map.of("appointments", 100L), FOREST).summary())
                .isEqualTo("~116 calls, 2 min on 5000/h");
    }

    @Test
    void aBudgetThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> CostEstimate.of(Fixtures.SPEC, Map.of(), new CostEstimate.Model(0, 100, 2, 1, 16)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
