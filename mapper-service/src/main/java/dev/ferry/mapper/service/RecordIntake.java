package dev.ferry.mapper.service;

import dev.ferry.contracts.ContractViolation;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.MappingEngine;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.messaging.PoisonReporter;
import dev.ferry.mapper.store.IndexStore;
import dev.ferry.mapper.store.PendingStore;
import dev.ferry.mapper.store.UnreadableStore;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One raw record as it arrives: decoded (or sent to {@code ferry.poison}), indexed, then mapped at once when what it
 * depends on is complete, or held in the pending table until it is. Returns only when the effect is durable (the
 * message acknowledged, or the pending row committed), so the caller may let the offset be committed.
 */
@ApplicationScoped
public class RecordIntake {

    private final MappingEngine engine = new MappingEngine();
    private final IndexStore index;
    private final PendingStore pending;
    private final RunContexts contexts;
    private final SpecRegistry specs;
    private final RecordProcessor processor;
    private final PendingReleaser releaser;
    private final PoisonReporter poison;
    private final MapperMetrics metrics;
    private final MapperConfig config;
    private final Clock clock;

    @Inject
    UnreadableStore unreadable;

    @Inject
    UnreadableSettler settler;

    public RecordIntake(IndexStore index, PendingStore pending, RunContexts contexts, SpecRegistry specs,
            RecordProcessor processor, PendingReleaser releaser, PoisonReporter poison, MapperMetrics metrics,
            MapperConfig config, Clock clock) {
        this.index = index;
        this.pending = pending;
        this.contexts = contexts;
        this.specs = specs;
        this.processor = processor;
        this.releaser = releaser;
        this.poison = poison;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Where a raw record was read. */
    public record Origin(String channel, String topic, int partition, long offset, String key) {
    }

    public void accept(byte[] value, Origin origin, SourceResource expected) {
        int size = value == null ? 0 : value.length;
        SourceRecordEnvelope envelope;
        try {
            envelope = FerryJson.decode(value, SourceRecordEnvelope.class);
        } catch (ContractViolation e) {
            unreadable(origin, e.getMessage(), size, expected);
            return;
        }
        if (envelope.resource() != expected) {
            unreadable(origin, "a " + envelope.resource().path() + " record on the topic of " + expected.path(), size,
                    expected);
            return;
        }
        Instant updatedAt = instant(envelope.sourceUpdatedAt());
        Optional<CompiledSpec> spec = specFor(envelope);
        Optional<ResourceMapping> mapping = spec.flatMap(s -> s.mappingFor(envelope.resource()));
        Map<String, String> uniqueKeys = mapping.map(m -> uniqueKeys(m, envelope)).orElse(Map.of());
        List<Map.Entry<SourceResource, String>> requires = uniqueKeys.isEmpty() ? List.of()
                : engine.rejectingReferences(mapping.get(), envelope);
        if (index.index(envelope.runId(), envelope.resource(), envelope.sourceId(), envelope.deleted(), updatedAt,
                uniqueKeys, requires, facts(spec, envelope)) == IndexStore.Indexed.STALE_IN_RUN) {
            // The run already delivered a newer version of this record, which is (or will be) mapped: an older one
            // arriving late (a re-read page, a retried send) must not overwrite it in Freshsales.
            metrics.count(envelope.resource(), MapperMetrics.Result.STALE_SKIPPED);
            return;
        }
        Readiness readiness = contexts.check(envelope.runId(), envelope.resource());
        boolean held = pending.isHeld(envelope.runId(), envelope.resource(), envelope.sourceId());
        try {
            boolean done = false;
            if (readiness instanceof Readiness.Ready ready && !held) {
                done = processor.process(envelope, ready);
            } else if (readiness instanceof Readiness.Unmapped unmapped && !held) {
                processor.rejectUnmapped(envelope, unmapped.specVersion());
                done = true;
            }
            if (!done) {
                String reason = readiness instanceof Readiness.Waiting w ? w.reason()
                        : held ? "its turn after an older version" : "a record it links to, to be mapped first";
                pending.hold(envelope.runId(), envelope.resource(), envelope.sourceId(), reason, value, updatedAt,
                        clock.instant(), new PendingStore.Origin(origin.topic(), origin.partition(), origin.offset()));
                metrics.count(envelope.resource(), MapperMetrics.Result.HELD);
                // What it waited for may have completed while it was being held (the runs consumer runs in parallel).
                if (!(readiness instanceof Readiness.Waiting)
                        || !(contexts.check(envelope.runId(), envelope.resource()) instanceof Readiness.Waiting)) {
                    releaser.trigger();
                }
            }
        } catch (MappingFailure e) {
            poison(origin, e.getMessage(), size, expected);
            return;
        }
        // This record may be the last one a manifest was waiting for: held dependants can go now.
        if (contexts.becameComplete(envelope.runId(), envelope.resource())) {
            releaser.trigger();
        }
    }

    private Optional<CompiledSpec> specFor(SourceRecordEnvelope envelope) {
        return contexts.run(envelope.runId())
                .flatMap(r -> specs.forVersion(r.mappingVersion()))
                .or(() -> Optional.of(specs.defaultSpec()));
    }

    /** The fields of this record other mappings compare with or read back (a module's definition), as text. */
    private static Map<String, String> facts(Optional<CompiledSpec> spec, SourceRecordEnvelope envelope) {
        Map<String, String> facts = new java.util.TreeMap<>();
        for (String field : spec.map(s -> s.factsOf(envelope.resource())).orElse(java.util.Set.of())) {
            com.fasterxml.jackson.databind.JsonNode v = envelope.payload().get(field);
            if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                facts.put(field, v.asText().strip());
            } else if (v != null && v.isContainerNode()) {
                // A definition's field list: kept whole, as JSON text (schema, never a patient's record).
                facts.put(field, v.toString());
            }
        }
        return facts;
    }

    private Map<String, String> uniqueKeys(ResourceMapping mapping, SourceRecordEnvelope envelope) {
        if (mapping.unique().isEmpty()) {
            return Map.of();
        }
        // A record that will be rejected anyway (deleted, a name missing, an invalid address) holds no unique value:
        // it must not make a valid record with a higher id look like a duplicate.
        if (engine.preValidate(mapping, envelope, config.phoneRegion()).isPresent()) {
            return Map.of();
        }
        return engine.uniqueKeys(mapping, envelope, config.phoneRegion());
    }

    private void poison(Origin origin, String reason, int size, SourceResource resource) {
        poison.report(origin.channel(), origin.topic(), origin.partition(), origin.offset(), origin.key(), reason, size,
                resource);
    }

    /** Poison that cannot be decoded as a record of {@code resource}, under the key the extractor gave it. */
    private void unreadable(Origin origin, String reason, int size, SourceResource resource) {
        poison(origin, reason, size, resource);
        // The extractor keys raw records by source id: a run whose manifest names this id must not wait for it.
        if (origin.key() != null && !origin.key().isBlank()) {
            unreadable.recordUnreadable(resource, origin.key(), reason, clock.instant());
            settler.settleRunsShortOf(resource);
        }
    }

    static Instant instant(String sourceUpdatedAt) {
        if (sourceUpdatedAt == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(sourceUpdatedAt).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
