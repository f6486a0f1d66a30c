package dev.ferry.mapper.mapping.preflight;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.MappingAction;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan's budget turned into a cost and an ETA: Freshsales API calls estimated per resource from discovery's
 * counts, over the calls an hour the account's plan allows ({@code ~70 k calls, 14 h on 5000/h}).
 *
 * <p>The model, stated: contacts and accounts go through {@code bulk_upsert} at {@code bulkSize} records a job, and a
 * job costs its submit, {@code pollsPerJob} status polls and {@code idCallsPerJob} calls to read the written records'
 * ids back; every other record the map writes costs one call (an upsert, a create); records the map only matches
 * (practitioners), documents (workflows, integrations) or reads as definitions (custom modules) cost none. Plus the
 * metadata read before a run. An estimate from counts, not a promise: lookups for records without an e-mail, a
 * product's search before its create, a note split into parts and retries come on top.
 */
public final class CostEstimate {

    /** The model's settings. */
    public record Model(int callsPerHour, int bulkSize, int pollsPerJob, int idCallsPerJob, int metadataCalls) {
    }

    /** One resource's share. */
    public record Line(String resource, String target, long records, String how, long calls) {
    }

    /**
     * @param hours calls over the budget (the budget is the only limit taken into account)
     * @param summary {@code ~70 k calls, 14 h on 5000/h}
     * @param missing resources the map writes that the discovery report did not count
     */
    public record Estimate(Model model, List<Line> lines, long calls, double hours, String summary,
            List<String> missing) {
    }

    private CostEstimate() {
    }

    public static Estimate of(CompiledSpec map, Map<String, Long> counts, Model model) {
        if (model.callsPerHour() <= 0 || model.bulkSize() <= 0) {
            throw new IllegalArgumentException("calls per hour and bulk size must be positive");
        }
        List<Line> lines = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        long total = model.metadataCalls();
        for (Map.Entry<SourceResource, ResourceMapping> e : map.mappings().entrySet()) {
            ResourceMapping m = e.getValue();
            String resource = e.getKey().path();
            Long n = counts.get(resource);
            if (n == null) {
                if (writes(m)) {
                    missing.add(resource);
                }
                continue;
            }
            Line line;
            if (!writes(m)) {
                line = new Line(resource, null, n, "not written (" + m.action().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-') + ")", 0);
            } else if (m.target() == FreshsalesTarget.CONTACT || m.target() == FreshsalesTarget.SALES_ACCOUNT) {
                long jobs = (n + model.bulkSize() - 1) / model.bulkSize();
                long perJob = 1L + model.pollsPerJob() + model.idCallsPerJob();
                line = new Line(resource, m.target().path(), n, jobs + " bulk jobs of " + model.bulkSize() + " x "
                        + perJob + " calls (submit, " + model.pollsPerJob() + " polls, " + model.idCallsPerJob()
                        + " id read)", jobs * perJob);
            } else {
                line = new Line(resource, m.target() == null ? null : m.target().path(), n, "one call a record", n);
            }
            lines.add(line);
            total += line.calls();
        }
        double hours = (double) total / model.callsPerHour();
        return new Estimate(model, List.copyOf(lines), total, hours,
                "~" + calls(total) + " calls, " + duration(hours) + " on " + model.callsPerHour() + "/h",
                List.copyOf(missing));
    }

    private static boolean writes(ResourceMapping m) {
        return m.action() != MappingAction.MATCH_OWNER && m.action() != MappingAction.DOCUMENT
                && m.action() != MappingAction.DEFINE_MODULES;
    }

    /** {@code 840}, {@code 3.0 k}, {@code 70 k}, {@code 1.2 M}. */
    static String calls(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 10_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1000.0);
        }
        if (n < 1_000_000) {
            return Math.round(n / 1000.0) + " k";
        }
        return String.format(Locale.ROOT, "%.1f M", n / 1_000_000.0);
    }

    /** {@code 14 h}, {@code 2.5 h}, {@code 40 min}, {@code 1 min}. */
    static String duration(double hours) {
        if (hours >= 10) {
            return Math.round(hours) + " h";
        }
        if (hours >= 1) {
            return String.format(Locale.ROOT, "%.1f h", hours);
        }
        return Math.max(1, Math.round(Math.ceil(hours * 60))) + " min";
    }

    public static List<Finding> findings(Estimate e) {
        List<Finding> out = new ArrayList<>();
        out.add(Finding.note("budget", "cost and ETA", e.summary() + " (" + e.calls() + " Freshsales API calls"
                + " estimated)", "plan the full run's window; the loader waits for budget, it is never refused"));
        if (!e.missing().isEmpty()) {
            out.add(Finding.note("budget", String.join(", ", e.missing()), "the discovery report did not count "
                    + String.join(", ", e.missing()) + ": the estimate leaves them out",
                    "run ferry discover again on a tenant that serves them"));
        }
        return out;
    }
}
