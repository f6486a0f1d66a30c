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

    @Test
    void theEtaIsKnownBetweenHourlyBurstsWhenNoRecordMoves() {
        // Regression (issue 12): the ETA was pending ÷ the rate over the last 5 minutes, null while the loader waits
        // for the next hour. Here nothing ended in the rate window; 5000 deals ended within the hour (the hour spent).
        List<ResourceTally> tallies = List.of(
                new ResourceTally("treatment-cases", 7500L, 0, Map.of(OutcomeKind.CREATED, 5000L)));

        RunProgress p = ProgressCalculator.progress("run-1", NOW, Duration.ofMinutes(5), tallies, Map.of(),
                Map.of("treatment-cases", 5000L), FOREST);

        assertThat(p.ratePerMinute()).isZero();
        assertThat(p.callsNeeded()).isEqualTo(2500);
        assertThat(p.budget()).isEqualTo(new RunProgress.Budget(5000, 400, 0));
        assertThat(p.etaMinutes()).as("2500 calls at 5000 an hour").isEqualTo(30.0);
    }

    @Test
    void runTotalsAddUpTheResourcesAndSpendTheHoursRoomFirst() {
        List<ResourceTally> tallies = List.of(
                new ResourceTally("clinics", 10L, 0, Map.of(OutcomeKind.CREATED, 10L)),
                new ResourceTally("patients", 1000L, 0, Map.of(OutcomeKind.CREATED, 400L)),
                new ResourceTally("treatment-cases", 6000L, 0, Map.of()));

        RunProgress p = ProgressCalculator.progress("run-1", NOW, Duration.ofSeconds(90), tallies,
                Map.of("clinics", 3L, "patients", 30L), Map.of("clinics", 10L, "patients", 400L), FOREST);

        assertThat(p.manifestTotal()).isEqualTo(7010);
        assertThat(p.terminal()).isEqualTo(410);
        assertThat(p.pending()).isEqualTo(6600);
        assertThat(p.ratePerMinute()).isEqualTo(22.0);
        assertThat(p.rateWindowSeconds()).isEqualTo(90);
        // 600 contacts × 0.20 = 120, 6000 deals × 1 = 6000: 6120 calls
        assertThat(p.callsNeeded()).isEqualTo(6120);
        // the hour spent 10 × 1 + 400 × 0.20 = 90 calls: 4910 left at 400 a minute (736.5 s), 1210 at 5000 an hour
        // (871.2 s): 1608 s = 26.8 min
        assertThat(p.budget().remainingThisHour()).isEqualTo(4910);
        assertThat(p.etaMinutes()).isEqualTo(26.8);
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
