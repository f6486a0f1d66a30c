package dev.ferry.mapper.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.OwnerFallback;
import dev.ferry.mapper.store.PendingStore;
import dev.ferry.mapper.store.PractitionerStore;
import dev.ferry.mapper.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The owner-match report of a run: which practitioners have a Freshsales user, which do not (flagged before any
 * patient loads, because patients wait for every practitioner of the run), and what the fallback owner is. Staff
 * names and e-mail addresses appear in the report for the admin who invites the missing users; the log line that
 * announces the report carries ids and counts only.
 */
@ApplicationScoped
public class OwnerReportService {

    private static final Logger LOG = Logger.getLogger(OwnerReportService.class);

    /** One practitioner in the report. */
    public record Line(String practitionerId, String name, String role, String email, String emailDomain,
            String status, String reason, Long userId, String suggestedEmail) {
    }

    /** The configured fallback owner as the run's metadata knows it. */
    public record Fallback(String email, boolean configured, Long userId, String state) {
    }

    /**
     * @param complete every practitioner the run announced has been matched (or the run reads none)
     * @param completeness what the report still waits for, when not complete
     */
    public record OwnerReport(String runId, boolean complete, String completeness, int practitioners, int matched,
            int matchedInactiveUser, int unmatched, int deleted, Fallback fallbackOwner, List<Line> unmatchedPractitioners,
            List<Line> inactiveUserMatches, List<Line> matchedPractitioners) {
    }

    private final PractitionerStore store;
    private final RunStore runs;
    private final RunContexts contexts;
    private final PendingStore pending;
    private final TargetMetadataService metadata;
    private final MapperConfig config;
    private final Clock clock;

    public OwnerReportService(PractitionerStore store, RunStore runs, RunContexts contexts, PendingStore pending,
            TargetMetadataService metadata, MapperConfig config, Clock clock) {
        this.store = store;
        this.runs = runs;
        this.contexts = contexts;
        this.pending = pending;
        this.metadata = metadata;
        this.config = config;
        this.clock = clock;
    }

    public Optional<OwnerReport> report(String runId) {
        Optional<RunStore.RunInfo> run = contexts.run(runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        List<PractitionerStore.Row> rows = store.forRun(runId);
        List<Line> unmatched = new ArrayList<>();
        List<Line> inactive = new ArrayList<>();
        List<Line> matched = new ArrayList<>();
        int deleted = 0;
        for (PractitionerStore.Row r : rows) {
            Line line = line(r);
            switch (r.status()) {
                case MATCHED -> matched.add(line);
                case USER_INACTIVE -> inactive.add(line);
                case DELETED -> deleted++;
                default -> unmatched.add(line);
            }
        }
        String completeness = completeness(run.get());
        return Optional.of(new OwnerReport(runId, completeness == null, completeness, rows.size(), matched.size(),
                inactive.size(), unmatched.size(), deleted, fallback(runId), unmatched, inactive, matched));
    }

    /** The report as text for a terminal (the demo prints it): counts, then each practitioner to invite. */
    public String summary(OwnerReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Owner match, run ").append(r.runId()).append(r.complete() ? "" : " (incomplete: waiting for "
                + r.completeness() + ")").append('\n');
        b.append("  practitioners: ").append(r.practitioners()).append(", matched: ").append(r.matched())
                .append(", matched to an inactive user: ").append(r.matchedInactiveUser())
                .append(", without a Freshsales user: ").append(r.unmatched())
                .append(", deleted: ").append(r.deleted()).append('\n');
        Fallback f = r.fallbackOwner();
        b.append("  fallback owner: ").append(f.state()).append('\n');
        if (!r.unmatchedPractitioners().isEmpty()) {
            b.append("  invite to Freshsales (or fix the e-mail in Dr.DENTES):\n");
            for (Line l : r.unmatchedPractitioners()) {
                b.append("    ").append(l.practitionerId()).append("  ").append(l.role() == null ? "-" : l.role())
                        .append("  ").append(l.name() == null ? "-" : l.name()).append("  ")
                        .append(l.email() == null ? "(no e-mail)" : l.email()).append("  ").append(l.reason());
                if (l.suggestedEmail() != null) {
                    b.append(" (a user with a similar address exists: ").append(l.suggestedEmail()).append(')');
                }
                b.append('\n');
            }
        }
        for (Line l : r.inactiveUserMatches()) {
            b.append("    ").append(l.practitionerId()).append("  ").append(l.reason()).append('\n');
        }
        return b.toString();
    }

    /** Logs, once per run, a summary of every run whose practitioners are all matched: ids and counts, no names. */
    public void logCompletedSummaries() {
        for (String runId : runs.runsWithoutOwnerSummary()) {
            Optional<OwnerReport> report = report(runId);
            if (report.isEmpty() || !report.get().complete()) {
                continue;
            }
            if (!runs.claimOwnerSummary(runId, clock.instant())) {
                continue;
            }
            OwnerReport r = report.get();
            LOG.infof("owner match for run %s: %d practitioners, %d matched, %d matched to an inactive user, %d without"
                    + " a Freshsales user%s; fallback owner: %s. Details: GET /runs/%s/owner-report", runId,
                    r.practitioners(), r.matched(), r.matchedInactiveUser(), r.unmatched(),
                    r.unmatchedPractitioners().isEmpty() ? "" : " (" + r.unmatchedPractitioners().stream()
                            .map(l -> l.practitionerId() + " " + l.status().toLowerCase(java.util.Locale.ROOT))
                            .collect(Collectors.joining(", ")) + ")",
                    r.fallbackOwner().state().replaceAll("\\S+@\\S+", "<address>"), runId);
        }
    }

    private String completeness(RunStore.RunInfo run) {
        if (!run.covers(SourceResource.PRACTITIONERS)) {
            return null;
        }
        Optional<String> incomplete = contexts.incomplete(run.runId(), SourceResource.PRACTITIONERS);
        if (incomplete.isPresent()) {
            return incomplete.get();
        }
        long held = pending.groups(run.runId()).stream()
                .filter(g -> g.resource() == SourceResource.PRACTITIONERS).mapToLong(PendingStore.Group::count).sum();
        if (held == 0) {
            return null;
        }
        return held + " practitioners held, waiting for " + (contexts.check(run.runId(), SourceResource.PRACTITIONERS)
                instanceof Readiness.Waiting w ? w.reason() : "the releaser's next pass");
    }

    private Fallback fallback(String runId) {
        Optional<String> email = config.fallbackOwnerEmail();
        if (email.isEmpty()) {
            return new Fallback(null, false, null, "none configured (ferry.mapper.fallback-owner-email): records"
                    + " without an owner get none, and Freshsales assigns the API user");
        }
        Optional<OwnerFallback> resolved = metadata.existing(runId).map(contexts::fallback);
        if (resolved.isEmpty()) {
            return new Fallback(email.get(), true, null, email.get() + " (not checked yet: the run has no target metadata)");
        }
        Long id = resolved.get().userId();
        return new Fallback(email.get(), true, id, id == null ? email.get()
                + " is NOT an active user of the Freshsales account: records without an owner get none"
                : email.get() + " (Freshsales user " + id + ")");
    }

    private static Line line(PractitionerStore.Row r) {
        String name = r.firstName() == null && r.lastName() == null ? null
                : ((r.firstName() == null ? "" : r.firstName()) + " " + (r.lastName() == null ? "" : r.lastName())).strip();
        String domain = r.email() == null || r.email().indexOf('@') < 0 ? null
                : r.email().substring(r.email().indexOf('@') + 1);
        String reason = switch (r.status()) {
            case MATCHED -> "matched by e-mail";
            case USER_INACTIVE -> "matched by e-mail to an inactive Freshsales user: their patients get the fallback owner";
            case NO_EMAIL -> "has no e-mail address in Dr.DENTES";
            case INVALID_EMAIL -> "the e-mail address in Dr.DENTES is not valid";
            case NO_USER -> "no Freshsales user has this e-mail address";
            case DELETED -> "deleted in Dr.DENTES";
        };
        return new Line(r.practitionerId(), name, r.role(), r.email(), domain, r.status().name(), reason, r.userId(),
                r.suggestedEmail());
    }
}
