package dev.ferry.loader.budget;

import java.time.Duration;

/** How the loader waits; tests pass one that moves a fake clock instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(Math.max(1, d.toMillis()));
}
