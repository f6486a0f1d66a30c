package dev.ferry.audit.service;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The machine-readable reconciliation of a run ({@code GET /runs/{id}/reconciliation}).
 *
 * @param runId the run
 * @param generatedAt when it was computed
 * @param extractionFinished whether {@code ExtractionFinished} arrived
 * @param manifestsComplete every resource of the run has its manifest, and the resource list is known (from
 *     {@code RunStarted} or {@code ExtractionFinished})
 * @param balanced manifests complete, every id set whole and every resource balanced: every published record has
 *     exactly one terminal state and nothing more
 * @param idsComplete every manifest that announced an id set has all of its chunks
 * @param unaccounted records without a terminal state, summed over the resources that have a manifest
 * @param missing manifest ids without a terminal state, summed over the resources reconciled by ids
 * @param surplus terminal states beyond the manifests, summed
 * @param unbalancedBecause why the run is not balanced, one sentence per reason (resource reasons prefixed with the
 *     resource); empty when balanced
 * @param resources per resource, in dependency order
 */
@Schema(description = "Reconciliation of a run: manifests against terminal outcomes")
public record RunReconciliation(
        String runId,
        Instant generatedAt,
        boolean extractionFinished,
        boolean manifestsComplete,
        boolean idsComplete,
        @Schema(description = "true when every published record has exactly one terminal state; the demo exits "
                + "non-zero when false")
        boolean balanced,
        long unaccounted,
        long missing,
        long surplus,
        List<String> unbalancedBecause,
        List<ResourceReconciliation> resources) {

    public RunReconciliation {
        resources = resources == null ? List.of() : List.copyOf(resources);
        unbalancedBecause = unbalancedBecause == null ? List.of() : List.copyOf(unbalancedBecause);
    }
}
