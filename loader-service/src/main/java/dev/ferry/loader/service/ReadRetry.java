package dev.ferry.loader.service;

import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.FreshsalesException;
import java.time.Duration;

/**
 * Retries a read of Freshsales that got no definitive answer (a 5xx, a timeout, a broken connection).
 *
 * <p>Only for reads, which change nothing and may be asked again: a write's lost answer is resolved by lookup instead
 * ({@link IntentSweeper}). The account's setup is read in about twenty calls, and one transient 5xx used to fail the
 * whole catalogue, so the mapper's proposal, preflight and run start answered 503 (the fault matrix's 10 % 5xx row,
 * started on a fresh stack: propose refused at 0.9^20 ≈ 12 % odds of success). A refusal (4xx) is an answer and is not
 * retried; every attempt still draws on the rate budget.
 */
final class ReadRetry {

    /** Attempts per read, the first included. */
    static final int ATTEMPTS = 4;
    /** Pause before the second attempt; it doubles after each. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);

    /** One read of Freshsales. */
    @FunctionalInterface
    interface Read<T> {
        T get() throws InterruptedException;
    }

    private ReadRetry() {
    }

    /** {@code read}'s answer, asked up to {@link #ATTEMPTS} times while it gets no definitive one. */
    static <T> T read(Read<T> read, Sleeper sleeper) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (FreshsalesException.NoAnswer e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                sleeper.sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }
}
