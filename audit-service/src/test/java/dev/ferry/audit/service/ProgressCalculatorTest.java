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

    @Test
    void pendingIsManifestMinusTerminalAndEveryKindIsReported() {
        ResourceTally t = new ResourceTally("patients", 1000L, 0, Map.of(OutcomeKind.CREATED, 400L,
                OutcomeKind.REJECTED, 20L, OutcomeKind.DEFERRED, 30L));

        ResourceProgress p = ProgressCalculator.progress(t, 300, Duration.ofMinutes(5));

        assertThat(p.seen()).isEqualTo(450);
        assertThat(p.terminal()).isEqualTo(420);
        assertThat(p.pending()).isEqualTo(580);
        assertThat(p.byKind()).containsEntry(OutcomeKind.CREATED, 400L).containsEntry(OutcomeKind.UPDATED, 0L)
                .hasSize(OutcomeKind.values().length);
        assertThat(p.ratePerMinute()).isEqualTo(60.0);
        assertThat(p.etaMinutes()).isEqualTo(9.7);
    }

    @Test
    void noRateMeansNoEtaAndNoManifestMeansNoPending() {
        ResourceTally t = new ResourceTally("clinics", null, 0, Map.of(OutcomeKind.CREATED, 4L));

        ResourceProgress p = ProgressCalculator.progress(t, 0, Duration.ofMinutes(5));

        assertThat(p.pending()).isNull();
        assertThat(p.ratePerMinute()).isZero();
        assertThat(p.etaMinutes()).isNull();
    }

    @Test
    void runTotalsAddUpTheResources() {
        List<ResourceTally> tallies = List.of(
                new ResourceTally("clinics", 10L, 0, Map.of(OutcomeKind.CREATED, 10L)),
                new ResourceTally("patients", 100L, 0, Map.of(OutcomeKind.CREATED, 40L)));

        RunProgress p = ProgressCalculator.progress("run-1", NOW, Duration.ofSeconds(90), tallies,
                Map.of("clinics", 3L, "patients", 30L));

        assertThat(p.manifestTotal()).isEqualTo(110);
        assertThat(p.terminal()).isEqualTo(50);
        assertThat(p.pending()).isEqualTo(60);
        assertThat(p.ratePerMinute()).isEqualTo(22.0);
        assertThat(p.etaMinutes()).isEqualTo(2.7);
        assertThat(p.rateWindowSeconds()).isEqualTo(90);
        assertThat(p.resources().get(1).ratePerMinute()).isEqualTo(20.0);
    }
}
