package dev.ferry.loader.budget;

import dev.ferry.loader.config.LoaderConfig;
import java.time.Duration;

/**
 * The account's plan as configured: calls allowed per minute and per hour, the window lengths, and the share left to
 * other integrations. What the server says about its own limits can only lower these ({@link BudgetState}).
 *
 * @param perMinute calls per minute the plan allows
 * @param perHour calls per hour the plan allows
 * @param headroomPercent share of both limits the loader leaves unused
 * @param minuteWindow length of the per-minute window
 * @param hourWindow length of the hourly window
 * @param margin added to both windows against network jitter
 * @param backoffOn429 first stop after a 429 that does not say when the budget frees up; doubles with each 429 in a row
 * @param headerBucket which budget the {@code X-RateLimit-*} headers describe
 */
public record BudgetLimits(int perMinute, int perHour, int headroomPercent, Duration minuteWindow, Duration hourWindow,
        Duration margin, Duration backoffOn429, LoaderConfig.HeaderBucket headerBucket) {

    public BudgetLimits {
        if (perMinute < 1 || perHour < 1) {
            throw new IllegalArgumentException("budget limits must be positive");
        }
        if (headroomPercent < 0 || headroomPercent > 90) {
            throw new IllegalArgumentException("headroom must be between 0 and 90 percent");
        }
    }

    public static BudgetLimits from(LoaderConfig.Budget b) {
        return new BudgetLimits(b.perMinute(), b.perHour(), b.headroomPercent(), b.minuteWindow(), b.hourWindow(),
                b.windowMargin(), b.backoffOn429(), b.headerBucket());
    }

    /** The window a bucket counts grants in: its length plus the margin. */
    public Duration span(Bucket bucket) {
        return (bucket == Bucket.MINUTE ? minuteWindow : hourWindow).plus(margin);
    }

    /** The plan's limit of a bucket, before headroom and before anything the server said. */
    public int planLimit(Bucket bucket) {
        return bucket == Bucket.MINUTE ? perMinute : perHour;
    }

    /** What the loader may use of a limit: the limit minus the headroom, never less than one call. */
    public int usable(int limit) {
        return Math.max(1, (int) Math.floor(limit * (100 - headroomPercent) / 100.0));
    }
}
