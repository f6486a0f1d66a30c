package dev.ferry.bench.sample;

/**
 * A stage's output count sampled over time, and its rate while it worked: records from the sample before its first
 * movement to its last movement ÷ the time between them. Idle time before the stage's input arrived and after it
 * finished is not counted against it.
 */
public final class StageClock {

    private boolean sampled;
    private long baseline;
    private long previous;
    private long previousNanos;
    private long startCount = -1;
    private long startNanos;
    private long lastMovedNanos;

    /** One sample: the stage's output count at {@code nanos}. */
    public synchronized void sample(long count, long nanos) {
        if (!sampled) {
            sampled = true;
            baseline = count;
        } else if (count > previous) {
            if (startCount < 0) {
                // The stage started after the previous sample: count from there.
                startCount = previous;
                startNanos = previousNanos;
            }
            lastMovedNanos = nanos;
        }
        previous = Math.max(previous, count);
        previousNanos = nanos;
    }

    /** Records counted since the first sample. */
    public synchronized long records() {
        return sampled ? previous - baseline : 0;
    }

    /** Seconds from the sample before the first movement to the last movement. */
    public synchronized double activeSeconds() {
        return startCount < 0 ? 0 : (lastMovedNanos - startNanos) / 1e9;
    }

    /** Records a second while the stage moved; NaN when it never moved. */
    public synchronized double perSecond() {
        double s = activeSeconds();
        return s <= 0 ? Double.NaN : (previous - startCount) / s;
    }
}
