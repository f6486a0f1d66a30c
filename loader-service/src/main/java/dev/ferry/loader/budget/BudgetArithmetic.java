package dev.ferry.loader.budget;

import dev.ferry.loader.config.LoaderConfig.HeaderBucket;
import java.time.Duration;
import java.time.Instant;

/**
 * The budget's rules, free of storage and of clocks: the in-memory store of the unit tests and the PostgreSQL store
 * of every replica run exactly this code, each inside its own lock.
 *
 * <p>The invariant: in every interval of length {@code window + margin}, the log holds at most the usable limit of
 * grants. A server counting calls in windows of length {@code window} (clock-aligned or rolling) therefore never sees
 * more than the limit from this account's loaders, however their windows line up.
 */
public final class BudgetArithmetic {

    private BudgetArithmetic() {
    }

    /** Grants {@code calls} calls now and records them, or says how long to wait. */
    public static BudgetDecision tryTake(Instant now, int calls, BudgetLimits limits, BudgetState state, GrantLog log) {
        if (calls < 1) {
            throw new IllegalArgumentException("ask for at least one call");
        }
        if (state.blockedUntil() != null && now.isBefore(state.blockedUntil())) {
            return waiting(now, Duration.between(now, state.blockedUntil()), "429", limits, log);
        }
        int[] used = new int[2];
        for (Bucket bucket : Bucket.values()) {
            int limit = state.usableLimit(bucket, limits);
            if (calls > limit) {
                throw new IllegalArgumentException("asked for " + calls + " calls at once; the " + bucket
                        + " budget allows " + limit);
            }
            Instant from = now.minus(limits.span(bucket));
            int inWindow = log.countSince(bucket, from);
            used[bucket.ordinal()] = inWindow;
            int excess = inWindow + calls - limit;
            if (excess > 0) {
                // The window has room again once the `excess` oldest entries have aged out of it.
                Instant freedBy = log.nthSince(bucket, from, excess - 1);
                Duration wait = freedBy == null ? limits.span(bucket)
                        : Duration.between(now, freedBy.plus(limits.span(bucket)));
                if (wait.isNegative() || wait.isZero()) {
                    wait = Duration.ofMillis(1);
                }
                return waiting(now, wait, bucket == Bucket.MINUTE ? "minute" : "hour", limits, log);
            }
        }
        log.addCalls(now, calls);
        return new BudgetDecision(true, Duration.ZERO, null, used[0] + calls, used[1] + calls);
    }

    /**
     * Folds an accepted call's headers into the budget: a lower limit than the plan's is adopted, and usage the server
     * counted beyond what the log holds (another integration on the same account) is added to the log. The log is
     * never reduced: grants other replicas made may not have reached the server yet.
     */
    public static BudgetState accepted(Instant now, ServerView view, BudgetLimits limits, BudgetState state,
            GrantLog log) {
        BudgetState next = state.accepted();
        if (view.describesUsage()) {
            Bucket bucket = describedBucket(view.limit(), limits);
            next = learnLimit(next, bucket, view.limit(), limits);
            catchUp(now, bucket, view, limits, log);
        }
        return next;
    }

    /**
     * Folds a 429 into the budget: nothing more until the described budget resets, or, when the headers describe a
     * budget that still had room (the other one refused) or say nothing, for a backoff that doubles with each 429 in
     * a row. Never a failure: the caller waits and asks again.
     */
    public static BudgetState refused(Instant now, ServerView view, BudgetLimits limits, BudgetState state,
            GrantLog log) {
        Duration stop = backoff(limits, state.refusalsInARow());
        BudgetState next = state;
        if (view.describesUsage()) {
            Bucket bucket = describedBucket(view.limit(), limits);
            next = learnLimit(next, bucket, view.limit(), limits);
            catchUp(now, bucket, view, limits, log);
            if (view.remaining() == 0 && view.resetIn() != null) {
                // The refusing budget is the one described, and the server said when it frees up.
                stop = view.resetIn().isZero() ? Duration.ofSeconds(1) : view.resetIn();
            }
        }
        return next.blocked(now.plus(stop));
    }

    /** Which budget headers with this limit describe. */
    static Bucket describedBucket(int headerLimit, BudgetLimits limits) {
        if (limits.headerBucket() == HeaderBucket.MINUTE) {
            return Bucket.MINUTE;
        }
        if (limits.headerBucket() == HeaderBucket.HOUR) {
            return Bucket.HOUR;
        }
        double toMinute = Math.abs(Math.log((double) Math.max(1, headerLimit) / limits.perMinute()));
        double toHour = Math.abs(Math.log((double) Math.max(1, headerLimit) / limits.perHour()));
        return toMinute < toHour ? Bucket.MINUTE : Bucket.HOUR;
    }

    static Duration backoff(BudgetLimits limits, int refusalsInARow) {
        Duration cap = limits.hourWindow();
        Duration d = limits.backoffOn429();
        for (int i = 0; i < refusalsInARow && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private static BudgetDecision waiting(Instant now, Duration wait, String reason, BudgetLimits limits,
            GrantLog log) {
        return new BudgetDecision(false, wait, reason,
                log.countSince(Bucket.MINUTE, now.minus(limits.span(Bucket.MINUTE))),
                log.countSince(Bucket.HOUR, now.minus(limits.span(Bucket.HOUR))));
    }

    private static BudgetState learnLimit(BudgetState state, Bucket bucket, int serverLimit, BudgetLimits limits) {
        Integer known = bucket == Bucket.MINUTE ? state.serverMinuteLimit() : state.serverHourLimit();
        if (serverLimit >= 1 && serverLimit < limits.planLimit(bucket) && (known == null || known != serverLimit)) {
            return state.withServerLimit(bucket, serverLimit);
        }
        return state;
    }

    /**
     * Adds what the server counted beyond the log. When the server said when its budget resets, that usage is dated
     * so that it leaves the log at that moment (the server's window frees it then); otherwise it stays a whole window.
     */
    private static void catchUp(Instant now, Bucket bucket, ServerView view, BudgetLimits limits, GrantLog log) {
        Duration span = limits.span(bucket);
        int serverUsed = view.limit() - view.remaining();
        int logged = log.countSince(bucket, now.minus(span));
        if (serverUsed > logged) {
            Instant at = now;
            if (view.resetIn() != null && view.resetIn().compareTo(span) < 0) {
                // Leaves the window just as the server's resets.
                at = now.plus(view.resetIn()).minus(span);
            }
            log.addServerUsage(bucket, at, serverUsed - logged);
        }
    }
}
