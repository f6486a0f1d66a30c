package dev.ferry.bench.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link BenchReport} as the one Markdown table {@code bin/ferry bench} prints: measured, against, goal. */
public final class BenchTable {

    private BenchTable() {
    }

    public static String render(BenchReport r) {
        List<String[]> rows = new ArrayList<>();
        for (ObjectCalls o : r.objects()) {
            if (o.total() == 0 && o.records() == 0) {
                continue;
            }
            rows.add(new String[] {"calls " + o.object() + " (" + o.records() + " records; bulk "
                    + o.calls(EndpointKind.BULK_SUBMIT) + ", poll " + o.calls(EndpointKind.POLL) + ", search/view/lookup "
                    + o.calls(EndpointKind.SEARCH) + ", single writes " + o.calls(EndpointKind.WRITE) + ")",
                    Long.toString(o.total()), "min " + o.minimum(BenchReport.POLLS_PER_JOB),
                    ratio(o.ratio(BenchReport.POLLS_PER_JOB)), "≤ 1.02"});
        }
        r.otherCalls().forEach((what, n) -> rows.add(new String[] {"calls " + what + " (no migrated object)",
                Long.toString(n), "min 0", "–", "–"}));
        rows.add(new String[] {"calls, all (" + r.records() + " records)", Long.toString(r.totalCalls()),
                "min " + r.minimumCalls(), ratio(r.totalCalls() / (double) r.minimumCalls()), "≤ 1.02"});
        rows.add(new String[] {"budget used: calls ÷ calls " + r.budget().perHour() + "/h, " + r.budget().perMinute()
                + "/min allowed in " + fmt(r.callSpanSeconds()) + " s × " + fmt(r.budget().timeScale())
                + " (first to last call)", Long.toString(r.totalCalls()), fmt(r.budget().allowedWithin(r.callSpanSeconds())),
                pct(r.budgetUsed()), "≥ 95 %"});
        List<Double> steady = r.steadyWindowShares().stream().sorted().toList();
        if (!steady.isEmpty()) {
            rows.add(new String[] {"budget used in steady state: calls ÷ " + r.budget().perHour() + " in each of the "
                    + steady.size() + " complete hourly windows after the first (lowest; median "
                    + pct(steady.get(steady.size() / 2)) + ")", pct(steady.get(0)), "–", "–", "≥ 95 %"});
        }
        rows.add(new String[] {"answered 429", Long.toString(r.rateLimited()), "0", "–", "0"});
        double minWall = r.budget().minimumWallSeconds(r.minimumCalls());
        rows.add(new String[] {"wall time, run start → " + (r.balanced() ? "balanced" : "NOT balanced")
                + " (s; against minimum calls ÷ budget)", fmt(r.wallSeconds()), fmt(minWall),
                ratio(r.wallSeconds() / minWall), "≤ 1.05"});
        double ceiling = r.loaderCeiling();
        rows.add(stage("extract", r.extract(), "loader ceiling", ceiling, "–"));
        rows.add(stage("map", r.map(), "Kafka pass-through", r.passThrough().perSecond(), "≥ 0.5"));
        rows.add(stage("load", r.load(), "loader ceiling", ceiling, "≤ 1"));
        double em = Math.min(r.extract().perSecond(), r.map().perSecond());
        rows.add(new String[] {"extract + map (records/s, the slower) against the loader's ceiling at the budget",
                fmt(em), fmt(ceiling), ratio(em / ceiling), "≥ 50"});
        double real = r.realClockLoaderCeiling();
        rows.add(new String[] {"extract + map (records/s, the slower) against the loader's ceiling at the real budget"
                + " (the compressed clock's ÷ " + fmt(r.budget().timeScale()) + ")", fmt(em), fmt(real),
                ratio(em / real), "≥ 50"});
        rows.add(new String[] {"Kafka pass-through (records/s; " + r.passThrough().records() + " raw records, "
                + fmt(r.passThrough().seconds()) + " s)", fmt(r.passThrough().perSecond()), "–", "–", "–"});
        for (Map.Entry<String, Long> e : r.peakRssKb().entrySet()) {
            rows.add(new String[] {"peak RSS " + e.getKey() + " (MB)", fmt(e.getValue() / 1024.0),
                    fmt(BenchReport.RSS_GOAL_KB / 1024.0), ratio(e.getValue() / (double) BenchReport.RSS_GOAL_KB), "≤ 1"});
        }
        double cpuAll = 0;
        for (Map.Entry<String, Double> e : r.cpuSeconds().entrySet()) {
            cpuAll += e.getValue();
            rows.add(new String[] {"CPU per source record " + e.getKey() + " (ms; " + fmt(e.getValue()) + " CPU-s for "
                    + r.extract().records() + " source records)", fmt(r.cpuMillisPerSourceRecord(e.getValue())), "–",
                    "–", "–"});
        }
        if (!r.cpuSeconds().isEmpty()) {
            rows.add(new String[] {"CPU per source record, every child (ms)", fmt(r.cpuMillisPerSourceRecord(cpuAll)),
                    "–", "–", "–"});
        }
        if (!Double.isNaN(r.machineCpuSeconds())) {
            rows.add(new String[] {"CPU per source record, the whole machine (ms; " + fmt(r.machineCpuSeconds())
                    + " CPU-s busy, Kafka, PostgreSQL and the bench included)",
                    fmt(r.cpuMillisPerSourceRecord(r.machineCpuSeconds())), "–", "–", "–"});
        }
        for (Map.Entry<String, Long> e : r.liveHeapBytes().entrySet()) {
            rows.add(new String[] {"live heap after a full GC at the end " + e.getKey() + " (MB)",
                    fmt(e.getValue() / (1024.0 * 1024)), "–", "–", "flat in size"});
        }
        StringBuilder sb = new StringBuilder("| measure | measured | against | ratio | goal |\n|---|---:|---:|---:|---|\n");
        for (String[] row : rows) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.toString();
    }

    private static String[] stage(String name, BenchReport.Stage s, String against, double baseline, String goal) {
        return new String[] {name + " (records/s; " + s.records() + " records in " + fmt(s.seconds()) + " s) against "
                + against, fmt(s.perSecond()), fmt(baseline), ratio(s.perSecond() / baseline), goal};
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
