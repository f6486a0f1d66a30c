package dev.ferry.sim.dentes.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * The sandbox's notion of time: "now" for mutations and how injected latency waits. Tests swap both so they never
 * depend on the wall clock or measure durations.
 */
@ApplicationScoped
public class SimClock {

    private volatile Clock clock = Clock.systemUTC();
    private volatile LongConsumer sleeper = SimClock::sleepMillis;

    public Instant now() {
        return clock.instant();
    }

    public void sleep(long millis) {
        if (millis > 0) {
            sleeper.accept(millis);
        }
    }

    public void useClock(Clock newClock) {
        this.clock = newClock;
    }

    public void useSleeper(LongConsumer newSleeper) {
        this.sleeper = newSleeper;
    }

    /** Back to the system clock and real sleeping. */
    public void useSystem() {
        this.clock = Clock.systemUTC();
        this.sleeper = SimClock::sleepMillis;
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
