package dev.ferry.extractor.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: after the {@code n}-th failure wait {@code initial * 2^(n-1)}, at most
 * {@code max}, of which the fraction {@code jitter} is random.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param random source of values in [0, 1); tests pass a fixed one
     */
    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial delay <= max delay");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must lie in [0, 1]");
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    public Backoff(Duration initial, Duration max, double jitter) {
        this(initial, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after {@code failures} consecutive failures (1 = after the first). */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1");
        }
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        long nanos;
        int shift = failures - 1;
        // Past 62 doublings the long overflows; anything that large is the cap anyway.
        if (shift >= 62 || initialNanos > (maxNanos >> Math.min(shift, 62))) {
            nanos = maxNanos;
        } else {
            nanos = Math.min(maxNanos, initialNanos << shift);
        }
        double factor = 1.0 - jitter * random.getAsDouble();
        return Duration.ofNanos((long) (nanos * factor));
    }
}
