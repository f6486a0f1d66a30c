package dev.ferry.loader.budget;

import dev.ferry.contracts.budget.CallBudget;
import java.time.Instant;
import java.util.Arrays;

/**
 * One account's budget as an operator sees it ({@code GET /budget}).
 *
 * @param account the budget's name
 * @param minuteLimit calls per minute the loaders may use (plan or server limit, less headroom)
 * @param hourLimit calls per hour the loaders may use
 * @param minuteUsed calls counted in the last minute window
 * @param hourUsed calls counted in the last hour window
 * @param hourByMinute the hour window's calls in each sixtieth of it (a minute), oldest first: when they leave the
 *                     window, which is when the next calls can go once the hour is spent ({@code CallBudget})
 * @param blockedUntil no calls before this time (after a 429), or null
 * @param refusalsInARow 429s since the last accepted call
 * @param serverMinuteLimit per-minute limit the server revealed, or null
 * @param serverHourLimit hourly limit the server revealed, or null
 * @param now the store's clock
 */
public record BudgetStatus(String account, int minuteLimit, int hourLimit, int minuteUsed, int hourUsed,
        int[] hourByMinute, Instant blockedUntil, int refusalsInARow, Integer serverMinuteLimit,
        Integer serverHourLimit, Instant now) {

    static BudgetStatus of(String account, Instant now, BudgetLimits limits, BudgetState state, GrantLog log) {
        // One read of the hour window: its count is the sum of its minutes.
        int[] hourByMinute = log.countsBySlot(Bucket.HOUR, now, limits.span(Bucket.HOUR), CallBudget.MINUTES);
        return new BudgetStatus(account, state.usableLimit(Bucket.MINUTE, limits), state.usableLimit(Bucket.HOUR, limits),
                log.countSince(Bucket.MINUTE, now.minus(limits.span(Bucket.MINUTE))),
                Arrays.stream(hourByMinute).sum(), hourByMinute,
                state.blockedUntil() != null && state.blockedUntil().isAfter(now) ? state.blockedUntil() : null,
                state.refusalsInARow(), state.serverMinuteLimit(), state.serverHourLimit(), now);
    }
}
