package dev.ferry.sim.freshsales.clock;

/** Real (wall-clock) time as the sandbox sees it; tests replace it with a fake to drive the limiter. */
@FunctionalInterface
public interface SimClock {
    /** Milliseconds since the epoch. */
    long nowMillis();
}
