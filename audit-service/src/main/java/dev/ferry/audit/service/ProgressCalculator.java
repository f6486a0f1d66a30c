package dev.ferry.audit.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.budget.CallBudget;
import dev.ferry.contracts.budget.CallsPerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Progress arithmetic. Pure: counts, windows and the budget come in, nothing is read here.
 *
 * <p>The ETA is the Freshsales calls still needed over the budget (issue 12/13: wall time is calls ÷ budget): per
 * resource, pending records × {@link CallsPerRecord}; spent by {@link CallBudget} at the minute limit while the hour
 * has room, then as the hour's earlier calls leave the window. The last hour's calls, minute by minute, are estimated
 * from this run's terminal records of each minute × their calls per record (other integrations sharing the account are
 * not seen). Unlike a rate over a window, it is known as soon as the manifests are, and stays known between hourly
 * bursts when no record moves.
 */
public final class ProgressCalculator {

    /** The budget's limits, calls a minute and an hour. */
    public record Limits(int perMinute, int perHour) {
    }

    private ProgressCalculator() {
    }

    /**
     * @param tally the resource's counts
     * @param terminalInWindow records whose terminal state occurred within the rate window ending now
     * @param window the rate window
     * @param limits the budget; this resource's ETA is its calls alone on the whole budget, from a fresh hour
     */
    public static ResourceProgress progress(ResourceTally tally, long terminalInWindow, Duration window, Limits limits) {
        long terminal = tally.terminal();
        Long pending = tally.manifestCount() == null ? null : Math.max(0, tally.manifestCount() - terminal);
        double perRecord = callsPerRecord(tally.resource());
        Long calls = pending == null ? null : callsNeeded(pending, perRecord);
        return new ResourceProgress(tally.resource(), tally.manifestCount(), tally.seen(), terminal, pending,
                tally.byKind(), perMinute(terminalInWindow, window), perRecord, calls,
                calls == null ? null : etaMinutes(calls, limits, new double[0]));
    }

    /**
     * @param terminalInWindow per resource path, records terminal within the rate window
     * @param terminalLastHour per resource path, records terminal in each minute of the last hour, oldest minute first
     *                         (the hour's calls spent, and when)
     */
    public static RunProgress progress(String runId, Instant now, Duration window, List<ResourceTally> tallies,
            Map<String, Long> terminalInWindow, Map<String, long[]> terminalLastHour, Limits limits) {
        List<ResourceProgress> resources = tallies.stream()
                .map(t -> progress(t, terminalInWindow.getOrDefault(t.resource(), 0L), window, limits))
                .toList();
        long manifestTotal = resources.stream().filter(r -> r.manifestCount() != null)
                .mapToLong(ResourceProgress::manifestCount).sum();
        long terminal = resources.stream().mapToLong(ResourceProgress::terminal).sum();
        long pending = resources.stream().filter(r -> r.pending() != null).mapToLong(ResourceProgress::pending).sum();
        long calls = resources.stream().filter(r -> r.callsNeeded() != null)
                .mapToLong(ResourceProgress::callsNeeded).sum();
        double rate = perMinute(terminalInWindow.values().stream().mapToLong(Long::longValue).sum(), window);
        double[] lastHour = lastHourCalls(terminalLastHour);
        long remaining = Math.max(0, limits.perHour() - (long) Math.ceil(Arrays.stream(lastHour).sum()));
        RunProgress.Budget budget = new RunProgress.Budget(limits.perHour(), limits.perMinute(), remaining);
        return new RunProgress(runId, now, window.toSeconds(), manifestTotal, terminal, pending, rate, calls, budget,
                etaMinutes(calls, limits, lastHour), resources);
    }

    /** Calls a record of the resource needs; 1 for a resource this version does not know. */
    static double callsPerRecord(String resourcePath) {
        try {
            return CallsPerRecord.of(SourceResource.fromPath(resourcePath));
        } catch (IllegalArgumentException unknown) {
            return 1.0;
        }
    }

    static long callsNeeded(long pending, double perRecord) {
        return (long) Math.ceil(pending * perRecord);
    }

    /** The calls this run's records of each minute of the last hour are estimated to have cost, oldest first. */
    static double[] lastHourCalls(Map<String, long[]> terminalByMinute) {
        double[] calls = new double[CallBudget.MINUTES];
        for (Map.Entry<String, long[]> e : terminalByMinute.entrySet()) {
            double perRecord = callsPerRecord(e.getKey());
            long[] records = e.getValue();
            int from = Math.max(0, records.length - CallBudget.MINUTES);
            for (int i = from; i < records.length; i++) {
                calls[CallBudget.MINUTES - records.length + i] += records[i] * perRecord;
            }
        }
        return calls;
    }

    static double etaMinutes(long calls, Limits limits, double[] lastHour) {
        long seconds = CallBudget.etaSeconds(calls, Math.max(1, limits.perMinute()), Math.max(1, limits.perHour()),
                lastHour);
        return Math.round(seconds / 6.0) / 10.0;
    }

    static double perMinute(long count, Duration window) {
        if (window.isZero() || window.isNegative()) {
            return 0;
        }
        double minutes = window.toMillis() / 60_000.0;
        return Math.round(count / minutes * 10) / 10.0;
    }
}
