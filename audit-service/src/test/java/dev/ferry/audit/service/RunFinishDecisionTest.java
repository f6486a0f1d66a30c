package dev.ferry.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.RunEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunFinishDecisionTest {

    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");
    private static final Instant EXTRACTED = T0.plusSeconds(60);
    private static final Instant LAST = T0.plusSeconds(300);

    @Test
    void aBalancedRunIsFinishedWithItsDerivedStatusAtItsLastTerminalOutcome() {
        RunEvent.RunFinished e = RunFinishDecision.decide(view("COMPLETED_WITH_FAILURES", "reconciliation", EXTRACTED,
                LAST), false).orElseThrow();

        assertThat(e.runId()).isEqualTo("run-1");
        assertThat(e.status()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(e.at()).isEqualTo(LAST);
        assertThat(e.commandId()).isEqualTo(CommandIds.ofRunEvent("run-1", "RUN_FINISHED", null));
    }

    @Test
    void theSameRunGivesTheSameEventEveryTime() {
        assertThat(RunFinishDecision.decide(view("COMPLETED", "reconciliation", EXTRACTED, LAST), false))
                .isEqualTo(RunFinishDecision.decide(view("COMPLETED", "reconciliation", EXTRACTED, LAST), false));
    }

    @Test
    void aRunWithoutRecordsFinishesAtItsExtractionEnd() {
        assertThat(RunFinishDecision.decide(view("COMPLETED", "reconciliation", EXTRACTED, null), false))
                .map(RunEvent.RunFinished::at).contains(EXTRACTED);
    }

    @Test
    void publishedOnceNeverAgain() {
        assertThat(RunFinishDecision.decide(view("COMPLETED", "reconciliation", EXTRACTED, LAST), true)).isEmpty();
    }

    @Test
    void notBeforeTheRunBalancesNorWhenSomeoneElseFinishedIt() {
        assertThat(RunFinishDecision.decide(view("LOADING", "reconciliation", EXTRACTED, null), false)).isEmpty();
        assertThat(RunFinishDecision.decide(view("UNBALANCED", "reconciliation", EXTRACTED, null), false)).isEmpty();
        assertThat(RunFinishDecision.decide(view("EXTRACTING", "reconciliation", null, null), false)).isEmpty();
        assertThat(RunFinishDecision.decide(view("COMPLETED", "event", EXTRACTED, LAST), false)).isEmpty();
        assertThat(RunFinishDecision.decide(view("STOPPED", "event", EXTRACTED, LAST), false)).isEmpty();
    }

    private static RunView view(String status, String source, Instant extractionFinishedAt, Instant finishedAt) {
        return new RunView("run-1", "FULL", "confirmed/v1", List.of("patients"), T0, T0, extractionFinishedAt,
                finishedAt, status, source, List.of());
    }
}
