package dev.ferry.contracts.budget;

/**
 * How long a number of Freshsales calls takes on the account's budget (issue 13: wall time is calls ÷ budget). One
 * formula for every place that shows an ETA: the CLI (from the loader's {@code GET /budget}) and the audit's
 * {@code /runs/{id}/progress} (from its configured plan limits).
 *
 * <p>The calls are spent at the minute limit while the current hour still has room, and at the hour limit after
 * that: between hourly bursts (the hour used up) the answer is the calls over the hour limit, never "unknown".
 */
public final class CallBudget {

    private CallBudget() {
    }

    /**
     * Seconds {@code callsNeeded} calls take.
     *
     * @param callsNeeded calls still to make (fractions allowed: an estimate of records × calls per record)
     * @param perMinute calls a minute the loaders may use; must be positive
     * @param perHour calls an hour the loaders may use; must be positive
     * @param hourRemaining calls left in the current hour window (clamped to 0 .. perHour)
     */
    public static long etaSeconds(double callsNeeded, long perMinute, long perHour, long hourRemaining) {
        if (perMinute <= 0 || perHour <= 0) {
            throw new IllegalArgumentException("a budget needs positive limits");
        }
        if (callsNeeded <= 0) {
            return 0;
        }
        double hourLeft = Math.min(perHour, Math.max(0, hourRemaining));
        double seconds = Math.min(callsNeeded, hourLeft) / perMinute * 60
                + Math.max(0, callsNeeded - hourLeft) / perHour * 3600;
        return Math.round(seconds);
    }
}
