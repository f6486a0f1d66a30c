package dev.ferry.bench.table;

import dev.ferry.contracts.budget.CallBudget;

/**
 * The account's budget in simulated time (the Freshsales sandbox's clock: one real second is {@code timeScale}
 * simulated seconds). An hour's window holds {@code perHour} calls, spent at most at the per-minute pace: a fresh
 * account spends its first hour's calls in {@code perHour ÷ perMinute} minutes, then waits for its first calls to age
 * out, at the pace they were made. The floor is {@link CallBudget}'s model from a fresh account (the one every ETA
 * uses); {@link #allowedWithin} is its inverse, written out because the bench reads it at every second of a run.
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
        return CallBudget.secondsFromFresh(calls, perMinute, perHour) / timeScale;
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
