package dev.ferry.cli.progress;

import java.time.Duration;
import java.util.Optional;

/**
 * The time left from the rate observed so far: what was done since the first look, over the time since then. Only
 * this command's own looks count: a rollback or run followed again part way does not credit its earlier progress to
 * this command's rate.
 */
public final class Eta {

    private long firstDone = -1;
    private long firstNanos;
    private long lastDone;
    private long lastNanos;
    private long total;

    /** One look: {@code done} of {@code total} at {@code nanos} ({@link System#nanoTime()}). */
    public synchronized void observe(long done, long total, long nanos) {
        if (firstDone < 0) {
            firstDone = done;
            firstNanos = nanos;
        }
        lastDone = done;
        lastNanos = nanos;
        this.total = total;
    }

    /** The time left at the rate observed between the first and the last look; empty until something moved. */
    public synchronized Optional<Duration> remaining() {
        return firstDone < 0 ? Optional.empty() : remaining(firstDone, firstNanos, lastDone, lastNanos, total);
    }

    /**
     * {@code (total - done) / rate}, the rate being {@code (done - firstDone) / (nanos - firstNanos)}: zero once all
     * is done, empty while nothing moved (no rate yet).
     */
    public static Optional<Duration> remaining(long firstDone, long firstNanos, long done, long nanos, long total) {
        if (total > 0 && done >= total) {
            return Optional.of(Duration.ZERO);
        }
        long moved = done - firstDone;
        long elapsed = nanos - firstNanos;
        if (moved <= 0 || elapsed <= 0 || total <= 0) {
            return Optional.empty();
        }
        double nanosPerItem = elapsed / (double) moved;
        return Optional.of(Duration.ofNanos(Math.round((total - done) * nanosPerItem)));
    }

    /** A duration as an operator reads it: {@code 45 s}, {@code 12 min} (rounded up), {@code 3.5 h}. */
    public static String human(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds + 59) / 60 + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
