package dev.ferry.sim.freshsales.ratelimit;

/**
 * Outcome of one call against the account budget, with the header values to send.
 *
 * @param allowed           whether the call may proceed
 * @param limit             X-RateLimit-Limit
 * @param remaining         X-RateLimit-Remaining (after this call)
 * @param reset             X-RateLimit-Reset, already in the configured unit
 * @param retryAfterSeconds real seconds until the bucket that refused the call frees a slot (0 when allowed)
 * @param blockedBy         "hour" or "minute" when refused, else null
 */
public record RateDecision(boolean allowed, int limit, int remaining, long reset, long retryAfterSeconds, String blockedBy) {
}
