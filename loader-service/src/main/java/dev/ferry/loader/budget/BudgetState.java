package dev.ferry.loader.budget;

import java.time.Instant;

/**
 * What one account's budget row holds besides its grant log: the limits the server revealed and the stop after a 429.
 *
 * @param serverMinuteLimit the per-minute limit the server's headers revealed, or null
 * @param serverHourLimit the hourly limit the server's headers revealed, or null
 * @param blockedUntil no call before this time (after a 429), or null
 * @param refusalsInARow 429s since the last accepted call; each one doubles the backoff when the server gives no reset
 */
public record BudgetState(Integer serverMinuteLimit, Integer serverHourLimit, Instant blockedUntil, int refusalsInARow) {

    public static final BudgetState FRESH = new BudgetState(null, null, null, 0);

    /** The limit the loader may use for a bucket: the plan's or the server's, whichever is lower, less the headroom. */
    public int usableLimit(Bucket bucket, BudgetLimits limits) {
        int plan = limits.planLimit(bucket);
        Integer server = bucket == Bucket.MINUTE ? serverMinuteLimit : serverHourLimit;
        return limits.usable(server == null ? plan : Math.min(plan, server));
    }

    public BudgetState withServerLimit(Bucket bucket, int limit) {
        return bucket == Bucket.MINUTE
                ? new BudgetState(limit, serverHourLimit, blockedUntil, refusalsInARow)
                : new BudgetState(serverMinuteLimit, limit, blockedUntil, refusalsInARow);
    }

    public BudgetState blocked(Instant until) {
        Instant later = blockedUntil == null || until.isAfter(blockedUntil) ? until : blockedUntil;
        return new BudgetState(serverMinuteLimit, serverHourLimit, later, refusalsInARow + 1);
    }

    public BudgetState accepted() {
        return refusalsInARow == 0 ? this : new BudgetState(serverMinuteLimit, serverHourLimit, blockedUntil, 0);
    }
}
