package dev.ferry.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one record operation, on {@code freshsales.outcomes}. The audit ledger is built from these alone.
 *
 * @param commandId the command this answers (for a mapper rejection: the command that would have been issued)
 * @param runId the run
 * @param resource the source resource
 * @param sourceId the source record's id
 * @param part the command's part
 * @param target where the write went (null for a rejection before a target was chosen)
 * @param kind what happened
 * @param freshsalesId the Freshsales record id, when one exists
 * @param changedFields the names (never values) of the fields the operation changed: for UPDATED those whose values
 *        changed; for CREATED the fields written (the audit log lists them; a producer that does not know them sends
 *        none); for RESTORED the fields written back
 * @param beforeImage for UPDATED: those fields' values before the write, so a rollback can restore them
 * @param rejection for REJECTED: the rule and field
 * @param failure for FAILED: the target's answer
 * @param detail a short human-readable remark (e.g. "deferred: waiting for clinics C-7"); never patient data
 * @param attempt how many write attempts the loader made
 * @param occurredAt when the outcome was decided
 * @param document for DOCUMENTED: the record's entry of its rebuild document (what an admin needs to set it up again
 *        in Freshsales), built by the mapper from the published fields only, so never a credential; null otherwise
 */
public record LoadOutcome(
        String commandId,
        String runId,
        SourceResource resource,
        String sourceId,
        int part,
        FreshsalesTarget target,
        OutcomeKind kind,
        Long freshsalesId,
        List<String> changedFields,
        ObjectNode beforeImage,
        Rejection rejection,
        TargetFailure failure,
        String detail,
        int attempt,
        Instant occurredAt,
        ObjectNode document) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public LoadOutcome {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
        if (kind == OutcomeKind.REJECTED && rejection == null) {
            throw new IllegalArgumentException("a REJECTED outcome needs the rule and field");
        }
        if (kind == OutcomeKind.FAILED && failure == null) {
            throw new IllegalArgumentException("a FAILED outcome needs the target's answer");
        }
        if (kind == OutcomeKind.DOCUMENTED && document == null) {
            throw new IllegalArgumentException("a DOCUMENTED outcome needs its document entry");
        }
    }

    /** An outcome without a document entry (every kind but DOCUMENTED). */
    public LoadOutcome(String commandId, String runId, SourceResource resource, String sourceId, int part,
            FreshsalesTarget target, OutcomeKind kind, Long freshsalesId, List<String> changedFields,
            ObjectNode beforeImage, Rejection rejection, TargetFailure failure, String detail, int attempt,
            Instant occurredAt) {
        this(commandId, runId, resource, sourceId, part, target, kind, freshsalesId, changedFields, beforeImage,
                rejection, failure, detail, attempt, occurredAt, null);
    }

    /** A validation rejection for a record that never became a write. */
    public static LoadOutcome rejected(String commandId, String runId, SourceResource resource, String sourceId,
            Rejection rejection, Instant at) {
        return new LoadOutcome(commandId, runId, resource, sourceId, 0, null, OutcomeKind.REJECTED, null, null, null,
                rejection, null, rejection.message(), 0, at);
    }

    /** The outcome of a command, with the command's identity copied over. */
    public static LoadOutcome of(LoadCommand command, OutcomeKind kind, Long freshsalesId, String detail, int attempt,
            Instant at) {
        return new LoadOutcome(command.commandId(), command.runId(), command.resource(), command.sourceId(),
                command.part(), command.target(), kind, freshsalesId, null, null, null, null, detail, attempt, at);
    }
}
