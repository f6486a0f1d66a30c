package dev.ferry.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Progress arithmetic. Pure: counts and the window come in, nothing is read here. */
public final class ProgressCalculator {

    private ProgressCalculator() {
    }

    /**
     * @param tally the resource's counts
     * @param terminalInWindow records whose terminal state occurred within the window ending now
     * @param window the rate window
     */
    public static ResourceProgress progress(ResourceTally tally, long terminalInWindow, Duration window) {
        long terminal = tally.terminal();
        Long pending = tally.manifestCount() == null ? null : Math.max(0, tally.manifestCount() - terminal);
        double rate = perMinute(terminalInWindow, window);
        return new ResourceProgress(tally.resource(), tally.manifestCount(), tally.seen(), terminal, pending,
                tally.byKind(), rate, eta(pending, rate));
    }

    public static RunProgress progress(String runId, Instant now, Duration window, List<ResourceTally> tallies,
            Map<String, Long> terminalInWindow) {
        List<ResourceProgress> resources = tallies.stream()
                .map(t -> progress(t, terminalInWindow.getOrDefault(t.resource(), 0L), window))
                .toList();
        long manifestTotal = resources.stream().filter(r -> r.manifestCount() != null)
                .mapToLong(ResourceProgress::manifestCount).sum();
        long terminal = resources.stream().mapToLong(ResourceProgress::terminal).sum();
        long pending = resources.stream().filter(r -> r.pending() != null).mapToLong(ResourceProgress::pending).sum();
        double rate = perMinute(terminalInWindow.values().stream().mapToLong(Long::longValue).sum(), window);
        return new RunProgress(runId, now, window.toSeconds(), manifestTotal, terminal, pending, rate,
                eta(pending, rate), resources);
    }

    static double perMinute(long count, Duration window) {
        if (window.isZero() || window.isNegative()) {
            return 0;
        }
        double minutes = window.toMillis() / 60_000.0;
        return Math.round(count / minutes * 10) / 10.0;
    }

    static Double eta(Long pending, double ratePerMinute) {
        if (pending == null || ratePerMinute <= 0) {
            return null;
        }
        return Math.round(pending / ratePerMinute * 10) / 10.0;
    }
}
