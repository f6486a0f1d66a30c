package dev.ferry.mapper.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.ChoiceGap;
import dev.ferry.mapper.mapping.FieldGap;
import dev.ferry.mapper.mapping.MappingEngine;
import dev.ferry.mapper.mapping.MappingResult;
import dev.ferry.mapper.mapping.ModuleDefinition;
import dev.ferry.mapper.mapping.spec.ModuleRule;
import dev.ferry.mapper.mapping.OwnerMatcher;
import dev.ferry.mapper.mapping.PractitionerMatch;
import dev.ferry.mapper.mapping.Rules;
import dev.ferry.mapper.mapping.spec.MappingAction;
import dev.ferry.mapper.messaging.Publisher;
import dev.ferry.mapper.store.ChecklistStore;
import dev.ferry.mapper.store.Db;
import dev.ferry.mapper.store.EmissionStore;
import dev.ferry.mapper.store.Hashes;
import dev.ferry.mapper.store.IndexStore;
import dev.ferry.mapper.store.PractitionerStore;
import dev.ferry.mapper.store.SampleSourceStore;
import dev.ferry.contracts.RunMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Maps one record whose dependencies are complete and produces the result: a command, a REJECTED outcome, or (for a
 * practitioner) a LINKED or REJECTED outcome. The message is produced and acknowledged first, then recorded in the
 * emission table together with its side effects (practitioner match, checklist gaps); an identical message already
 * recorded under the same command id is not produced again.
 */
@ApplicationScoped
public class RecordProcessor {

    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);

    /** The action name in command ids of practitioner matches (there is no command; the outcome needs an id). */
    public static final String MATCH_ACTION = "LINK";

    /** The action name in command ids of rebuild-document entries (there is no command either). */
    public static final String DOCUMENT_ACTION = "DOCUMENT";

    private final MappingEngine engine = new MappingEngine();
    private final OwnerMatcher matcher = new OwnerMatcher();
    private final Publisher publisher;
    private final Db db;
    private final EmissionStore emissions;
    private final ChecklistStore checklist;
    private final PractitionerStore practitioners;
    private final MapperMetrics metrics;
    private final Clock clock;
    private final IndexStore index;
    private final SampleSourceStore samples;

    public RecordProcessor(Publisher publisher, Db db, EmissionStore emissions, ChecklistStore checklist,
            PractitionerStore practitioners, MapperMetrics metrics, Clock clock, IndexStore index,
            SampleSourceStore samples) {
        this.index = index;
        this.samples = samples;
        this.publisher = publisher;
        this.db = db;
        this.emissions = emissions;
        this.checklist = checklist;
        this.practitioners = practitioners;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The top frame of the failure: the place to look, without the exception's message (it may quote a value). */
    private static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "(no stack)" : trace[0].toString();
    }

    @FunctionalInterface
    private interface SideEffect {
        void run(Connection c) throws SQLException;
    }

    /**
     * Maps and produces. A record whose mapping fails unexpectedly is rejected with rule {@code mapping.error}, so it
     * still ends with one outcome (issue 8, hole 5); only the exception type is said, never a value. An outage
     * ({@link Outages#isOutage}) is no such failure: it is thrown, and the record waits for the infrastructure.
     *
     * @return false when the record must stay held: a record it links to is part of the run and not decided yet
     */
    public boolean process(SourceRecordEnvelope envelope, Readiness.Ready ready) {
        if (!Rules.hasUsableId(envelope.payload())) {
            String action = ready.mapping().action() == MappingAction.MATCH_OWNER ? MATCH_ACTION : "UPSERT";
            reject(envelope, CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, action),
                    Rules.idMissing(envelope.sourceId()), c -> { });
            return true;
        }
        if (ready.mapping().action() == MappingAction.MATCH_OWNER) {
            matchOwner(envelope, ready);
            return true;
        }
        if (ready.mapping().action() == MappingAction.DEFINE_MODULES) {
            define(envelope, ready);
            return true;
        }
        if (ready.mapping().action() == MappingAction.DOCUMENT) {
            document(envelope);
            return true;
        }
        MappingResult result;
        try {
            result = engine.map(ready.mapping(), envelope, ready.context());
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                // PostgreSQL away or out of connections while a parent's decision was read: the record waits (held,
                // or its message not acked), never ends for it (CI of 431af1c: three records REJECTED mapping.error
                // when the release threads found no connection).
                throw e;
            }
            LOG.errorf("mapping %s %s of run %s failed: %s at %s", envelope.resource().path(), envelope.sourceId(),
                    envelope.runId(), e.getClass().getName(), where(e));
            reject(envelope, CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, "UPSERT"),
                    Rules.mappingError("mapping, " + e.getClass().getSimpleName()), c -> { });
            return true;
        }
        if (result instanceof MappingResult.Waiting) {
            // A record it links to is part of the run and not decided yet: the record stays (or goes) held.
            metrics.count(envelope.resource(), MapperMetrics.Result.HELD);
            return false;
        }
        List<FieldGap> gaps = result.fieldGaps();
        List<ChoiceGap> choices = result.choiceGaps();
        String runId = envelope.runId();
        SideEffect recordGaps = c -> checklist.add(c, gaps, choices, runId, clock.instant());
        if (result instanceof MappingResult.Mapped mapped) {
            if (envelope.mode() == RunMode.SAMPLE) {
                // The sample diff promises what the confirmed map's text makes of this very source record.
                boolean keeps = keepsUnique(envelope, ready);
                SideEffect before = recordGaps;
                recordGaps = c -> {
                    before.run(c);
                    samples.keep(c, runId, envelope.resource(), envelope.sourceId(), envelope.payload(), keeps,
                            clock.instant());
                };
            }
            // A note split in parts is several commands (parts 0..n-1), each emitted once under its own command id.
            SideEffect gapsOnce = recordGaps;
            for (LoadCommand command : mapped.commands()) {
                byte[] bytes = FerryJson.encode(command);
                SideEffect firstGaps = gapsOnce;
                // Where the command writes, for its children's mapping (a patient that became a Classic lead).
                SideEffect withTarget = c -> {
                    firstGaps.run(c);
                    emissions.recordTarget(c, command.commandId(), command.target());
                };
                produce(envelope, command.commandId(), EmissionStore.Kind.COMMAND, null, publisher.commandsTopic(),
                        bytes, bytes, () -> publisher.command(command.partitionKey(), bytes), withTarget);
                gapsOnce = c -> { };
            }
        } else {
            Rejection rejection = ((MappingResult.Rejected) result).rejection();
            reject(envelope, CommandIds.of(runId, envelope.resource(), envelope.sourceId(), 0, "UPSERT"), rejection,
                    recordGaps);
        }
        return true;
    }

    /** Whether the record holds its unique values itself: no record with a lower id holds one of them. */
    private boolean keepsUnique(SourceRecordEnvelope envelope, Readiness.Ready ready) {
        for (java.util.Map.Entry<String, String> key : engine.uniqueKeys(ready.mapping(), envelope,
                ready.context().phoneRegion()).entrySet()) {
            java.util.Optional<String> lowest = ready.context().unique().lowestHolder(envelope.resource(), key.getKey(),
                    key.getValue());
            if (lowest.isPresent() && !lowest.get().equals(envelope.sourceId())) {
                return false;
            }
        }
        return true;
    }

    /** Rejects a record the run's spec does not map. */
    /**
     * Ends a record the run's manifest names but that arrived unreadable (issue 8, hole 5), and counts it delivered in
     * the same transaction, so what waits for its resource goes on.
     */
    public void rejectUnreadable(String runId, SourceResource resource, String sourceId, String reason) {
        SourceRecordEnvelope named = new SourceRecordEnvelope(null, runId, null, resource, sourceId, null, null, false,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), clock.instant());
        reject(named, CommandIds.of(runId, resource, sourceId, 0, "UPSERT"), Rules.recordUnreadable(reason),
                c -> index.delivered(c, runId, resource, sourceId));
    }

    public void rejectUnmapped(SourceRecordEnvelope envelope, String specVersion) {
        reject(envelope, CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, "UPSERT"),
                Rules.mappingMissing(envelope.resource().path(), specVersion), c -> { });
    }

    private void matchOwner(SourceRecordEnvelope envelope, Readiness.Ready ready) {
        PractitionerMatch match;
        try {
            match = matcher.match(ready.mapping(), envelope, ready.target());
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            LOG.errorf("owner matching of %s %s of run %s failed: %s at %s", envelope.resource().path(),
                    envelope.sourceId(), envelope.runId(), e.getClass().getName(), where(e));
            reject(envelope, CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, MATCH_ACTION),
                    Rules.mappingError("owner matching, " + e.getClass().getSimpleName()), c -> { });
            return;
        }
        JsonNode p = envelope.payload();
        Instant at = clock.instant();
        SideEffect saveMatch = c -> practitioners.save(c, envelope.runId(), match, text(p, "first_name"),
                text(p, "last_name"), text(p, "role"), p.hasNonNull("active") ? p.get("active").asBoolean() : null,
                clinicIds(p), at);
        String commandId = CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, MATCH_ACTION);
        if (!match.status().linked()) {
            reject(envelope, commandId, OwnerMatcher.rejection(match, ready.mapping().ownerEmail().dotted()), saveMatch);
            return;
        }
        LoadOutcome linked = new LoadOutcome(commandId, envelope.runId(), envelope.resource(), envelope.sourceId(), 0,
                FreshsalesTarget.USER, OutcomeKind.LINKED, match.userId(), null, null, null, null,
                OwnerMatcher.linkedDetail(match), 0, at);
        byte[] bytes = FerryJson.encode(linked);
        produce(envelope, commandId, EmissionStore.Kind.LINKED, null, publisher.outcomesTopic(), bytes,
                withoutTime(linked),
                () -> publisher.outcome(envelope.resource(), envelope.sourceId(), bytes), saveMatch);
    }

    /**
     * A custom-module definition: schema, never written. It ends LINKED to where its records go (the patient's contact
     * for ONE_PER_PATIENT, a Freshsales custom module for MANY_PER_PATIENT), or REJECTED when it is unreadable or its
     * Freshsales custom module does not exist (then the checklist names the module to create).
     */
    private void define(SourceRecordEnvelope envelope, Readiness.Ready ready) {
        String commandId = CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, MATCH_ACTION);
        if (envelope.deleted()) {
            reject(envelope, commandId, Rules.recordDeleted(), c -> { });
            return;
        }
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Optional<ModuleDefinition> def = ModuleDefinition.read(envelope.sourceId(), envelope.payload(),
                problems::add);
        if (def.isEmpty()) {
            reject(envelope, commandId, Rules.moduleDefinitionInvalid(String.join("; ", problems)), c -> { });
            return;
        }
        java.util.Optional<ModuleRule> rule = ready.spec().mappings().values().stream()
                .map(m -> m.module()).filter(m -> m != null && m.definitions() == envelope.resource()).findFirst();
        String key = def.get().key();
        FreshsalesTarget target;
        String detail;
        if (def.get().cardinality() == ModuleDefinition.Cardinality.ONE_PER_PATIENT) {
            target = FreshsalesTarget.CONTACT;
            detail = "module " + key + " (ONE_PER_PATIENT, " + def.get().fields().size() + " fields): its values become"
                    + " fields of the patient's contact" + rule.map(r -> ", " + r.contactFieldOf(key, "<field>"))
                    .orElse("");
        } else {
            target = FreshsalesTarget.CUSTOM_MODULE_RECORD;
            String entity = rule.map(r -> r.entityOf(key)).orElse(null);
            if (entity != null && !ready.target().knowsFieldsOf(entity)) {
                java.util.List<FieldGap> gap = List.of(new FieldGap(entity, "name", envelope.resource(), "module "
                        + key, "text", true));
                reject(envelope, commandId, Rules.moduleNoTarget(key, entity),
                        c -> checklist.add(c, gap, List.of(), envelope.runId(), clock.instant()));
                return;
            }
            detail = "module " + key + " (MANY_PER_PATIENT, " + def.get().fields().size() + " fields): its records"
                    + " become records of Freshsales custom module " + entity;
        }
        LoadOutcome linked = new LoadOutcome(commandId, envelope.runId(), envelope.resource(), envelope.sourceId(), 0,
                target, OutcomeKind.LINKED, null, null, null, null, null, detail, 0, clock.instant());
        byte[] bytes = FerryJson.encode(linked);
        produce(envelope, commandId, EmissionStore.Kind.LINKED, null, publisher.outcomesTopic(), bytes,
                withoutTime(linked), () -> publisher.outcome(envelope.resource(), envelope.sourceId(), bytes),
                c -> { });
    }

    /**
     * A workflow or an integration: nothing is written to Freshsales; its entry of the rebuild document rides on a
     * DOCUMENTED outcome, from which the audit service renders the documents (docs/architecture.md, "Rebuild
     * documents"). A soft-deleted one is rejected like any deleted record: the practice no longer runs it.
     */
    private void document(SourceRecordEnvelope envelope) {
        String commandId = CommandIds.of(envelope.runId(), envelope.resource(), envelope.sourceId(), 0, DOCUMENT_ACTION);
        if (envelope.deleted()) {
            reject(envelope, commandId, Rules.recordDeleted(), c -> { });
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode entry = dev.ferry.mapper.mapping.RebuildEntries.entry(
                envelope.resource(), envelope.sourceId(), envelope.payload());
        LoadOutcome documented = new LoadOutcome(commandId, envelope.runId(), envelope.resource(), envelope.sourceId(),
                0, FreshsalesTarget.REBUILD_DOCUMENT, OutcomeKind.DOCUMENTED, null, null, null, null, null,
                "documented for rebuild in Freshsales: " + entry.path("rebuild_with").toString(), 0, clock.instant(),
                entry);
        byte[] bytes = FerryJson.encode(documented);
        produce(envelope, commandId, EmissionStore.Kind.DOCUMENTED, null, publisher.outcomesTopic(), bytes,
                withoutTime(documented), () -> publisher.outcome(envelope.resource(), envelope.sourceId(), bytes),
                c -> { });
    }

    private void reject(SourceRecordEnvelope envelope, String commandId, Rejection rejection, SideEffect sideEffect) {
        LoadOutcome outcome = LoadOutcome.rejected(commandId, envelope.runId(), envelope.resource(), envelope.sourceId(),
                rejection, clock.instant());
        byte[] bytes = FerryJson.encode(outcome);
        produce(envelope, commandId, EmissionStore.Kind.REJECTED, rejection.rule(), publisher.outcomesTopic(), bytes,
                withoutTime(outcome), () -> publisher.outcome(envelope.resource(), envelope.sourceId(), bytes),
                sideEffect);
    }

    private void produce(SourceRecordEnvelope envelope, String commandId, EmissionStore.Kind kind, String rule,
            String topic, byte[] bytes, byte[] identity, Runnable send, SideEffect sideEffect) {
        String hash = Hashes.sha256(identity);
        if (emissions.alreadyProduced(commandId, hash)) {
            metrics.count(envelope.resource(), MapperMetrics.Result.REPLAY_SKIPPED);
            return;
        }
        send.run();
        db.tx("record an emission", c -> {
            emissions.record(c, commandId, envelope.runId(), envelope.resource(), envelope.sourceId(), kind, rule, topic,
                    hash, clock.instant());
            sideEffect.run(c);
            return null;
        });
        metrics.count(envelope.resource(), switch (kind) {
            case COMMAND -> MapperMetrics.Result.COMMAND;
            case REJECTED -> MapperMetrics.Result.REJECTED;
            case LINKED -> MapperMetrics.Result.LINKED;
            case DOCUMENTED -> MapperMetrics.Result.DOCUMENTED;
        });
    }

    /** An outcome's identity for de-duplication: everything but the time it was decided. */
    private static byte[] withoutTime(LoadOutcome o) {
        return FerryJson.encode(new LoadOutcome(o.commandId(), o.runId(), o.resource(), o.sourceId(), o.part(),
                o.target(), o.kind(), o.freshsalesId(), o.changedFields(), o.beforeImage(), o.rejection(), o.failure(),
                o.detail(), o.attempt(), null, o.document()));
    }

    /** The practitioner's clinic ids, comma-separated (ids are opaque strings without commas), or null. */
    private static String clinicIds(JsonNode payload) {
        JsonNode ids = payload.get("clinic_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        ids.forEach(i -> {
            if (i.isValueNode() && !i.isNull()) {
                out.add(i.asText());
            }
        });
        return out.isEmpty() ? null : String.join(",", out);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
