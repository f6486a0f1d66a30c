package dev.ferry.audit.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One resource of a run: the manifest against the records' current states.
 *
 * @param resource the resource's path
 * @param manifestCount records the extractor published; null until its ManifestCounted arrived
 * @param manifestDeleted how many of them the source had soft-deleted
 * @param created records whose current state is CREATED
 * @param updated UPDATED
 * @param unchanged UNCHANGED
 * @param linked LINKED
 * @param deleted DELETED (rollback)
 * @param restored RESTORED (rollback)
 * @param rejected REJECTED
 * @param failed FAILED
 * @param deferred records the ledger knows whose latest word is DEFERRED (listable as bucket {@code deferred})
 * @param terminal every terminal state, success or failure
 * @param unaccounted manifest − terminal (never below 0): records without a final word yet; null without manifest
 * @param unseen the part of {@code unaccounted} the ledger has never heard of (unaccounted − deferred, never below 0)
 * @param surplus terminal − manifest (never below 0): more records closed than the extractor published
 * @param balanced manifest present and manifest == terminal
 */
@Schema(description = "Manifest count against current states of one resource of a run")
public record ResourceReconciliation(
        String resource,
        @Schema(nullable = true) Long manifestCount,
        long manifestDeleted,
        long created,
        long updated,
        long unchanged,
        long linked,
        long deleted,
        long restored,
        long rejected,
        long failed,
        long deferred,
        long terminal,
        @Schema(nullable = true, description = "manifestCount - terminal, never below 0; null without a manifest")
        Long unaccounted,
        @Schema(nullable = true, description = "unaccounted records the ledger has never heard of")
        Long unseen,
        @Schema(nullable = true, description = "terminal - manifestCount, never below 0")
        Long surplus,
        boolean balanced) {
}
