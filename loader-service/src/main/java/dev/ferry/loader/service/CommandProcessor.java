package dev.ferry.loader.service;

import static dev.ferry.contracts.TargetFailure.INVALID_COMMAND;
import static dev.ferry.contracts.TargetFailure.LOADER_ERROR;
import static dev.ferry.contracts.TargetFailure.PARENT_FAILED;
import static dev.ferry.contracts.TargetFailure.PARENT_MISSING;
import static dev.ferry.contracts.TargetFailure.TARGET_REFUSED;
import static dev.ferry.contracts.TargetFailure.UNSUPPORTED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.TypedRef;
import dev.ferry.loader.binding.BindingResult;
import dev.ferry.loader.binding.FieldDiff;
import dev.ferry.loader.binding.ParentState;
import dev.ferry.loader.binding.PayloadHash;
import dev.ferry.loader.binding.RecordKey;
import dev.ferry.loader.binding.ReferenceBinder;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.rollback.RollbackExecutor;
import dev.ferry.loader.store.EntryKey;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.LedgerEntry;
import dev.ferry.loader.store.Outbox;
import dev.ferry.loader.store.ParkedStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Takes one batch of commands (one target) to its end. In order:
 * <ol>
 *   <li>one transaction decides, per command: wait (park, DEFERRED), fail (a required parent failed for good),
 *       UNCHANGED (the ledger's last written hash equals the bound payload's), or write; for each write a
 *       write-ahead intent is committed before any call;</li>
 *   <li>the writes are made ({@link TargetWriter});</li>
 *   <li>one transaction records every result in the ledger together with its outcome in the outbox (and deletes the
 *       parked rows of released commands);</li>
 *   <li>outcomes are published and acknowledged. Only then does the caller mark the batch's Kafka offsets done.</li>
 * </ol>
 * A process that dies anywhere in between leaves either an open intent (resolved by lookup when the command comes
 * back), a parked row (still parked), or an outbox row (published by the relay): nothing is lost or written twice.
 */
public class CommandProcessor {

    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    private final Jdbc jdbc;
    private final IdLedger ledger;
    private final ParkedStore parked;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final TargetWriter writer;
    private final Clock clock;
    private final String instanceId;
    private final String outcomesTopic;
    private final Duration parkTimeout;
    private final Duration unsettledPause;
    private final Consumer<LoadOutcome> outcomeListener;
    private final RollbackExecutor rollback;

    public CommandProcessor(Jdbc jdbc, IdLedger ledger, ParkedStore parked, Outbox outbox, OutboxPublisher publisher,
            TargetWriter writer, Clock clock, String instanceId, String outcomesTopic, Duration parkTimeout,
            Duration unsettledPause, Consumer<LoadOutcome> outcomeListener, RollbackExecutor rollback) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.parked = parked;
        this.outbox = outbox;
        this.publisher = publisher;
        this.writer = writer;
        this.clock = clock;
        this.instanceId = instanceId;
        this.outcomesTopic = outcomesTopic;
        this.parkTimeout = parkTimeout;
        this.unsettledPause = unsettledPause;
        this.outcomeListener = outcomeListener;
        this.rollback = rollback;
    }

    /** What the first transaction decided: outcomes already in the outbox, and the writes still to make. */
    private static final class Decision {
        final List<Long> outboxIds = new ArrayList<>();
        final List<WritePlan> plans = new ArrayList<>();
    }

    /**
     * Processes a batch to its end: when this returns, every item's outcome is published (or the item is parked), so
     * the caller may mark its Kafka offsets done.
     */
    public void process(List<WorkItem> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        // A batch is one target and one command kind (WorkItem.group): rollback commands never mix with upserts.
        if (batch.get(0).command().kind() != CommandKind.UPSERT) {
            rollback.execute(batch);
            return;
        }
        Decision d = jdbc.inTransaction(c -> decide(c, batch));
        publisher.publish(d.outboxIds);
        if (d.plans.isEmpty()) {
            return;
        }
        // A batch is one write target (WorkItem.group): one custom module's records, never two modules'.
        WriteTarget target = WriteTarget.of(d.plans.get(0).command());
        Map<WritePlan, WriteResult> results = writer.write(target, d.plans);
        List<Long> ids = jdbc.inTransaction(c -> record(c, d.plans, results));
        publisher.publish(ids);
    }

    /**
     * Fails an item the loader cannot process even on its own (a bug, or data the code cannot handle), so it stops
     * holding its partition back: FAILED with cause {@code loader-error}, published before this returns.
     */
    public void failUnprocessable(WorkItem item, String why) throws InterruptedException {
        Instant now = clock.instant();
        List<Long> ids = jdbc.inTransaction(c -> {
            Decision d = new Decision();
            TargetFailure f = new TargetFailure(0, List.of(why), LOADER_ERROR);
            LedgerEntry row = item.command().kind() == CommandKind.UPSERT ? ledger.find(c, item.key()) : null;
            if (row != null && row.state() == dev.ferry.loader.store.LedgerState.INTENT) {
                // A write may have landed: the intent stays open for the sweeper to settle by lookup (issue 8, hole 1).
                LOG.warnf("command %s failed with an open write-ahead intent; left for the intent sweeper", item.key());
            } else if (item.command().kind() == CommandKind.UPSERT) {
                ledger.failed(c, item.command(), f, now);
            }
            emit(c, d, OutcomeBuilder.failed(item.command(), null, f, "the loader could not process this command", 0, now));
            finishParked(c, item);
            return d.outboxIds;
        });
        publisher.publish(ids);
    }

    private Decision decide(Connection c, List<WorkItem> batch) throws SQLException {
        Instant now = clock.instant();
        Decision d = new Decision();
        List<WorkItem> upserts = new ArrayList<>();
        Set<Long> held = parked.stillHeld(c, batch.stream().map(WorkItem::parkedId).filter(Objects::nonNull)
                .toList(), instanceId);
        for (WorkItem item : batch) {
            if (item.parkedId() != null && !held.contains(item.parkedId())) {
                // Our claim lapsed (this process stalled longer than the lease) and another replica took the command,
                // or already finished it: it is theirs now.
                LOG.debugf("parked command of %s is no longer claimed by this process; left to its new owner",
                        item.key());
                continue;
            }
            TargetFailure f = cannotExecute(item.command());
            if (f == null) {
                upserts.add(item);
                continue;
            }
            if (item.command().kind() == CommandKind.UPSERT) {
                ledger.failed(c, item.command(), f, now);
            }
            emit(c, d, OutcomeBuilder.failed(item.command(), null, f, f.messages().get(0), 0, now));
            finishParked(c, item);
        }
        Set<EntryKey> keys = upserts.stream().map(WorkItem::key).collect(Collectors.toSet());
        Map<EntryKey, LedgerEntry> rows = ledger.lock(c, keys);
        Set<EntryKey> behind = parked.withParked(c,
                upserts.stream().filter(WorkItem::fromKafka).map(WorkItem::key).collect(Collectors.toSet()));
        Set<RecordKey> referenced = new HashSet<>();
        List<WorkItem> bindable = new ArrayList<>();
        for (WorkItem item : upserts) {
            try {
                item.command().references().forEach(r -> referenced.add(RecordKey.of(r.ref())));
                item.command().after().forEach(r -> referenced.add(RecordKey.of(r)));
                bindable.add(item);
            } catch (IllegalArgumentException e) {
                String why = "a reference in the fields is malformed: " + e.getMessage();
                TargetFailure f = new TargetFailure(0, List.of(why), INVALID_COMMAND);
                ledger.failed(c, item.command(), f, now);
                emit(c, d, OutcomeBuilder.failed(item.command(), null, f, why, 0, now));
                finishParked(c, item);
            }
        }
        Map<RecordKey, ParentState> parents = ledger.parents(c, referenced);
        for (WorkItem item : bindable) {
            LoadCommand cmd = item.command();
            if (item.fromKafka() && behind.contains(item.key())) {
                park(c, d, item, Set.of(), "waiting behind an earlier parked command of " + item.key(), now);
                continue;
            }
            BindingResult bound = ReferenceBinder.bind(cmd.fields(), cmd.after(), parents::get);
            if (bound instanceof BindingResult.Waiting w) {
                if (item.origin() instanceof WorkItem.FromParking p && p.expired()) {
                    String why = "waited longer than " + parkTimeout + " for " + describe(w.parents());
                    TargetFailure f = new TargetFailure(0, List.of(why), PARENT_MISSING);
                    ledger.failed(c, cmd, f, now);
                    emit(c, d, OutcomeBuilder.failed(cmd, null, f, why, 0, now));
                    finishParked(c, item);
                } else {
                    park(c, d, item, w.parents(), "waiting for " + describe(w.parents()), now);
                }
            } else if (bound instanceof BindingResult.ParentFailed pf) {
                TargetFailure parentFailure = pf.parentFailure();
                List<String> messages = parentFailure == null ? List.of() : parentFailure.messages();
                TargetFailure f = new TargetFailure(0, messages, PARENT_FAILED);
                String parentCause = parentFailure == null ? "unknown" : parentFailure.cause();
                String why = "parent " + pf.parent().resource().path() + "/" + pf.parent().id() + " failed ("
                        + parentCause + ")";
                ledger.failed(c, cmd, f, now);
                emit(c, d, OutcomeBuilder.failed(cmd, null, f, why, 0, now));
                finishParked(c, item);
            } else if (bound instanceof BindingResult.Bound b) {
                String hash = PayloadHash.of(WriteTarget.of(cmd).path(), cmd.identifier(), b.fields());
                LedgerEntry row = rows.get(item.key());
                if (row != null && row.state() != dev.ferry.loader.store.LedgerState.INTENT
                        && row.freshsalesId() != null && hash.equals(row.payloadHash())) {
                    emit(c, d, OutcomeBuilder.simple(cmd, OutcomeKind.UNCHANGED, row.freshsalesId(),
                            join(dropped(b.dropped()), "the ledger's last write holds these values"), 0, now));
                    finishParked(c, item);
                    continue;
                }
                WritePlan plan = new WritePlan(item, b.fields(), hash, b.dropped(), row);
                ledger.openIntent(c, cmd, hash, instanceId, now);
                d.plans.add(plan);
            }
        }
        return d;
    }

    private List<Long> record(Connection c, List<WritePlan> plans, Map<WritePlan, WriteResult> results)
            throws SQLException {
        Instant now = clock.instant();
        Decision d = new Decision();
        for (WritePlan p : plans) {
            LoadCommand cmd = p.command();
            int attempt = p.prior != null && cmd.commandId().equals(p.prior.commandId()) ? p.prior.attempts() + 1 : 1;
            WriteResult result = results.get(p);
            if (result instanceof WriteResult.Written w) {
                recordWritten(c, d, p, w, attempt, now);
            } else if (result instanceof WriteResult.Refused r) {
                TargetFailure f = new TargetFailure(r.status(), TargetMessages.scrub(r.messages(), p.fields), TARGET_REFUSED);
                ledger.failed(c, cmd, f, now);
                emit(c, d, OutcomeBuilder.failed(cmd, p.priorId(), f,
                        join(String.join("; ", p.remarks), "Freshsales refused the write with " + r.status()), attempt, now));
            } else if (result instanceof WriteResult.Failed f) {
                ledger.failed(c, cmd, f.failure(), now);
                emit(c, d, OutcomeBuilder.failed(cmd, p.priorId(), f.failure(),
                        join(String.join("; ", p.remarks), f.failure().messages().get(0)), attempt, now));
            } else if (result instanceof WriteResult.Exhausted x) {
                waitForAnAnswer(c, d, p, x, now);
                continue;
            } else {
                throw new IllegalStateException("no write result for " + p.item.key());
            }
            finishParked(c, p.item);
        }
        return d.outboxIds;
    }

    /**
     * Freshsales gave no definitive answer to any attempt, and a lookup did not find the record either: the write may
     * still have landed, so nothing ends here (issue 8, hole 1). The intent stays open and the command waits parked
     * for {@code unsettledPause}; when it comes back, the open intent makes it look the record up before writing
     * again. A DEFERRED outcome says why it waits, the first time it does.
     */
    private void waitForAnAnswer(Connection c, Decision d, WritePlan p, WriteResult.Exhausted x, Instant now)
            throws SQLException {
        LoadCommand cmd = p.command();
        String reason = "waiting for a definitive answer from Freshsales (" + x.what() + "); tried again after "
                + unsettledPause;
        Instant notBefore = now.plus(unsettledPause);
        if (p.item.origin() instanceof WorkItem.FromParking parkedItem) {
            parked.retryLater(c, parkedItem.parkedId(), parkedItem.revision(), reason, notBefore);
            return;
        }
        if (parked.park(c, cmd, Set.of(), reason, now, notBefore) != ParkedStore.Parked.DUPLICATE) {
            emit(c, d, OutcomeBuilder.simple(cmd, OutcomeKind.DEFERRED, p.priorId(), "deferred: " + reason, 0, now));
        }
    }

    private void recordWritten(Connection c, Decision d, WritePlan p, WriteResult.Written w, int attempt, Instant now)
            throws SQLException {
        LoadCommand cmd = p.command();
        String detail = join(join(dropped(p.dropped), String.join("; ", p.remarks)), w.via());
        ObjectNode base = null;
        boolean created;
        boolean beforeKnown = true;
        if (p.priorId() != null) {
            created = false;
            base = p.prior.writtenFields();
            beforeKnown = base != null;
        } else if (p.preExisting != null) {
            created = false;
            base = p.preExisting;
        } else if (p.found != null || (p.ambiguousAttempt && Boolean.FALSE.equals(w.created()))) {
            // An earlier attempt of this loader (an open intent's, or one whose answer was lost) created the record.
            created = true;
        } else if (Boolean.FALSE.equals(w.created())) {
            created = false;
            beforeKnown = false;
        } else {
            created = true;
        }
        if (created) {
            ledger.done(c, cmd, w.freshsalesId(), p.hash, p.fields, null, true, now);
            emit(c, d, OutcomeBuilder.created(cmd, w.freshsalesId(), FieldDiff.between(null, p.fields).changedFields(),
                    detail, attempt, now));
            return;
        }
        if (!beforeKnown) {
            ledger.done(c, cmd, w.freshsalesId(), p.hash, p.fields, null, false, now);
            emit(c, d, OutcomeBuilder.updated(cmd, w.freshsalesId(), List.of(), null,
                    join(detail, "the record existed before Ferry wrote it; its earlier values are unknown"), attempt, now));
            return;
        }
        FieldDiff diff = FieldDiff.between(base, p.fields);
        ledger.done(c, cmd, w.freshsalesId(), p.hash, p.fields, diff.beforeImage(), false, now);
        emit(c, d, OutcomeBuilder.updated(cmd, w.freshsalesId(), diff.changedFields(), diff.beforeImage(), detail,
                attempt, now));
    }

    private void park(Connection c, Decision d, WorkItem item, Set<RecordKey> parents, String reason, Instant now)
            throws SQLException {
        if (item.origin() instanceof WorkItem.FromParking p) {
            parked.repark(c, p.parkedId(), p.revision(), parents, reason);
            return;
        }
        switch (parked.park(c, item.command(), parents, reason, now)) {
            case NEW -> emit(c, d, OutcomeBuilder.simple(item.command(), OutcomeKind.DEFERRED, null,
                    "deferred: " + reason, 0, now));
            case REPLACED -> emit(c, d, OutcomeBuilder.simple(item.command(), OutcomeKind.DEFERRED, null,
                    "deferred: a newer version of the record replaced the parked one; " + reason, 0, now));
            case DUPLICATE -> {
            }
        }
    }

    private void finishParked(Connection c, WorkItem item) throws SQLException {
        if (item.origin() instanceof WorkItem.FromParking p && !parked.finish(c, p.parkedId(), p.revision())) {
            LOG.debugf("a newer version of %s was parked while this one was processed; it stays parked", item.key());
        }
    }

    private void emit(Connection c, Decision d, LoadOutcome o) throws SQLException {
        d.outboxIds.add(outbox.add(c, outcomesTopic, outcomeKey(o), FerryJson.encode(o)));
        outcomeListener.accept(o);
    }

    /** The outcome's Kafka key: the source resource and id, so one record's outcomes stay in order. */
    public static String outcomeKey(LoadOutcome o) {
        return Topics.outcomeKey(o.resource(), o.sourceId());
    }

    /** Why this loader cannot execute a command (cause {@code unsupported} or {@code invalid-command}), or null. */
    static TargetFailure cannotExecute(LoadCommand cmd) {
        if (cmd.kind() != CommandKind.UPSERT) {
            // Never reached from process(): rollback commands go to the RollbackExecutor, not the write path.
            return failure(UNSUPPORTED, "the write path executes upserts only; " + cmd.kind() + " is a rollback command");
        }
        if (cmd.target().foundInParentListing()) {
            return childProblem(cmd);
        }
        if (!cmd.target().idempotentByIdentifier()) {
            return failure(UNSUPPORTED, "the loader writes only targets it can find again by an identifier (contacts,"
                    + " sales_accounts, deals through their upsert; products, custom-module records and Classic leads by a"
                    + " search); not " + cmd.target().path());
        }
        if (cmd.target() == FreshsalesTarget.CUSTOM_MODULE_RECORD
                && !FreshsalesTarget.isCustomModuleEntity(cmd.customModuleEntity())) {
            // Checked before anything else touches it: the entity name becomes part of every URL of the record.
            return failure(INVALID_COMMAND, "a custom-module record needs customModuleEntity, the module's entity name"
                    + " (cm_ followed by lower-case letters, digits or _); the command has "
                    + (cmd.customModuleEntity() == null ? "none" : "one that is not"));
        }
        if (!cmd.target().supportsUpsert() && cmd.identifier().keySet().stream().anyMatch(k -> !k.startsWith("cf_"))) {
            return failure(INVALID_COMMAND, "a record of " + cmd.target().path() + " is found again only by a custom"
                    + " field (cf_dentes_id); the command names " + cmd.identifier().keySet());
        }
        if (cmd.identifier().size() != 1) {
            return failure(INVALID_COMMAND, "an upsert needs exactly one identifier field, the command has "
                    + cmd.identifier().size());
        }
        String value = cmd.identifier().values().iterator().next();
        if (value == null || value.isBlank()) {
            return failure(INVALID_COMMAND, "the identifier " + cmd.identifier().keySet().iterator().next() + " is empty");
        }
        if (cmd.target() == FreshsalesTarget.CUSTOM_MODULE_RECORD || cmd.target() == FreshsalesTarget.LEAD) {
            // A record is found again only by the value it holds: one created without it would, after a lost answer,
            // be searched for in vain and created a second time.
            String key = cmd.identifier().keySet().iterator().next();
            com.fasterxml.jackson.databind.JsonNode held = cmd.fields().path("custom_field").path(key);
            if (!held.isValueNode() || !value.equals(held.asText())) {
                return failure(INVALID_COMMAND, "a " + (cmd.target() == FreshsalesTarget.LEAD ? "lead"
                        : "custom-module record") + " is found again by custom_field." + key
                        + ", which must hold the identifier's value; the command's fields "
                        + (held.isMissingNode() ? "lack it" : "hold another"));
            }
        }
        return null;
    }

    /**
     * What keeps a note, task or sales activity from being written safely, or null (issue 10). It is found again only
     * in its parent's listing, by a marker its own fields hold: {@code custom_field.cf_dentes_id} (sales activities,
     * tasks) or, for a note, its first line ({@code first_line}); a record written without its marker, or without a
     * parent to list, would after a lost answer be looked for in vain and created twice.
     */
    static TargetFailure childProblem(LoadCommand cmd) {
        if (cmd.identifier().size() != 1) {
            return failure(INVALID_COMMAND, "a record of " + cmd.target().path() + " needs exactly one identifier"
                    + " field, the command has " + cmd.identifier().size());
        }
        String key = cmd.identifier().keySet().iterator().next();
        String value = cmd.identifier().get(key);
        if (value == null || value.isBlank()) {
            return failure(INVALID_COMMAND, "the identifier " + key + " is empty");
        }
        String parentType = cmd.fields().path("targetable_type").asText("");
        if (!Set.of("Contact", "Deal", "SalesAccount").contains(parentType)
                || cmd.fields().path("targetable_id").isMissingNode() || cmd.fields().path("targetable_id").isNull()) {
            return failure(INVALID_COMMAND, "a record of " + cmd.target().path() + " is found again in its parent's"
                    + " listing: the command needs targetable_type (Contact, Deal or SalesAccount) and targetable_id");
        }
        if (cmd.target() == FreshsalesTarget.DOCUMENT) {
            return documentProblem(cmd, key, value);
        }
        if (cmd.target() == FreshsalesTarget.NOTE) {
            if (!FreshsalesTarget.NOTE_MARKER_KEY.equals(key)) {
                return failure(INVALID_COMMAND, "a note has no custom fields; it is found again by its first line"
                        + " (identifier " + FreshsalesTarget.NOTE_MARKER_KEY + "), not by " + key);
            }
            String firstLine = IdResolver.firstLine(cmd.fields().path("description").asText(null));
            if (!value.equals(firstLine)) {
                return failure(INVALID_COMMAND, "a note is found again by its first line, which must be the"
                        + " identifier's value; the command's description " + (firstLine == null ? "is missing"
                        : "starts otherwise"));
            }
            return null;
        }
        if (!key.startsWith("cf_")) {
            return failure(INVALID_COMMAND, "a record of " + cmd.target().path() + " is found again by a custom field"
                    + " (cf_dentes_id); the command names " + key);
        }
        com.fasterxml.jackson.databind.JsonNode held = cmd.fields().path("custom_field").path(key);
        if (!held.isValueNode() || !value.equals(held.asText())) {
            return failure(INVALID_COMMAND, "a record of " + cmd.target().path() + " is found again by custom_field."
                    + key + ", which must hold the identifier's value; the command's fields "
                    + (held.isMissingNode() ? "lack it" : "hold another"));
        }
        return null;
    }

    /**
     * What keeps a document from being uploaded safely, or null: it is found again on its parent by its exact file
     * name ({@code file_name}, which must be the identifier's value), and its bytes are checked against the source
     * file the command describes ({@code source_file}: attachment id, size and a SHA-256 in hex).
     */
    static TargetFailure documentProblem(LoadCommand cmd, String key, String value) {
        if (!FreshsalesTarget.DOCUMENT_MARKER_KEY.equals(key)) {
            return failure(INVALID_COMMAND, "a document is found again on its parent by its file name (identifier "
                    + FreshsalesTarget.DOCUMENT_MARKER_KEY + "), not by " + key);
        }
        if (!value.equals(cmd.fields().path("file_name").asText(null))) {
            return failure(INVALID_COMMAND, "a document is found again by its file name, which must be the"
                    + " identifier's value; the command's file_name " + (cmd.fields().has("file_name")
                    ? "is another" : "is missing"));
        }
        com.fasterxml.jackson.databind.JsonNode s = cmd.fields().path(DocumentUploads.SOURCE_FILE);
        if (s.path("attachment_id").asText("").isBlank() || !s.path("size_bytes").canConvertToLong()
                || s.path("size_bytes").asLong() < 0 || !s.path("sha256").asText("").matches("[0-9a-fA-F]{64}")) {
            return failure(INVALID_COMMAND, "a document needs source_file with attachment_id, size_bytes (0 or more)"
                    + " and sha256 (64 hex digits): the bytes are read from the source and checked against them");
        }
        return null;
    }

    private static TargetFailure failure(String cause, String why) {
        return new TargetFailure(0, List.of(why), cause);
    }

    private static String describe(Set<RecordKey> parents) {
        return parents.stream().map(RecordKey::toString).collect(Collectors.joining(", "));
    }

    private static String dropped(List<TypedRef> dropped) {
        if (dropped.isEmpty()) {
            return "";
        }
        Set<String> refs = new LinkedHashSet<>();
        dropped.forEach(r -> refs.add(r.resource().path() + "/" + r.id()));
        return "dropped optional link to " + String.join(", ", refs) + " (parent failed)";
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        if (b == null || b.isBlank()) {
            return a;
        }
        return a + "; " + b;
    }
}
