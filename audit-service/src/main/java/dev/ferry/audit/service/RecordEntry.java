package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A record behind a reconciliation number: its current state and the outcome that set it. In bucket {@code missing} a
 * manifest id the ledger never heard of has only its {@code sourceId}; every other field is null.
 *
 * @param sourceId the record's source id
 * @param kind its current state; null for a record never heard of
 * @param occurredAt when that outcome was decided
 * @param commandId the command that outcome answers
 * @param attempt the loader's attempt
 * @param freshsalesId the target id, when one exists
 * @param target the Freshsales collection, when one was chosen
 * @param rejection for REJECTED: rule, field, message
 * @param failure for FAILED: the target's status and messages
 * @param detail a short remark (for DEFERRED: what it waits for)
 */
@Schema(description = "A record in a reconciliation bucket")
public record RecordEntry(
        String sourceId,
        @Schema(nullable = true) OutcomeKind kind,
        @Schema(nullable = true) Instant occurredAt,
        @Schema(nullable = true) String commandId,
        @Schema(nullable = true) Integer attempt,
        @Schema(nullable = true) Long freshsalesId,
        @Schema(nullable = true) String target,
        @Schema(nullable = true) Rejection rejection,
        @Schema(nullable = true) TargetFailure failure,
        @Schema(nullable = true) String detail) {

    /** A manifest id the ledger has no outcome for. */
    public static RecordEntry unseen(String sourceId) {
        return new RecordEntry(sourceId, null, null, null, null, null, null, null, null, null);
    }
}
