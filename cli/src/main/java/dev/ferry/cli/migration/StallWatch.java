package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a run has stalled (issue 13): nothing moved for the stall time AND the loaders were not waiting for
 * budget. An exhausted hourly budget looks exactly like a stuck run from the reconciliation alone, so a poll that
 * finds the loader waiting (a window used up, a 429's block) or finds that it has waited since the last poll (its
 * {@code budgetWaitedMillis} grew: a wait that started and ended between two polls) counts as progress.
 */
public final class StallWatch {

    private final long stallNanos;
    private long lastProgressNanos;
    private String lastFingerprint;
    private long lastWaitedMillis = -1;

    public StallWatch(Duration stall, long nowNanos) {
        this.stallNanos = stall.toNanos();
        this.lastProgressNanos = nowNanos;
    }

    /**
     * One poll: the run's progress as a fingerprint (null when it could not be read) and the loader's {@code GET /budget}
     * (null when it could not be read). Returns true when the run has stalled.
     */
    public boolean observe(String fingerprint, JsonNode budget, Instant now, long nowNanos) {
        if (fingerprint != null && !fingerprint.equals(lastFingerprint)) {
            lastFingerprint = fingerprint;
            lastProgressNanos = nowNanos;
        }
        if (budget != null) {
            long waited = budget.path("thisProcess").path("budgetWaitedMillis").asLong(-1);
            boolean waitedSinceLastPoll = waited >= 0 && lastWaitedMillis >= 0 && waited > lastWaitedMillis;
            if (waited >= 0) {
                lastWaitedMillis = waited;
            }
            if (waitedSinceLastPoll || BudgetEta.waitingForBudget(budget, now)) {
                lastProgressNanos = nowNanos;
            }
        }
        return nowNanos - lastProgressNanos > stallNanos;
    }
}
