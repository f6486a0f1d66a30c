package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Decides when a run has stalled (issue 13): nothing moved for the stall time AND the loaders were not waiting for
 * budget. An exhausted hourly budget looks exactly like a stuck run from the reconciliation alone, so a poll that
 * finds the loader waiting (a window used up, a 429's block) or finds that it has waited since the last poll (its
 * {@code budgetWaitedMillis} grew: a wait that started and ended between two polls) counts as progress.
 *
 * <p>So does the mapper's intake. Until a practice's patients are all indexed the mapper holds what references them
 * (everything does), and the reconciliation shows nothing new for as long as that takes: 6 minutes at 30,000 patients
 * (bench/README.md), where the default five-minute window gave up on a mapper busy on a whole core. The number of
 * records the mapper holds for the run rises while it takes them in and falls while it releases them, so a change in it
 * is movement; it is read only when nothing else moved, one grouped count on the mapper's pending table.
 */
public final class StallWatch {

    private final long stallNanos;
    private long lastProgressNanos;
    private String lastFingerprint;
    private long lastWaitedMillis = -1;
    private long lastHeld = -1;

    public StallWatch(Duration stall, long nowNanos) {
        this.stallNanos = stall.toNanos();
        this.lastProgressNanos = nowNanos;
    }

    /**
     * One poll: the run's progress as a fingerprint (null when it could not be read), the number of records the mapper
     * holds for the run ({@code heldByMapper}, -1 when it could not be read; asked only when the fingerprint did not
     * move) and the loader's {@code GET /budget} (null when it could not be read). Returns true when the run has
     * stalled.
     */
    public boolean observe(String fingerprint, LongSupplier heldByMapper, JsonNode budget, Instant now,
            long nowNanos) {
        if (fingerprint != null && !fingerprint.equals(lastFingerprint)) {
            lastFingerprint = fingerprint;
            lastProgressNanos = nowNanos;
        } else {
            long held = heldByMapper.getAsLong();
            if (held >= 0 && lastHeld >= 0 && held != lastHeld) {
                lastProgressNanos = nowNanos;
            }
            if (held >= 0) {
                lastHeld = held;
            }
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
