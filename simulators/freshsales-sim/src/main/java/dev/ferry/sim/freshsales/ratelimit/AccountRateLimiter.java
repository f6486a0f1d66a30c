package dev.ferry.sim.freshsales.ratelimit;

import dev.ferry.sim.freshsales.clock.SimClock;
import dev.ferry.sim.freshsales.config.SimSettings;
import java.util.ArrayDeque;

/**
 * The account-wide budget: an hourly and a per-minute bucket shared by every key.
 *
 * <p>Time scale: the limiter runs on simulated time {@code sim = anchorSim + (real - anchorReal) * timeScale};
 * with timeScale 3600 one real second is one simulated hour, so a whole hourly budget renews every real second.
 * Changing the scale re-anchors, so simulated time never jumps. Header values are converted back to real
 * seconds, so a client needs no knowledge of the scale to honour them.
 *
 * <p>Refused calls (429) do not consume budget. Not thread-safe by itself: every method is synchronized.
 */
public final class AccountRateLimiter {

    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;

    private final SimClock clock;
    private double scale = Double.NaN;
    private long anchorReal;
    private double anchorSim;

    private long hourWindow = Long.MIN_VALUE;
    private int hourCount;
    private long minuteWindow = Long.MIN_VALUE;
    private int minuteCount;
    private final ArrayDeque<Long> hourLog = new ArrayDeque<>();
    private final ArrayDeque<Long> minuteLog = new ArrayDeque<>();

    public AccountRateLimiter(SimClock clock) {
        this.clock = clock;
        this.anchorReal = clock.nowMillis();
        this.anchorSim = anchorReal;
    }

    /** Counts one call if both buckets have room. */
    public synchronized RateDecision tryAcquire(SimSettings s) {
        long real = clock.nowMillis();
        long sim = simNow(real, s.timeScale);
        boolean rolling = s.windowMode == SimSettings.WindowMode.ROLLING;
        int usedHour = used(rolling, sim, HOUR_MS, true);
        int usedMinute = used(rolling, sim, MINUTE_MS, false);
        boolean hourOk = usedHour < s.perHourLimit;
        boolean minuteOk = usedMinute < s.perMinuteLimit;
        if (hourOk && minuteOk) {
            record(rolling, sim);
            usedHour++;
            usedMinute++;
            return decision(true, null, s, real, sim, rolling, usedHour, usedMinute);
        }
        return decision(false, hourOk ? "minute" : "hour", s, real, sim, rolling, usedHour, usedMinute);
    }

    /** Current header values without counting a call (for /_sim/config and tests). */
    public synchronized RateDecision peek(SimSettings s) {
        long real = clock.nowMillis();
        long sim = simNow(real, s.timeScale);
        boolean rolling = s.windowMode == SimSettings.WindowMode.ROLLING;
        return decision(true, null, s, real, sim, rolling, used(rolling, sim, HOUR_MS, true), used(rolling, sim, MINUTE_MS, false));
    }

    /** Forgets every counted call. */
    public synchronized void reset() {
        hourWindow = Long.MIN_VALUE;
        minuteWindow = Long.MIN_VALUE;
        hourCount = 0;
        minuteCount = 0;
        hourLog.clear();
        minuteLog.clear();
    }

    private long simNow(long real, double timeScale) {
        if (timeScale != scale) {
            if (!Double.isNaN(scale)) {
                anchorSim = anchorSim + (real - anchorReal) * scale;
                anchorReal = real;
            }
            scale = timeScale;
        }
        return (long) Math.floor(anchorSim + (real - anchorReal) * scale);
    }

    private int used(boolean rolling, long sim, long window, boolean hour) {
        if (rolling) {
            ArrayDeque<Long> log = hour ? hourLog : minuteLog;
            while (!log.isEmpty() && log.peekFirst() <= sim - window) {
                log.pollFirst();
            }
            return log.size();
        }
        long idx = Math.floorDiv(sim, window);
        if (hour) {
            if (idx != hourWindow) {
                hourWindow = idx;
                hourCount = 0;
            }
            return hourCount;
        }
        if (idx != minuteWindow) {
            minuteWindow = idx;
            minuteCount = 0;
        }
        return minuteCount;
    }

    private void record(boolean rolling, long sim) {
        if (rolling) {
            hourLog.addLast(sim);
            minuteLog.addLast(sim);
        } else {
            hourCount++;
            minuteCount++;
        }
    }

    /** Simulated epoch millisecond at which the bucket frees its next slot. */
    private long resetAt(boolean rolling, long sim, long window, boolean hour) {
        if (rolling) {
            ArrayDeque<Long> log = hour ? hourLog : minuteLog;
            return log.isEmpty() ? sim : log.peekFirst() + window;
        }
        return (Math.floorDiv(sim, window) + 1) * window;
    }

    private RateDecision decision(boolean allowed, String blockedBy, SimSettings s, long real, long sim, boolean rolling,
                                  int usedHour, int usedMinute) {
        int remHour = Math.max(0, s.perHourLimit - usedHour);
        int remMinute = Math.max(0, s.perMinuteLimit - usedMinute);
        boolean useHour = switch (s.rateLimitHeaderBucket) {
            case HOUR -> true;
            case MINUTE -> false;
            case TIGHTEST -> remHour <= remMinute;
        };
        long simReset = resetAt(rolling, sim, useHour ? HOUR_MS : MINUTE_MS, useHour);
        long realMillisToReset = (long) Math.ceil(Math.max(0, simReset - sim) / s.timeScale);
        long secondsToReset = (realMillisToReset + 999) / 1000;
        long reset = s.rateLimitResetUnit == SimSettings.ResetUnit.EPOCH_SECONDS
                ? (real + realMillisToReset + 999) / 1000
                : secondsToReset;
        long retryAfter = 0;
        if (!allowed) {
            boolean hourBlocks = "hour".equals(blockedBy);
            long blockedReset = resetAt(rolling, sim, hourBlocks ? HOUR_MS : MINUTE_MS, hourBlocks);
            retryAfter = Math.max(1, ((long) Math.ceil(Math.max(0, blockedReset - sim) / s.timeScale) + 999) / 1000);
        }
        return new RateDecision(allowed, useHour ? s.perHourLimit : s.perMinuteLimit, useHour ? remHour : remMinute,
                reset, retryAfter, blockedBy);
    }
}
