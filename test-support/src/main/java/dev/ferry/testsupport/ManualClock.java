package dev.ferry.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that moves only when a test moves it, safe to read from several threads. {@link #sleep(Duration)} is a
 * sleeper that advances the clock instead of waiting and remembers each wait, so code that backs off can be tested
 * without real time passing ({@code clock::sleep} fits any {@code sleep(Duration)} interface).
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** Records the wait and advances the clock by it. */
    public void sleep(Duration d) {
        sleeps.add(d);
        advance(d);
    }

    /** Every wait {@link #sleep(Duration)} was asked for, in order. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
