package dev.ferry.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RollbackAddress;
import dev.ferry.contracts.SourceResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What rolling a run back means, from the ledger alone: every record write of the run (resource, source id, part)
 * becomes one item. A record the run CREATED is deleted; one it UPDATED gets its before-image written back (the
 * earliest image of the run wins field by field: the values before the run first touched it); anything else is left
 * alone, with the reason (existed before Ferry with unknown earlier values, nothing written, already rolled back, drift
 * reported by an earlier rollback, or its record is deleted by this rollback anyway).
 *
 * <p>Items go in levels, children before parents: notes, tasks, activities and custom-module records (0), deals (1),
 * contacts (2), accounts (3), products last (4, a deal's line items name them).
 */
public final class RollbackPlanner {

    /** The deepest level. */
    public static final int LAST_LEVEL = 4;
    /** Calls one item costs the loader: a read (drift check) and the delete or update. */
    public static final int CALLS_PER_ITEM = 2;

    /** What a rollback does with one record write. */
    public enum Action { DELETE, RESTORE, LEAVE }

    /**
     * One outcome of the run, as the ledger holds it.
     *
     * @param beforeImage for UPDATED: the before-image kept for rollback, or null
     */
    public record LedgerRow(String commandId, OutcomeKind kind, SourceResource resource, String sourceId, int part,
            FreshsalesTarget target, Long freshsalesId, Instant occurredAt, ObjectNode beforeImage) {
    }

    /**
     * One record write and what the rollback does with it.
     *
     * @param commandId the rollback command's id (null when left alone)
     * @param fields the field names a restore writes back (names only)
     * @param image the before-image a restore writes (values: never shown, only sent to the loader)
     * @param done the rollback outcome already recorded for this command, or null
     * @param publish whether this rollback issues the command (not done yet, or forced over a drift)
     */
    public record Item(Action action, SourceResource resource, String sourceId, int part, FreshsalesTarget target,
            Long freshsalesId, int level, String reason, List<String> fields, ObjectNode image, String commandId,
            OutcomeKind done, boolean force, boolean publish) {
    }

    private RollbackPlanner() {
    }

    /**
     * @param runId the run rolled back
     * @param rows every outcome of the run, rollback outcomes included (told apart by their command ids)
     * @param force whether records with drift are rolled back anyway
     */
    public static List<Item> plan(String runId, List<LedgerRow> rows, boolean force) {
        Map<String, List<LedgerRow>> byRecord = new LinkedHashMap<>();
        rows.stream().sorted(Comparator.comparing(LedgerRow::occurredAt))
                .forEach(r -> byRecord.computeIfAbsent(r.resource().path() + "\u001f" + r.sourceId() + "\u001f"
                        + r.part(), k -> new ArrayList<>()).add(r));
        List<Item> items = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        for (List<LedgerRow> record : byRecord.values()) {
            Item item = planRecord(runId, record, force);
            items.add(item);
            if (item.action() == Action.DELETE) {
                deleted.add(item.target() + "/" + item.freshsalesId());
            }
        }
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            if (i.action() == Action.RESTORE && deleted.contains(i.target() + "/" + i.freshsalesId())) {
                // A billing record writes onto its case's deal; the deal is deleted, so there is nothing to restore.
                out.add(leave(i, "its Freshsales record is deleted by this rollback"));
            } else {
                out.add(i);
            }
        }
        out.sort(Comparator.comparingInt(Item::level).thenComparing(i -> i.resource().path())
                .thenComparing(Item::sourceId).thenComparingInt(Item::part));
        return out;
    }

    private static Item planRecord(String runId, List<LedgerRow> record, boolean force) {
        LedgerRow first = record.get(0);
        Map<String, CommandKind> rollbackIds = new LinkedHashMap<>();
        for (CommandKind k : List.of(CommandKind.DELETE, CommandKind.RESTORE)) {
            for (boolean f : List.of(false, true)) {
                rollbackIds.put(RollbackAddress.commandId(runId, first.resource(), first.sourceId(), first.part(), k,
                        f), k);
            }
        }
        LedgerRow created = null;
        List<LedgerRow> updates = new ArrayList<>();
        Map<String, OutcomeKind> rollbackOutcomes = new LinkedHashMap<>();
        for (LedgerRow r : record) {
            if (rollbackIds.containsKey(r.commandId())) {
                if (r.kind().isTerminal()) {
                    rollbackOutcomes.put(r.commandId(), r.kind());
                }
            } else if (r.kind() == OutcomeKind.CREATED && r.freshsalesId() != null) {
                created = r;
            } else if (r.kind() == OutcomeKind.UPDATED && r.freshsalesId() != null) {
                updates.add(r);
            }
        }
        int level = level(first.target());
        if (created != null || !updates.isEmpty()) {
            if (level < 0) {
                return item(Action.LEAVE, first, null, level, "not a record rollback can address in Freshsales");
            }
        }
        if (created != null) {
            return withStatus(runId, item(Action.DELETE, first, created.freshsalesId(), level,
                    "created by the run"), rollbackOutcomes, force, List.of(), null);
        }
        if (!updates.isEmpty()) {
            ObjectNode image = JsonNodeFactory.instance.objectNode();
            // Latest first, each earlier image written over it: the values before the run first touched each field.
            for (int i = updates.size() - 1; i >= 0; i--) {
                ObjectNode before = updates.get(i).beforeImage();
                if (before != null) {
                    overlay(image, before);
                }
            }
            LedgerRow last = updates.get(updates.size() - 1);
            if (image.isEmpty()) {
                return item(Action.LEAVE, first, last.freshsalesId(), level,
                        "existed before Ferry; its earlier values are unknown");
            }
            return withStatus(runId, item(Action.RESTORE, first, last.freshsalesId(), level,
                    "updated by the run"), rollbackOutcomes, force, fieldNames(image), image);
        }
        return item(Action.LEAVE, first, record.stream().map(LedgerRow::freshsalesId).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> b).orElse(null), level, "the run wrote nothing to roll back");
    }

    private static Item withStatus(String runId, Item base, Map<String, OutcomeKind> outcomes, boolean force,
            List<String> fields, ObjectNode image) {
        CommandKind kind = base.action() == Action.DELETE ? CommandKind.DELETE : CommandKind.RESTORE;
        String plain = RollbackAddress.commandId(runId, base.resource(), base.sourceId(), base.part(), kind, false);
        String forced = RollbackAddress.commandId(runId, base.resource(), base.sourceId(), base.part(), kind, true);
        OutcomeKind plainDone = outcomes.get(plain);
        OutcomeKind forcedDone = outcomes.get(forced);
        OutcomeKind done = forcedDone != null && forcedDone.isSuccess() && forcedDone != OutcomeKind.SKIPPED
                ? forcedDone : plainDone != null ? plainDone : forcedDone;
        String reason = base.reason();
        boolean publish;
        String commandId = force ? forced : plain;
        if (done == OutcomeKind.DELETED || done == OutcomeKind.RESTORED) {
            publish = false;
            reason = "already rolled back";
            commandId = forcedDone == done ? forced : plain;
        } else if (done == OutcomeKind.SKIPPED && !force) {
            publish = false;
            reason = "left alone by an earlier rollback: drift reported (force overrides)";
        } else {
            publish = true;
        }
        return new Item(base.action(), base.resource(), base.sourceId(), base.part(), base.target(),
                base.freshsalesId(), base.level(), reason, fields, image, commandId, done, force && publish, publish);
    }

    private static Item item(Action action, LedgerRow r, Long freshsalesId, int level, String reason) {
        return new Item(action, r.resource(), r.sourceId(), r.part(), r.target(), freshsalesId, level, reason,
                List.of(), null, null, null, false, false);
    }

    private static Item leave(Item i, String reason) {
        return new Item(Action.LEAVE, i.resource(), i.sourceId(), i.part(), i.target(), i.freshsalesId(), i.level(),
                reason, List.of(), null, null, null, false, false);
    }

    /** Children before parents; -1 for targets that are no Freshsales record a rollback can delete. */
    public static int level(FreshsalesTarget target) {
        if (target == null) {
            return -1;
        }
        return switch (target) {
            case NOTE, TASK, SALES_ACTIVITY, APPOINTMENT, CUSTOM_MODULE_RECORD, DOCUMENT -> 0;
            case DEAL -> 1;
            case CONTACT, LEAD -> 2;
            case SALES_ACCOUNT -> 3;
            case PRODUCT -> LAST_LEVEL;
            default -> -1;
        };
    }

    private static void overlay(ObjectNode into, ObjectNode over) {
        over.fields().forEachRemaining(e -> {
            if ("custom_field".equals(e.getKey()) && e.getValue().isObject()) {
                JsonNode cf = into.get("custom_field");
                ObjectNode target = cf != null && cf.isObject() ? (ObjectNode) cf : into.putObject("custom_field");
                target.setAll((ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    static List<String> fieldNames(ObjectNode image) {
        List<String> out = new ArrayList<>();
        image.fields().forEachRemaining(e -> {
            if ("custom_field".equals(e.getKey()) && e.getValue().isObject()) {
                e.getValue().fieldNames().forEachRemaining(n -> out.add("custom_field." + n));
            } else {
                out.add(e.getKey());
            }
        });
        return out;
    }
}
