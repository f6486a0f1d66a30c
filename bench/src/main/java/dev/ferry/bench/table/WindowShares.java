package dev.ferry.bench.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The budget's use window by window: the Freshsales calls made in each hourly window (on the compressed clock) from
 * the first call on, as a share of the hour's budget. Issue 13 asks for the budget used in steady state, which the
 * whole span's figure hides: the first window is paced by the mapping still under way and the last by the run's
 * tail, so the steady state is the complete windows between them.
 */
public final class WindowShares {

    private WindowShares() {
    }

    /** Calls so far at a moment of the run (real seconds). */
    public record CallsAt(double seconds, long calls) {
    }

    /**
     * Shares of {@code perHour} used in each complete window after the first (the run's tail falls in the incomplete
     * last one, which is left out); empty when the run had no complete window after the first.
     *
     * @param samples calls so far, oldest first, sampled often against the window's length
     * @param windowSeconds an hour on the compressed clock, in real seconds
     */
    public static List<Double> steadyState(List<CallsAt> samples, double windowSeconds, long perHour) {
        List<Double> shares = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).calls() > 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return shares;
        }
        // The window opens at the sample before the first call: the call came at most one period later.
        double start = samples.get(Math.max(0, first - 1)).seconds();
        double end = samples.get(samples.size() - 1).seconds();
        for (int k = 1; start + (k + 1) * windowSeconds <= end; k++) {
            double from = start + k * windowSeconds;
            double to = from + windowSeconds;
            shares.add((callsAt(samples, to) - callsAt(samples, from)) / (double) perHour);
        }
        return shares;
    }

    /** Calls counted by the last sample at or before {@code seconds}. */
    private static long callsAt(List<CallsAt> samples, double seconds) {
        long calls = 0;
        for (CallsAt s : samples) {
            if (s.seconds() > seconds) {
                break;
            }
            calls = Math.max(calls, s.calls());
        }
        return calls;
    }
}
