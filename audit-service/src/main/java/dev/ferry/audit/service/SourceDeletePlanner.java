package dev.ferry.audit.service;

import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RollbackAddress;
import dev.ferry.contracts.SourceResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's request to delete in Freshsales what the source deleted after it was migrated (issue 12, delta), as
 * rollback items: the stated default leaves such a record in Freshsales and flags it ({@code REJECTED record.deleted});
 * this plans the {@code DELETE} commands the rollback machinery publishes when the operator asks.
 *
 * <p>A record (resource, source id, part) is deleted when the run flagged it and an earlier run's load (CREATED,
 * UPDATED, UNCHANGED) left a Freshsales id that nothing deleted since. The command belongs to the flagging run (its
 * {@link RollbackAddress#commandId}), so its DELETED outcome becomes that run's state of the record and the next delta
 * no longer reads it. Levels as a rollback's: children before parents.
 */
public final class SourceDeletePlanner {

    /** The rejection rule of a record soft-deleted in the source (the mapper's {@code Rules.RECORD_DELETED}). */
    public static final String RECORD_DELETED = "record.deleted";

    /**
     * One outcome, of any run, of a record the run flagged.
     *
     * @param rejectionRule for REJECTED: the rule, else null
     */
    public record Row(String runId, String commandId, OutcomeKind kind, String rejectionRule, SourceResource resource,
            String sourceId, int part, FreshsalesTarget target, Long freshsalesId, Instant occurredAt) {
    }

    private SourceDeletePlanner() {
    }

    /**
     * @param runId the run that flagged the records (a delta)
     * @param rows every outcome of every record the run flagged, of every run
     * @param force whether records left alone for drift by an earlier request are deleted anyway
     */
    public static List<RollbackPlanner.Item> plan(String runId, List<Row> rows, boolean force) {
        Map<String, List<Row>> byRecord = new LinkedHashMap<>();
        java.util.Set<String> flagged = new java.util.HashSet<>();
        rows.stream().sorted(Comparator.comparing(Row::occurredAt)).forEach(r -> {
            String record = r.resource().path() + "\u001f" + r.sourceId();
            byRecord.computeIfAbsent(record + "\u001f" + r.part(), k -> new ArrayList<>()).add(r);
            if (runId.equals(r.runId()) && r.kind() == OutcomeKind.REJECTED && RECORD_DELETED.equals(r.rejectionRule())) {
                flagged.add(record);
            }
        });
        List<RollbackPlanner.Item> out = new ArrayList<>();
        for (List<Row> record : byRecord.values()) {
            Row first = record.get(0);
            if (flagged.contains(first.resource().path() + "\u001f" + first.sourceId())) {
                RollbackPlanner.Item item = planRecord(runId, record, force);
                if (item != null) {
                    out.add(item);
                }
            }
        }
        out.sort(Comparator.comparingInt(RollbackPlanner.Item::level).thenComparing(i -> i.resource().path())
                .thenComparing(RollbackPlanner.Item::sourceId).thenComparingInt(RollbackPlanner.Item::part));
        return out;
    }

    /** The item of one record part, or null when no load of an earlier run left it in Freshsales. */
    private static RollbackPlanner.Item planRecord(String runId, List<Row> record, boolean force) {
        Row first = record.get(0);
        String plain = RollbackAddress.commandId(runId, first.resource(), first.sourceId(), first.part(),
                CommandKind.DELETE, false);
        String forced = RollbackAddress.commandId(runId, first.resource(), first.sourceId(), first.part(),
                CommandKind.DELETE, true);
        Row load = null;
        OutcomeKind plainDone = null;
        OutcomeKind forcedDone = null;
        boolean deletedElsewhere = false;
        for (Row r : record) {
            if (r.commandId().equals(plain) || r.commandId().equals(forced)) {
                if (r.kind().isTerminal()) {
                    if (r.commandId().equals(plain)) {
                        plainDone = r.kind();
                    } else {
                        forcedDone = r.kind();
                    }
                }
            } else if (!runId.equals(r.runId()) && r.freshsalesId() != null && (r.kind() == OutcomeKind.CREATED
                    || r.kind() == OutcomeKind.UPDATED || r.kind() == OutcomeKind.UNCHANGED)) {
                load = r;
                deletedElsewhere = false;
            } else if (load != null && r.kind() == OutcomeKind.DELETED && load.freshsalesId().equals(r.freshsalesId())) {
                // Deleted since the load by something else (a rollback of the loading run).
                deletedElsewhere = true;
            }
        }
        if (load == null) {
            return null;
        }
        int level = RollbackPlanner.level(load.target());
        if (level < 0) {
            return item(runId, load, level, "not a record Ferry can delete in Freshsales", null, null, false, false);
        }
        if (deletedElsewhere) {
            return item(runId, load, level, "already deleted in Freshsales (by a rollback)", null, null, false, false);
        }
        OutcomeKind done = forcedDone == OutcomeKind.DELETED ? forcedDone : plainDone != null ? plainDone : forcedDone;
        if (done == OutcomeKind.DELETED) {
            return item(runId, load, level, "already deleted", forcedDone == OutcomeKind.DELETED ? forced : plain,
                    done, false, false);
        }
        if (done == OutcomeKind.SKIPPED && !force) {
            return item(runId, load, level, "left alone by an earlier request: drift reported (force overrides)",
                    plain, done, false, false);
        }
        return item(runId, load, level, "deleted in the source after it was migrated", force ? forced : plain, done,
                force, true);
    }

    private static RollbackPlanner.Item item(String runId, Row load, int level, String reason, String commandId,
            OutcomeKind done, boolean force, boolean publish) {
        return new RollbackPlanner.Item(publish ? RollbackPlanner.Action.DELETE : RollbackPlanner.Action.LEAVE,
                load.resource(), load.sourceId(), load.part(), load.target(), load.freshsalesId(), level, reason,
                List.of(), null, commandId, done, force, publish);
    }
}
