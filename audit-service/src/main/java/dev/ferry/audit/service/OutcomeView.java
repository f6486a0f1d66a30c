package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One stored outcome.
 *
 * @param commandId the command it answers
 * @param runId the run
 * @param resource the resource's path
 * @param sourceId the record's source id
 * @param part the command's part (0 = the record's main write)
 * @param target the Freshsales collection, when one was chosen
 * @param kind what happened
 * @param attempt the loader's attempt number
 * @param freshsalesId the target record's id, when one exists
 * @param changedFields for UPDATED: the names of the changed fields
 * @param rejection for REJECTED: rule, field and message
 * @param failure for FAILED: the target's status and messages, and the cause
 * @param detail a short remark
 * @param occurredAt when the outcome was decided
 * @param recordedAt when the audit stored it
 */
@Schema(description = "One outcome of one record operation")
public record OutcomeView(
        String commandId,
        String runId,
        String resource,
        String sourceId,
        int part,
        @Schema(nullable = true) String target,
        OutcomeKind kind,
        int attempt,
        @Schema(nullable = true) Long freshsalesId,
        List<String> changedFields,
        @Schema(nullable = true) Rejection rejection,
        @Schema(nullable = true) TargetFailure failure,
        @Schema(nullable = true) String detail,
        Instant occurredAt,
        Instant recordedAt) {
}
