package dev.ferry.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One Dr.DENTES record as the extractor read it, on {@code dentes.raw.<resource>} keyed by {@link #sourceId}.
 *
 * @param commandId deterministic id of this extraction ({@link CommandIds#ofExtraction})
 * @param runId the run that read it
 * @param mode the run's mode
 * @param resource the source resource
 * @param sourceId the record's id in Dr.DENTES
 * @param moduleKey for {@link SourceResource#CUSTOM_MODULE_RECORDS}: the custom module's key; otherwise null
 * @param sourceUpdatedAt the record's {@code updated_at} as the source wrote it (ISO-8601 with offset)
 * @param deleted whether the source reports the record as soft-deleted
 * @param payload the record exactly as the source API served it
 * @param extractedAt when the extractor read it
 */
public record SourceRecordEnvelope(
        String commandId,
        String runId,
        RunMode mode,
        SourceResource resource,
        String sourceId,
        String moduleKey,
        String sourceUpdatedAt,
        boolean deleted,
        ObjectNode payload,
        Instant extractedAt) {

    public SourceRecordEnvelope {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(payload, "payload");
        if (commandId == null) {
            commandId = CommandIds.ofExtraction(runId, resource, sourceId, sourceUpdatedAt);
        }
    }
}
