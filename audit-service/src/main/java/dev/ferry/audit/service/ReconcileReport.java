package dev.ferry.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Issue 12's reconciliation of a run, three layers side by side ({@code POST /runs/{id}/reconcile}).
 *
 * @param runId the run
 * @param generatedAt when it was put together
 * @param clean every layer clean: counts balanced, no id missing or surplus, and Freshsales holds exactly what Ferry
 *     wrote (the loader answered, with no finding)
 * @param findings things found wrong: records without a terminal outcome and surplus outcomes (layers 1-2, from
 *     the counts) plus the loader's findings in Freshsales (layer 3)
 * @param counts layer 1: manifests against terminal outcomes, per resource ({@code GET /runs/{id}/reconciliation})
 * @param ids layer 2: per resource reconciled by ids and not balanced, which ids are missing and which surplus
 * @param target layer 3: the loader's read-back of Freshsales ({@code GET /target/reconciliation} on the loader),
 *     as it answered; null when it could not be asked
 * @param targetUnavailable why layer 3 is missing; null when it is there
 */
@Schema(description = "Three-layer reconciliation of a run: counts, ids, and Freshsales read back")
public record ReconcileReport(
        String runId,
        Instant generatedAt,
        boolean clean,
        long findings,
        RunReconciliation counts,
        List<ResourceIds> ids,
        @Schema(nullable = true, implementation = Object.class) JsonNode target,
        @Schema(nullable = true) String targetUnavailable) {

    public ReconcileReport {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /**
     * The ids behind one resource's missing and surplus numbers.
     *
     * @param resource the resource's path
     * @param missing manifest ids without a terminal outcome (state DEFERRED, or none: never heard of)
     * @param surplus terminal outcomes for ids the manifest does not hold
     * @param truncated more ids than {@code ferry.audit.reconcile.max-ids} in a list; the counts are whole
     */
    public record ResourceIds(String resource, List<IdState> missing, List<IdState> surplus, boolean truncated) {
        public ResourceIds {
            missing = missing == null ? List.of() : List.copyOf(missing);
            surplus = surplus == null ? List.of() : List.copyOf(surplus);
        }
    }

    /**
     * One id with its current state.
     *
     * @param sourceId the Dr.DENTES id
     * @param state its current state; null for an id the ledger never heard of
     * @param freshsalesId the Freshsales id, when there is one
     */
    public record IdState(String sourceId, @Schema(nullable = true) String state,
            @Schema(nullable = true) Long freshsalesId) {
    }
}
