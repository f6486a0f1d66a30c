package dev.ferry.extractor.client;

import java.time.Duration;

/** Waits. Tests substitute one that advances a fake clock instead, so no unit test depends on real time. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** The real thing. */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        };
    }
}
