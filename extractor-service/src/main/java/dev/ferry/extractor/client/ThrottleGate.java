package dev.ferry.extractor.client;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gate for every request to the tenant: a 429's {@code Retry-After} applies to the tenant, not to the one page
 * that happened to get it, so all parallel page fetches wait until the instant the tenant named.
 */
public final class ThrottleGate {

    private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.MIN);
    private final Clock clock;
    private final Sleeper sleeper;

    public ThrottleGate(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** No request goes out before {@code instant} (a later instant already set wins). */
    public void closeUntil(Instant instant) {
        notBefore.accumulateAndGet(instant, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Instant closedUntil() {
        return notBefore.get();
    }

    /** Returns once the gate is open, sleeping as long as needed. */
    public void awaitOpen() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            Instant until = notBefore.get();
            if (!now.isBefore(until)) {
                return;
            }
            sleeper.sleep(Duration.between(now, until));
        }
    }
}
