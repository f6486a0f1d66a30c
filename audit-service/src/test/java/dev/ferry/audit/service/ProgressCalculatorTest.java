package dev.ferry.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.OutcomeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressCalculatorTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final ProgressCalculator.Limits FOREST = new ProgressCalculator.Limits(400, 5000);

    @Test
    void pendingIsManifestMinusTerminalAndEveryKindIsReported() {
        ResourceTally t = new ResourceTally("treatment-cases", 1000L, 0, Map.of(OutcomeKind.CREATED, 400L,
                OutcomeKind.REJECTED, 20L, OutcomeKind.DEFERRED, 30L));

        ResourceProgress p = ProgressCalculator.progress(t, 300, Duration.ofMinutes(5), FOREST);

        assertThat(p.seen()).isEqualTo(450);
        assertThat(p.terminal()).isEqualTo(420);
        assertThat(p.pending()).isEqualTo(580);
        assertThat(p.byKind()).containsEntry(OutcomeKind.CREATED, 400L).containsEntry(OutcomeKind.UPDATED, 0L)
                .hasSize(OutcomeKind.values().length);
        assertThat(p.ratePerMinute()).isEqualTo(60.0);
        // a deal is one call: 580 calls at 400 a minute = 87 s = 1.45 min
        assertThat(p.callsPerRecord()).isEqualTo(1.0);
        assertThat(p.callsNeeded()).isEqualTo(580);
        assertThat(p.etaMinutes()).isEqualTo(1.5);
    }

    @Test
    void contactsCostTheirBulkShareAndNoManifestMeansNoPendingNorCalls() {
        ResourceProgress patients = ProgressCalculator.progress(
                new ResourceTally("patients", 1000L, 0, Map.of()), 0, Duration.ofMinutes(5), FOREST);
        ResourceProgress clinics = ProgressCalculator.progress(
                new ResourceTally("clinics", null, 0, Map.of(OutcomeKind.CREATED, 4L)), 0, Duration.ofMinutes(5),
                FOREST);

        assertThat(patients.callsNeeded()).as("1000 contacts × 0.20").isEqualTo(200);
        assertThat(clinics.pending()).isNull();
        assertThat(clinics.callsNeeded()).isNull();
        assertThat(clinics.etaMinutes()).isNull();
    }

    /** Records that ended in the last hour's minutes, oldest first: {@code first} at minute {@code at}, and so on. */
    private static long[] minutes(int at, long... perMinute) {
        long[] counts = new long[60];
        System.arraycopy(perMinute, 0, counts, at, perMinute.length);
        return counts;
    }

    /**
     * A run of 7500 deals (one call each) whose first 5000 ended at 400 a minute from minute {@code at} of the last
     * hour, and nothing since: the hour spent, 2500 calls to go.
     */
    private static RunProgress afterABurstOfDealsAt(int at) {
        List<ResourceTally> tallies = List.of(
                new ResourceTally("treatment-cases", 7500L, 0, Map.of(OutcomeKind.CREATED, 5000L)));
        long[] burst = minutes(at, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 200);
        return ProgressCalculator.progress("run-1", NOW, Duration.ofMinutes(5), tallies, Map.of(),
                Map.of("treatment-cases", burst), FOREST);
    }

    @Test
    void theEtaIsKnownBetweenHourlyBurstsWhenNoRecordMoves() {
        // Regression (issue 12): the ETA was pending ÷ the rate over the last 5 minutes, null while the loader waits
        // for the next hour. Here nothing ended in the rate window; 5000 deals ended within the hour (the hour spent).
        RunProgress p = afterABurstOfDealsAt(0);

        assertThat(p.ratePerMinute()).isZero();
        assertThat(p.callsNeeded()).isEqualTo(2500);
        assertThat(p.budget()).isEqualTo(new RunProgress.Budget(5000, 400, 0));
        // The burst began an hour ago: its calls leave the window now, 400 a minute: 2500 calls in 6 min 15 s.
        assertThat(p.etaMinutes()).isEqualTo(6.3);
    }

    /**
     * Regression (2026-12-07): the ETA spent every call past the hour's room at the hour's steady rate (2500 calls: 30
     * minutes whenever the hour was spent). When the hour's calls were made decides when the next ones can go: a burst
     * that ended a minute ago holds the budget for another 47 minutes.
     */
    @Test
    void whenTheHoursCallsWereSpentDecidesWhenTheNextOnesGo() {
        RunProgress p = afterABurstOfDealsAt(47);

        assertThat(p.budget().remainingThisHour()).isZero();
        // minute 47 frees the burst's first 400 calls: 2500 calls by minute 53 and 15 s (3195 s).
        assertThat(p.etaMinutes()).isEqualTo(53.3);
    }

    @Test
    void runTotalsAddUpTheResourcesAndSpendTheHoursRoomFirst() {
        List<ResourceTally> tallies = List.of(
                new ResourceTally("clinics", 10L, 0, Map.of(OutcomeKind.CREATED, 10L)),
                new ResourceTally("patients", 1000L, 0, Map.of(OutcomeKind.CREATED, 400L)),
                new ResourceTally("treatment-cases", 6000L, 0, Map.of()));

        RunProgress p = ProgressCalculator.progress("run-1", NOW, Duration.ofSeconds(90), tallies,
                Map.of("clinics", 3L, "patients", 30L), Map.of("clinics", minutes(59, 10), "patients", minutes(59, 400)),
                FOREST);

        assertThat(p.manifestTotal()).isEqualTo(7010);
        assertThat(p.terminal()).isEqualTo(410);
        assertThat(p.pending()).isEqualTo(6600);
        assertThat(p.ratePerMinute()).isEqualTo(22.0);
        assertThat(p.rateWindowSeconds()).isEqualTo(90);
        // 600 contacts × 0.20 = 120, 6000 deals × 1 = 6000: 6120 calls
        assertThat(p.callsNeeded()).isEqualTo(6120);
        // the last minute spent 10 × 1 + 400 × 0.20 = 90 calls: 4910 left, at 400 a minute (12 min 16.5 s); the 90
        // leave the window in minute 59; the next 1120 follow the first minutes' calls out: minutes 60 and 61 (400
        // each) and 320 at 400 a minute in minute 62 (48 s): 3768 s = 62.8 min
        assertThat(p.budget().remainingThisHour()).isEqualTo(4910);
        assertThat(p.etaMinutes()).isEqualTo(62.8);
        assertThat(p.resources().get(1).ratePerMinute()).isEqualTo(20.0);
    }

    @Test
    void nothingPendingIsNoCallsAndNoTime() {
        RunProgress p = ProgressCalculator.progress("run-1", NOW, Duration.ofMinutes(5),
                List.of(new ResourceTally("patients", 5L, 0, Map.of(OutcomeKind.CREATED, 5L))), Map.of(), Map.of(),
                FOREST);

        assertThat(p.callsNeeded()).isZero();
        assertThat(p.etaMinutes()).isZero();
    }
}
