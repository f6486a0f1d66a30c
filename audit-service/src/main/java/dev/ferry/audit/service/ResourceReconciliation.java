package dev.ferry.audit.service;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One resource of a run: the manifest against the records' current states. With an id set (an extractor that
 * publishes {@code ManifestIds}) the manifest's ids are compared with the states' ids; with a count only (older runs)
 * the numbers are compared.
 *
 * @param resource the resource's path
 * @param manifestCount records the extractor published; null until its ManifestCounted arrived
 * @param manifestDeleted how many of them the source had soft-deleted
 * @param created records whose current state is CREATED (kind counts cover every record state of the resource, in
 *     the manifest or not)
 * @param updated UPDATED
 * @param unchanged UNCHANGED
 * @param linked LINKED
 * @param deleted DELETED (rollback)
 * @param restored RESTORED (rollback)
 * @param rejected REJECTED
 * @param failed FAILED
 * @param documented DOCUMENTED (workflows and integrations, written into their rebuild documents)
 * @param deferred records the ledger knows whose latest word is DEFERRED (listable as bucket {@code deferred})
 * @param terminal every terminal state, success or failure
 * @param unaccounted records the manifest counts without a final word yet: by ids, {@code missing}; by counts (and
 *     while the ids arrive), manifest − terminal, never below 0; null without manifest
 * @param unseen the part of {@code unaccounted} the ledger has never heard of
 * @param surplus terminal states beyond the manifest: by ids, terminal states whose source id the manifest does not
 *     hold (bucket {@code surplus}); by counts, terminal − manifest, never below 0; null without manifest
 * @param balanced manifest present and every record it counts has exactly one terminal state and nothing more: by ids,
 *     the id set is whole, holds {@code manifestCount} ids, {@code missing} and {@code surplus} are 0; by counts,
 *     manifest == terminal
 * @param missing by ids: manifest ids without a terminal state (bucket {@code missing}); null when reconciled by
 *     counts or while the ids arrive
 * @param reconciledBy {@code ids} or {@code counts}; null without manifest
 * @param manifestIds distinct manifest ids stored; null without an id set
 * @param idChunks id chunks the manifest announced; null without an id set
 * @param idChunksReceived id chunks stored; null without an id set
 * @param unbalancedBecause why the resource is not balanced, one sentence per reason; empty when balanced
 */
@Schema(description = "Manifest against current states of one resource of a run")
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
        long documented,
        long deferred,
        long terminal,
        @Schema(nullable = true, description = "records the manifest counts without a terminal state (by ids: "
                + "missing; by counts: manifestCount - terminal, never below 0); null without a manifest")
        Long unaccounted,
        @Schema(nullable = true, description = "unaccounted records the ledger has never heard of")
        Long unseen,
        @Schema(nullable = true, description = "by ids: terminal states whose source id the manifest does not hold; "
                + "by counts: terminal - manifestCount, never below 0")
        Long surplus,
        boolean balanced,
        @Schema(nullable = true, description = "by ids: manifest ids without a terminal state; null otherwise")
        Long missing,
        @Schema(nullable = true, enumeration = {"ids", "counts"}) String reconciledBy,
        @Schema(nullable = true) Long manifestIds,
        @Schema(nullable = true) Integer idChunks,
        @Schema(nullable = true) Integer idChunksReceived,
        List<String> unbalancedBecause) {

    public static final String BY_IDS = "ids";
    public static final String BY_COUNTS = "counts";

    public ResourceReconciliation {
        unbalancedBecause = unbalancedBecause == null ? List.of() : List.copyOf(unbalancedBecause);
    }
}
