package dev.ferry.loader.service;

import java.time.Duration;

/**
 * How long the first status poll of a bulk job waits, learned from the jobs before it, so that most jobs cost one poll
 * (issue 13: a fixed interval cost two polls a job when jobs took a little longer than it, and kept the writer idle
 * when they took much less).
 *
 * <p>Each finished job teaches the pace: a job seen finished at its first poll finished at most that long after its
 * submission, so the next first poll comes a tenth earlier (probing down); a job that needed more polls took about
 * as long as it was waited for, so the next one waits that long. The first job of a process, and any wait outside
 * [floor, ceiling], uses the configured interval's bounds. Per record, because a job's time grows with its size.
 */
final class JobPace {

    private static final Duration FLOOR = Duration.ofMillis(100);

    private final Duration interval;
    private final Duration ceiling;
    private double nanosPerItem = -1;

    /** @param interval the configured pause between polls: the first wait until a job has been seen */
    JobPace(Duration interval) {
        this.interval = interval;
        this.ceiling = interval.multipliedBy(10);
    }

    /** How long to wait before the first poll of a job of this many records. */
    synchronized Duration firstWait(int items) {
        if (nanosPerItem < 0) {
            return interval;
        }
        long nanos = (long) (nanosPerItem * Math.max(1, items));
        return Duration.ofNanos(Math.max(FLOOR.toNanos(), Math.min(ceiling.toNanos(), nanos)));
    }

    /**
     * A job of {@code items} records was seen finished {@code elapsed} after its submission was answered, at its
     * {@code polls}-th poll.
     */
    synchronized void finished(int items, Duration elapsed, int polls) {
        double observed = elapsed.toNanos() / (double) Math.max(1, items);
        nanosPerItem = polls <= 1 ? observed * 0.9 : observed;
    }
}
