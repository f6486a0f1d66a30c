package dev.ferry.audit.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.messaging.RollbackCommandPublisher;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RollbackAddress;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.budget.CallBudget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Rolls a run back (issue 12): plans from the ledger ({@link RollbackPlanner}), records the commands in PostgreSQL,
 * then publishes them level by level, children before parents, waiting for every outcome of a level before the next.
 * A restart resumes every RUNNING rollback where it stood (unpublished commands are published, published ones are
 * waited for); command ids are deterministic, so a command published twice is one command to the loader and to the
 * ledger. A rollback with nothing left to issue is a no-op.
 */
@ApplicationScoped
public class RollbackService {

    private static final Logger LOG = Logger.getLogger(RollbackService.class);

    private final RollbackStore store;
    private final RollbackCommandPublisher publisher;
    private final AuditConfig config;
    private final Clock clock;
    private final Set<String> driving = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-rollback");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public RollbackService(RollbackStore store, RollbackCommandPublisher publisher, AuditConfig config, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent e) {
        try {
            store.running().forEach(this::drive);
        } catch (SQLException ex) {
            LOG.warnf("could not look for rollbacks to resume (SQLSTATE %s); they resume at the next start",
                    ex.getSQLState());
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
        executor.shutdownNow();
    }

    /** The dry run: what a rollback would do now, and what it costs; nothing is issued. */
    public RollbackView dryRun(String runId, boolean force) {
        List<RollbackPlanner.Item> plan = plan(runId, force);
        return view(runId, "DRY_RUN", force, null, null, null, plan, List.of());
    }

    /**
     * Starts (or resumes) the rollback of a run and returns its plan. A rollback already running keeps running (its
     * force setting as started); with nothing left to issue the rollback is DONE at once and nothing is sent.
     */
    public synchronized RollbackView start(String runId, boolean force) {
        return start(runId, force, () -> plan(runId, force), false);
    }

    /**
     * The dry run of deleting in Freshsales what the source deleted after it was migrated (records the run flagged
     * {@code REJECTED record.deleted}, see {@link SourceDeletePlanner}); nothing is issued.
     */
    public RollbackView sourceDeletesDryRun(String runId, boolean force) {
        return view(runId, "DRY_RUN", force, null, null, null, sourceDeletePlan(runId, force), List.of());
    }

    /**
     * Deletes in Freshsales what the source deleted after it was migrated: the same commands, levels, drift check and
     * resume as a rollback, stored as part of the run's rollback record (its commands are the run's DELETE commands).
     * A rollback or source delete of the run still running keeps running; with nothing to issue nothing is stored.
     */
    public synchronized RollbackView startSourceDeletes(String runId, boolean force) {
        return start(runId, force, () -> sourceDeletePlan(runId, force), true);
    }

    private RollbackView start(String runId, boolean force,
            java.util.function.Supplier<List<RollbackPlanner.Item>> planner, boolean sourceDeletes) {
        try {
            RollbackStore.State state = store.state(runId);
            if (state != null && "RUNNING".equals(state.state())) {
                drive(runId);
                return state(runId);
            }
            List<RollbackPlanner.Item> plan = planner.get();
            List<RollbackPlanner.Item> toIssue = plan.stream().filter(RollbackPlanner.Item::publish).toList();
            if (toIssue.isEmpty() && sourceDeletes) {
                // Nothing (left) to delete: nothing stored, the plan answered as done.
                return view(runId, "DONE", force, null, null, null, plan, List.of());
            }
            if (toIssue.isEmpty() && state != null) {
                // A second rollback: nothing left to do, nothing changes.
                return state(runId);
            }
            store.begin(runId, force, toIssue, clock.instant());
            if (!toIssue.isEmpty()) {
                drive(runId);
            }
            return state(runId);
        } catch (SQLException e) {
            throw new IllegalStateException("the rollback ledger is not reachable (SQLSTATE " + e.getSQLState() + ")",
                    e);
        }
    }

    /** Where a run's rollback stands: its issued commands with their outcomes. */
    public RollbackView state(String runId) {
        try {
            RollbackStore.State state = store.state(runId);
            if (state == null) {
                requireRun(runId);
                return new RollbackView(runId, "NONE", false, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        List.of());
            }
            List<RollbackStore.IssuedItem> items = store.items(runId, null);
            List<RollbackView.Entry> entries = new ArrayList<>();
            long toDelete = 0;
            long toRestore = 0;
            long deleted = 0;
            long restored = 0;
            long skipped = 0;
            long failed = 0;
            long pending = 0;
            for (RollbackStore.IssuedItem i : items) {
                if ("DELETE".equals(i.action())) {
                    toDelete++;
                } else {
                    toRestore++;
                }
                if (i.outcome() == null) {
                    pending++;
                } else {
                    switch (i.outcome()) {
                        case DELETED -> deleted++;
                        case RESTORED -> restored++;
                        case SKIPPED -> skipped++;
                        case FAILED -> failed++;
                        default -> pending++;
                    }
                }
                entries.add(new RollbackView.Entry(i.action(), i.resource(), i.sourceId(), i.part(), i.target(),
                        i.freshsalesId(), i.level(), i.fields() == null ? List.of()
                        : RollbackPlanner.fieldNames(i.fields()), i.outcome() == null ? null : i.outcome().name(),
                        i.detail()));
            }
            long calls = pending * RollbackPlanner.CALLS_PER_ITEM;
            return new RollbackView(runId, state.state(), state.force(), state.level(), state.startedAt(),
                    state.finishedAt(), toDelete, toRestore, 0, 0, deleted, restored, skipped, failed, pending, calls,
                    eta(calls), entries);
        } catch (SQLException e) {
            throw new IllegalStateException("the rollback ledger is not reachable (SQLSTATE " + e.getSQLState() + ")",
                    e);
        }
    }

    private List<RollbackPlanner.Item> plan(String runId, boolean force) {
        try {
            requireRun(runId);
            return RollbackPlanner.plan(runId, store.ledgerRows(runId), force);
        } catch (SQLException e) {
            throw new IllegalStateException("the rollback ledger is not reachable (SQLSTATE " + e.getSQLState() + ")",
                    e);
        }
    }

    private List<RollbackPlanner.Item> sourceDeletePlan(String runId, boolean force) {
        try {
            requireRun(runId);
            return SourceDeletePlanner.plan(runId, store.sourceDeleteRows(runId), force);
        } catch (SQLException e) {
            throw new IllegalStateException("the rollback ledger is not reachable (SQLSTATE " + e.getSQLState() + ")",
                    e);
        }
    }

    private void requireRun(String runId) throws SQLException {
        if (!store.runKnown(runId)) {
            throw new NotFound("no run " + runId);
        }
    }

    private void drive(String runId) {
        if (driving.add(runId)) {
            executor.execute(() -> {
                try {
                    run(runId);
                } finally {
                    driving.remove(runId);
                }
            });
        }
    }

    /** Publishes level after level, each once every command of the one before has its outcome. */
    private void run(String runId) {
        for (int level = 0; level <= RollbackPlanner.LAST_LEVEL && !stopping; ) {
            try {
                store.level(runId, level, clock.instant());
                List<RollbackStore.IssuedItem> items = store.items(runId, level);
                List<RollbackStore.IssuedItem> unpublished = items.stream().filter(i -> i.publishedAt() == null)
                        .toList();
                if (!unpublished.isEmpty()) {
                    publisher.publish(unpublished.stream().map(i -> command(runId, i)).toList());
                    store.published(unpublished.stream().map(RollbackStore.IssuedItem::commandId).toList(),
                            clock.instant());
                }
                if (items.stream().allMatch(i -> i.outcome() != null && i.outcome().isTerminal())) {
                    level++;
                    continue;
                }
                Thread.sleep(config.rollback().pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                // The database or the broker away: waited out, never given up (the state stays RUNNING).
                LOG.warnf("rollback of %s waits at level %d: %s", runId, level, e.getClass().getSimpleName());
                try {
                    Thread.sleep(config.rollback().retryPause().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (stopping) {
            return;
        }
        try {
            store.finished(runId, clock.instant());
            LOG.infof("rollback of %s done", runId);
        } catch (SQLException e) {
            LOG.warnf("rollback of %s done, but its state could not be saved (SQLSTATE %s); it resumes and ends at"
                    + " the next start", runId, e.getSQLState());
        }
    }

    /** The command an issued item stands for, as the loader reads it (see {@link RollbackAddress}). */
    static LoadCommand command(String runId, RollbackStore.IssuedItem i) {
        CommandKind kind = CommandKind.valueOf(i.action());
        ObjectNode fields = kind == CommandKind.RESTORE ? i.fields() : null;
        return new LoadCommand(i.commandId(), runId, kind, CommandOrigin.ROLLBACK,
                SourceResource.fromPath(i.resource()), i.sourceId(), i.part(), FreshsalesTarget.fromPath(i.target()),
                null, RollbackAddress.identifier(i.freshsalesId(), i.force()), fields, i.sourceId(), null, null,
                List.of("rollback of run " + runId));
    }

    private RollbackView view(String runId, String state, boolean force, Integer level, Instant started,
            Instant finished, List<RollbackPlanner.Item> plan, List<RollbackView.Entry> extra) {
        long toDelete = 0;
        long toRestore = 0;
        long left = 0;
        long already = 0;
        long issue = 0;
        List<RollbackView.Entry> entries = new ArrayList<>(extra);
        for (RollbackPlanner.Item i : plan) {
            if (i.publish()) {
                issue++;
                if (i.action() == RollbackPlanner.Action.DELETE) {
                    toDelete++;
                } else {
                    toRestore++;
                }
            } else if (i.done() == OutcomeKind.DELETED || i.done() == OutcomeKind.RESTORED) {
                already++;
            } else {
                left++;
            }
            String action = i.publish() ? i.action().name() : RollbackPlanner.Action.LEAVE.name();
            entries.add(new RollbackView.Entry(action, i.resource().path(), i.sourceId(), i.part(),
                    i.target() == null ? null : i.target().path(), i.freshsalesId(), i.level(), i.fields(),
                    i.done() == null ? null : i.done().name(), i.reason()));
        }
        long calls = issue * RollbackPlanner.CALLS_PER_ITEM;
        return new RollbackView(runId, state, force, level, started, finished, toDelete, toRestore, left, already,
                0, 0, 0, 0, 0, calls, eta(calls), entries);
    }

    /** Seconds the calls take on the loader's budget, planned from a fresh hour ({@link CallBudget}). */
    long eta(long calls) {
        int perMinute = Math.max(1, config.budget().callsPerMinute());
        int perHour = Math.max(1, config.budget().callsPerHour());
        return RollbackService.etaSeconds(calls, perMinute, perHour);
    }

    static long etaSeconds(long calls, int perMinute, int perHour) {
        return (long) Math.ceil(CallBudget.secondsFromFresh(calls, perMinute, perHour));
    }
}
