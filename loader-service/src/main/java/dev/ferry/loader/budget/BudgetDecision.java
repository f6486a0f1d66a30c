package dev.ferry.loader.budget;

import java.time.Duration;

/**
 * The answer to a request for calls: granted, or how long to wait and why.
 *
 * @param granted whether the calls may be made now
 * @param waitFor how long to wait before asking again (zero when granted)
 * @param reason which limit is in the way ({@code minute}, {@code hour}, {@code 429}), null when granted
 * @param minuteUsed calls counted in the per-minute window after this decision
 * @param hourUsed calls counted in the hourly window after this decision
 */
public record BudgetDecision(boolean granted, Duration waitFor, String reason, int minuteUsed, int hourUsed) {
}
