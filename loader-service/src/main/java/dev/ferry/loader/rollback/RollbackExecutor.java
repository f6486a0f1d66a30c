package dev.ferry.loader.rollback;

import static dev.ferry.contracts.TargetFailure.INVALID_COMMAND;
import static dev.ferry.contracts.TargetFailure.TARGET_REFUSED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RollbackAddress;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.contracts.Topics;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.service.OutboxPublisher;
import dev.ferry.loader.service.TargetMessages;
import dev.ferry.loader.service.WorkItem;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.LedgerEntry;
import dev.ferry.loader.store.Outbox;
import dev.ferry.loader.store.RollbackDone;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Executes rollback commands ({@link CommandKind#DELETE}, {@link CommandKind#RESTORE}), one record at a time, every
 * call under the account's shared budget (through the same {@link FreshsalesClient} as the writes).
 *
 * <p>Each command first reads its record and compares the fields Ferry last wrote (the id ledger's written fields for
 * that record and Freshsales id) with what is there now: a record a person changed since is left alone, SKIPPED with
 * the changed field names (never values), unless the command is forced. Every step is idempotent, so a command read
 * again after a crash or a re-publish ends the same: a DELETE of a record already gone is DELETED, a RESTORE of a
 * record that already holds its before-image is RESTORED without a second write. A Freshsales outage throws
 * ({@link FreshsalesException.NoAnswer}): the worker waits and gives the command again, never a terminal outcome. A
 * command carried out (DELETED, RESTORED) is remembered by its id ({@link RollbackDone}): given again, it gets the same
 * outcome again without a call.
 *
 * <p>Children before parents is the planner's order; a delete the target refuses (a parent with children, if a target
 * did so) ends FAILED with the target's answer, scrubbed.
 */
public class RollbackExecutor {

    private final Jdbc jdbc;
    private final IdLedger ledger;
    private final RollbackDone done;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final FreshsalesClient client;
    private final Clock clock;
    private final String outcomesTopic;
    private final Consumer<LoadOutcome> outcomeListener;

    public RollbackExecutor(Jdbc jdbc, IdLedger ledger, RollbackDone done, Outbox outbox, OutboxPublisher publisher,
            FreshsalesClient client, Clock clock, String outcomesTopic, Consumer<LoadOutcome> outcomeListener) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.done = done;
        this.outbox = outbox;
        this.publisher = publisher;
        this.client = client;
        this.clock = clock;
        this.outcomesTopic = outcomesTopic;
        this.outcomeListener = outcomeListener;
    }

    /** What one command came to, and what the id ledger must remember of it. */
    record Result(OutcomeKind kind, String detail, List<String> fields, TargetFailure failure, boolean forgetRow,
            ObjectNode writtenNow) {
        static Result of(OutcomeKind kind, String detail) {
            return new Result(kind, detail, List.of(), null, false, null);
        }

        static Result failed(TargetFailure f, String detail) {
            return new Result(OutcomeKind.FAILED, detail, List.of(), f, false, null);
        }
    }

    /** The record as Freshsales holds it: null when it is gone (deleted, in the recycle bin, or never there). */
    private record Seen(ObjectNode record, boolean readable) {
        static final Seen GONE = new Seen(null, true);
        static final Seen UNREADABLE = new Seen(null, false);
    }

    /** Executes every command of the batch, publishing each one's outcome before the next. */
    public void execute(List<WorkItem> batch) throws InterruptedException {
        for (WorkItem item : batch) {
            executeOne(item);
        }
    }

    void executeOne(WorkItem item) throws InterruptedException {
        LoadCommand cmd = item.command();
        LoadOutcome already = jdbc.inTransaction(c -> done.find(c, cmd.commandId()));
        if (already != null) {
            // Carried out before (a redelivery, or a re-publish after a crash): the same outcome again, no call.
            List<Long> ids = jdbc.inTransaction(c -> List.of(outbox.add(c, outcomesTopic,
                    Topics.outcomeKey(already.resource(), already.sourceId()), FerryJson.encode(already))));
            publisher.publish(ids);
            return;
        }
        Long id = RollbackAddress.freshsalesId(cmd);
        LedgerEntry row = jdbc.inTransaction(c -> ledger.find(c, item.key()));
        Result result;
        WriteTarget target = WriteTarget.of(cmd);
        if (!target.addressable() && row != null && row.target().target() == cmd.target()) {
            // The audit knows a custom-module record's target but not its module; the ledger row does.
            target = row.target();
        }
        if (id == null) {
            result = Result.failed(new TargetFailure(0, List.of("a rollback command names its record by the"
                    + " identifier key id (the Freshsales id)"), INVALID_COMMAND), "no Freshsales id to roll back");
        } else if (!target.addressable()) {
            result = Result.failed(new TargetFailure(0, List.of("a custom-module record needs its module's entity name,"
                    + " and the loader's ledger does not know it"), INVALID_COMMAND), "no custom module to address");
        } else {
            ObjectNode written = row != null && id.equals(row.freshsalesId()) ? row.writtenFields() : null;
            result = cmd.kind() == CommandKind.DELETE ? delete(cmd, target, id, written)
                    : restore(cmd, target, id, written);
        }
        Instant now = clock.instant();
        LoadOutcome outcome = new LoadOutcome(cmd.commandId(), cmd.runId(), cmd.resource(), cmd.sourceId(), cmd.part(),
                cmd.target(), result.kind(), id, result.fields(), null, null, result.failure(), result.detail(), 1,
                now);
        Result r = result;
        List<Long> ids = jdbc.inTransaction(c -> {
            if (id != null && r.forgetRow()) {
                ledger.forgetDeleted(c, item.key(), id);
            } else if (id != null && r.writtenNow() != null) {
                ledger.restored(c, item.key(), id, r.writtenNow());
            }
            if (outcome.kind() == OutcomeKind.DELETED || outcome.kind() == OutcomeKind.RESTORED) {
                done.remember(c, outcome, now);
            }
            return List.of(outbox.add(c, outcomesTopic, Topics.outcomeKey(outcome.resource(), outcome.sourceId()),
                    FerryJson.encode(outcome)));
        });
        outcomeListener.accept(outcome);
        publisher.publish(ids);
    }

    private Result delete(LoadCommand cmd, WriteTarget target, long id, ObjectNode written)
            throws InterruptedException {
        Seen seen = read(target, id, written);
        if (seen.readable() && seen.record() == null) {
            return new Result(OutcomeKind.DELETED, "already gone from Freshsales; nothing to delete", List.of(), null,
                    true, null);
        }
        Result drift = drift(cmd, seen, written);
        if (drift != null) {
            return drift;
        }
        try {
            client.delete(target, id);
        } catch (FreshsalesException.Refused e) {
            if (e.status() == 404) {
                return new Result(OutcomeKind.DELETED, "gone from Freshsales before the delete", List.of(), null,
                        true, null);
            }
            TargetFailure f = new TargetFailure(e.status(), TargetMessages.scrub(e.messages(),
                    written == null ? JsonNodeFactory.instance.objectNode() : written),
                    TARGET_REFUSED);
            return Result.failed(f, "Freshsales refused the delete with " + e.status());
        }
        String where = target.target() == FreshsalesTarget.CONTACT || target.target() == FreshsalesTarget.SALES_ACCOUNT
                || target.target() == FreshsalesTarget.DEAL || target.target() == FreshsalesTarget.PRODUCT
                ? "deleted (into Freshsales' recycle bin)" : "deleted";
        return new Result(OutcomeKind.DELETED, forcedNote(cmd, seen, where), List.of(), null, true, null);
    }

    private Result restore(LoadCommand cmd, WriteTarget target, long id, ObjectNode written)
            throws InterruptedException {
        ObjectNode image = cmd.fields();
        List<String> names = fieldNames(image);
        if (names.isEmpty()) {
            return Result.of(OutcomeKind.SKIPPED, "the before-image names no field; nothing to restore");
        }
        Seen seen = read(target, id, written);
        if (seen.readable() && seen.record() == null) {
            return Result.of(OutcomeKind.SKIPPED, "drift: the record is no longer in Freshsales (deleted since Ferry"
                    + " wrote it); nothing to restore");
        }
        if (seen.record() != null && DriftCheck.holdsAll(image, seen.record())) {
            return new Result(OutcomeKind.RESTORED, "the record already holds its before-image; nothing written",
                    names, null, false, merged(written, image));
        }
        Result drift = drift(cmd, seen, only(written, image));
        if (drift != null) {
            return drift;
        }
        try {
            client.update(target, id, image);
        } catch (FreshsalesException.Refused e) {
            if (e.status() == 404) {
                return Result.of(OutcomeKind.SKIPPED, "drift: the record is no longer in Freshsales; nothing to"
                        + " restore");
            }
            TargetFailure f = new TargetFailure(e.status(), TargetMessages.scrub(e.messages(), image), TARGET_REFUSED);
            return Result.failed(f, "Freshsales refused the restore with " + e.status());
        }
        return new Result(OutcomeKind.RESTORED, forcedNote(cmd, seen, "before-image written back with one update"),
                names, null, false, merged(written, image));
    }

    /** SKIPPED when a person changed what Ferry wrote (or it cannot be told) and the command is not forced; else null. */
    private static Result drift(LoadCommand cmd, Seen seen, ObjectNode written) {
        if (RollbackAddress.forced(cmd)) {
            return null;
        }
        if (written == null || !seen.readable()) {
            return Result.of(OutcomeKind.SKIPPED, "drift: not checked (" + (written == null
                    ? "the loader's ledger holds no write of this record" : "the record cannot be read back")
                    + "); left alone, force overrides");
        }
        List<String> changed = DriftCheck.changedFields(written, seen.record());
        if (changed.isEmpty()) {
            return null;
        }
        return Result.of(OutcomeKind.SKIPPED, "drift: fields " + changed + " changed in Freshsales since Ferry wrote"
                + " them; left alone, force overrides");
    }

    private static String forcedNote(LoadCommand cmd, Seen seen, String done) {
        return RollbackAddress.forced(cmd) ? done + " (forced: drift not checked)" : done;
    }

    /**
     * Reads the record: {@code GET /{target}/{id}}, or for a note (which has no GET of its own) one listing of its
     * parent's notes, the parent taken from what Ferry wrote. A record in the recycle bin counts as gone.
     */
    private Seen read(WriteTarget target, long id, ObjectNode written) throws InterruptedException {
        try {
            if (target.target() == FreshsalesTarget.DOCUMENT) {
                return readDocument(id, written);
            }
            if (target.target() == FreshsalesTarget.NOTE) {
                if (written == null || !written.path("targetable_id").canConvertToLong()) {
                    return Seen.UNREADABLE;
                }
                for (ObjectNode n : client.listChildren(written.path("targetable_type").asText(),
                        written.path("targetable_id").asLong(), target)) {
                    if (n.path("id").asLong() == id) {
                        return new Seen(n, true);
                    }
                }
                return Seen.GONE;
            }
            ObjectNode record = client.get(target, id);
            if (record.path("is_deleted").asBoolean(false) || !record.path("id").canConvertToLong()) {
                return Seen.GONE;
            }
            return new Seen(record, true);
        } catch (FreshsalesException.Refused e) {
            if (e.status() == 404) {
                return Seen.GONE;
            }
            return Seen.UNREADABLE;
        }
    }

    /**
     * A document (issue 10) has no GET of its own either: one listing of its parent's {@code document_associations}.
     * It is seen as what Ferry wrote with the name and parent Freshsales shows, so the drift check names a renamed or
     * moved document; its bytes cannot change in Freshsales (a document has no update).
     */
    private Seen readDocument(long id, ObjectNode written) throws InterruptedException {
        if (written == null || !written.path("targetable_id").canConvertToLong()) {
            return Seen.UNREADABLE;
        }
        for (ObjectNode d : client.listDocuments(written.path("targetable_type").asText(),
                written.path("targetable_id").asLong())) {
            if (d.path("id").asLong() == id) {
                ObjectNode seen = written.deepCopy();
                seen.put("file_name", d.path("name").asText(null));
                seen.set("targetable_type", d.path("targetable_type"));
                seen.put("targetable_id", d.path("targetable_id").asLong());
                return new Seen(seen, true);
            }
        }
        return Seen.GONE;
    }

    /** The field names of an image, {@code custom_field.<name>} for custom fields. */
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

    /** What Ferry wrote, restricted to the image's fields (the ones a restore overwrites). */
    static ObjectNode only(ObjectNode written, ObjectNode image) {
        if (written == null) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        image.fields().forEachRemaining(e -> {
            JsonNode w = written.get(e.getKey());
            if (w == null) {
                return;
            }
            if ("custom_field".equals(e.getKey()) && e.getValue().isObject() && w.isObject()) {
                ObjectNode cf = out.putObject("custom_field");
                e.getValue().fieldNames().forEachRemaining(n -> {
                    if (w.has(n)) {
                        cf.set(n, w.get(n));
                    }
                });
            } else {
                out.set(e.getKey(), w);
            }
        });
        return out;
    }

    /** What Ferry wrote with the image written over it (custom fields one by one). */
    static ObjectNode merged(ObjectNode written, ObjectNode image) {
        ObjectNode out = written == null ? JsonNodeFactory.instance.objectNode() : written.deepCopy();
        image.fields().forEachRemaining(e -> {
            if ("custom_field".equals(e.getKey()) && e.getValue().isObject() && out.path("custom_field").isObject()) {
                ((ObjectNode) out.get("custom_field")).setAll((ObjectNode) e.getValue());
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
