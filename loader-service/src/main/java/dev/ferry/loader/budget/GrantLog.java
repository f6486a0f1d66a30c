package dev.ferry.loader.budget;

import java.time.Instant;

/**
 * The calls an account's budget has granted, by time. A rolling log rather than per-window counters: it keeps the
 * promise "never more than the limit in <em>any</em> window of the given length", which holds whatever window the
 * server uses (clock-aligned or rolling, and aligned however it likes).
 *
 * <p>A call the loader granted itself counts in both budgets. Usage learned from the server's headers counts only in
 * the budget the headers described.
 */
public interface GrantLog {

    /** Entries counting in {@code bucket} strictly after {@code from} (a window is {@code (now - span, now]}). */
    int countSince(Bucket bucket, Instant from);

    /**
     * The time of the entry at position {@code index} (0 = oldest) among those counting in {@code bucket} strictly after
     * {@code from}, or null when there are not that many.
     */
    Instant nthSince(Bucket bucket, Instant from, int index);

    /**
     * Entries counting in {@code bucket} in each of {@code slots} equal slots of {@code span} ending at {@code now},
     * oldest first (what the window holds, and when it frees up).
     */
    int[] countsBySlot(Bucket bucket, Instant now, java.time.Duration span, int slots);

    /** Records {@code count} calls the loader granted itself at {@code at}. */
    void addCalls(Instant at, int count);

    /** Records {@code count} calls the server counted in {@code bucket} that the log did not hold. */
    void addServerUsage(Bucket bucket, Instant at, int count);
}
