package dev.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One write the loader performs in Freshsales, on {@code freshsales.commands} keyed by {@link #partitionKey}.
 *
 * <p>Fields are in Freshsales' own shape (what goes inside {@code {"contact": {...}}}), with references to other
 * source records left as {@link TypedRef} nodes for the loader to bind.
 *
 * @param commandId deterministic ({@link CommandIds#of}); the loader's ledger recognises a replay by it
 * @param runId the run the command belongs to
 * @param kind upsert, or a rollback action
 * @param origin who issued it
 * @param resource the source resource the write comes from
 * @param sourceId the source record's id
 * @param part 0 for the record's main write, 1.. for further pieces (a note split in parts)
 * @param target where it goes in Freshsales
 * @param customModuleEntity the {@code cm_*} entity name for {@link FreshsalesTarget#CUSTOM_MODULE_RECORD}, else null
 * @param identifier the unique identifier an upsert matches on, e.g. {@code {"cf_dentes_id": "P-000123"}}
 * @param fields the record's fields in Freshsales' shape, possibly holding {@link TypedRef} nodes
 * @param partitionKey the Kafka key: the root patient's id, or the record's own id, so a patient's records stay in
 *     order on one partition
 * @param mappingVersion the confirmed mapping version that produced the command
 * @param sourceUpdatedAt the source record's {@code updated_at}, to tell a newer version from a replay
 * @param notes human-readable remarks the mapper attached (e.g. "owner fell back to the default user: practitioner
 *     PR-7 has no Freshsales user"); never patient data
 * @param after records whose own writes must have landed before this one, though nothing of theirs is sent: a
 *     billing record writes its fields onto its case's deal by the deal's identifier, and must never create that deal
 *     itself (a deal without a name) when the case's own write is still parked. Bound like required references
 *     (wait, or fail when the record failed for good); empty for almost every command
 */
public record LoadCommand(
        String commandId,
        String runId,
        CommandKind kind,
        CommandOrigin origin,
        SourceResource resource,
        String sourceId,
        int part,
        FreshsalesTarget target,
        String customModuleEntity,
        Map<String, String> identifier,
        ObjectNode fields,
        String partitionKey,
        String mappingVersion,
        String sourceUpdatedAt,
        List<String> notes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TypedRef> after) {

    /** A command that waits for nothing but its references. */
    public LoadCommand(String commandId, String runId, CommandKind kind, CommandOrigin origin, SourceResource resource,
            String sourceId, int part, FreshsalesTarget target, String customModuleEntity,
            Map<String, String> identifier, ObjectNode fields, String partitionKey, String mappingVersion,
            String sourceUpdatedAt, List<String> notes) {
        this(commandId, runId, kind, origin, resource, sourceId, part, target, customModuleEntity, identifier, fields,
                partitionKey, mappingVersion, sourceUpdatedAt, notes, List.of());
    }

    public LoadCommand {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(target, "target");
        if (origin == null) {
            origin = CommandOrigin.MAPPER;
        }
        if (commandId == null) {
            commandId = CommandIds.of(runId, resource, sourceId, part, kind.name());
        }
        if (partitionKey == null) {
            partitionKey = sourceId;
        }
        identifier = identifier == null ? Map.of() : Map.copyOf(identifier);
        fields = fields == null ? JsonNodeFactory.instance.objectNode() : fields;
        notes = notes == null ? List.of() : List.copyOf(notes);
        after = after == null ? List.of() : List.copyOf(after);
        if (after.stream().anyMatch(TypedRef::optional)) {
            throw new IllegalArgumentException("a command waits only for records it cannot do without");
        }
    }

    /**
     * Every reference in the fields, with where it sits. The {@link #after} records are not among them: they are
     * waited for, never written.
     */
    @JsonIgnore
    public List<TypedRef.Located> references() {
        return TypedRef.findAll(fields);
    }
}
