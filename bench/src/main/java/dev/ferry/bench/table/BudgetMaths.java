package dev.ferry.bench.table;

import dev.ferry.contracts.budget.CallBudget;

/**
 * The account's budget in simulated time (the Freshsales sandbox's clock: one real second is {@code timeScale}
 * simulated seconds). An hour's window holds {@code perHour} calls, spent at most at the per-minute pace: a fresh
 * account spends its first hour's calls in {@code perHour ÷ perMinute} minutes, then waits for the next window
 * (fixed windows) or for its first calls to age out (rolling ones, which free them at the pace they were made); both
 * give the same floor, and both directions below are that one model, each the other's inverse. It is not
 * {@link CallBudget#etaSeconds}, whose steady hourly rate after the first hour's calls no window allows: an ETA may be
 * optimistic, a floor may not (it made the 1,000-patient run's floor 223 s where no loader could finish before 391 s).
 *
 * @param perHour calls an hour the account's configured budget allows (before the loader's headroom)
 * @param perMinute calls a minute
 * @param timeScale simulated seconds per real second
 */
public record BudgetMaths(long perHour, long perMinute, double timeScale) {

    public BudgetMaths {
        if (perHour <= 0 || perMinute <= 0 || timeScale <= 0) {
            throw new IllegalArgumentException("a budget needs positive limits and a positive time scale");
        }
    }

    /** Real seconds the fewest calls need at this budget: the floor no loader can beat. */
    public double minimumWallSeconds(long calls) {
        if (calls <= 0) {
            return 0;
        }
        long fullHours = (calls - 1) / perHour;
        long rest = calls - fullHours * perHour;
        return (fullHours * 3600.0 + rest * 60.0 / perMinute) / timeScale;
    }

    /** Calls the budget allows within {@code realSeconds} of a fresh account (the inverse of the above). */
    public double allowedWithin(double realSeconds) {
        double sim = realSeconds * timeScale;
        long fullHours = (long) Math.floor(sim / 3600);
        double rest = sim - fullHours * 3600.0;
        return fullHours * (double) perHour + Math.min(perHour, perMinute * rest / 60.0);
    }

    /** Records a second the loader can write at this budget when each record costs {@code callsPerRecord}. */
    public double loaderCeilingPerSecond(double callsPerRecord) {
        return perHour / 3600.0 * timeScale / callsPerRecord;
    }
}
