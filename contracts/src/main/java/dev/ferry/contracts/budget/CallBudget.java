package dev.ferry.contracts.budget;

/**
 * How long a number of Freshsales calls takes on the account's budget (issue 13: wall time is calls ÷ budget). One
 * model for every place that shows an ETA or a floor: the CLI (from the loader's {@code GET /budget}), the audit's
 * {@code /runs/{id}/progress} and rollback plans, and the bench's "minimum calls ÷ budget".
 *
 * <p>The budget is a rolling hour (the loader's {@code GrantLog}): a call counts for an hour after it was made, and no
 * minute spends more than the minute limit. So the calls go at the minute pace while the hour has room, and then wait
 * for the hour's earlier calls to age out, which free up at the pace they were made. The model plays that forward a
 * minute at a time from what the last hour spent, minute by minute: after a burst (a fresh account spends 5,000 calls
 * in 12.5 minutes at 400 a minute) the next calls wait for the rest of the hour, after calls spread evenly they come
 * at the hour's steady rate. The earlier model (the hour's room at the minute pace, everything after at the hour's
 * steady rate) was up to 47.5 minutes optimistic just past a whole hour's calls (5,001 calls on a fresh 5,000/400
 * account: 751 s, where no loader can finish before 3,600 s).
 */
public final class CallBudget {

    /** Minutes in the hourly window: the model's resolution is a minute. */
    public static final int MINUTES = 60;

    private CallBudget() {
    }

    /**
     * Seconds {@code callsNeeded} calls take on an account whose last hour was {@code lastHourByMinute}.
     *
     * @param callsNeeded calls still to make (fractions allowed: an estimate of records × calls per record)
     * @param perMinute calls a minute the loaders may use; must be positive
     * @param perHour calls an hour the loaders may use; must be positive
     * @param lastHourByMinute calls the hourly window counted in each of its minutes, oldest first, ending now; shorter
     *                         than {@value #MINUTES} means the older minutes counted none, longer keeps the newest
     *                         {@value #MINUTES}
     */
    public static long etaSeconds(double callsNeeded, long perMinute, long perHour, double[] lastHourByMinute) {
        return Math.round(seconds(callsNeeded, perMinute, perHour, lastHourByMinute));
    }

    /** {@link #etaSeconds} before rounding to a whole second (the bench divides it by its clock's time scale). */
    public static double seconds(double callsNeeded, long perMinute, long perHour, double[] lastHourByMinute) {
        if (perMinute <= 0 || perHour <= 0) {
            throw new IllegalArgumentException("a budget needs positive limits");
        }
        if (callsNeeded <= 0) {
            return 0;
        }
        double[] window = new double[MINUTES];
        int given = Math.min(MINUTES, lastHourByMinute.length);
        System.arraycopy(lastHourByMinute, lastHourByMinute.length - given, window, MINUTES - given, given);
        double inWindow = 0;
        for (double calls : window) {
            inWindow += Math.max(0, calls);
        }
        double left = callsNeeded;
        // window[oldest] is the minute that leaves the window as the next one begins (a ring of MINUTES).
        int oldest = 0;
        for (long minute = 0; ; minute++) {
            inWindow -= Math.max(0, window[oldest]);
            double room = Math.max(0, Math.min(perMinute, perHour - inWindow));
            double spent = Math.min(room, left);
            window[oldest] = spent;
            inWindow += spent;
            oldest = (oldest + 1) % MINUTES;
            left -= spent;
            if (left <= 1e-9) {
                return minute * 60.0 + spent * 60 / perMinute;
            }
        }
    }

    /** Seconds {@code calls} take on an account that made no call in the last hour: the floor no loader can beat. */
    public static double secondsFromFresh(double calls, long perMinute, long perHour) {
        return seconds(calls, perMinute, perHour, new double[0]);
    }
}
