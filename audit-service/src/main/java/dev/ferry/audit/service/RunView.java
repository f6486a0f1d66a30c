package dev.ferry.audit.service;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A run for dashboards.
 *
 * @param runId the run
 * @param mode SAMPLE, FULL, DELTA, RETRY or ROLLBACK; null until RunStarted arrived
 * @param mappingVersion the mapping version the run uses; null until RunStarted arrived
 * @param resources the resources the run covers (RunStarted)
 * @param firstSeenAt when the audit first heard of the run
 * @param startedAt RunStarted's time
 * @param extractionFinishedAt ExtractionFinished's time
 * @param finishedAt RunFinished's time, or, for a status derived from reconciliation, the last terminal outcome's
 * @param status see {@link RunStatus}
 * @param statusSource {@code event} (RunFinished) or {@code reconciliation}
 * @param manifests the manifests received so far
 */
@Schema(description = "A migration run")
public record RunView(
        String runId,
        @Schema(nullable = true) String mode,
        @Schema(nullable = true) String mappingVersion,
        List<String> resources,
        Instant firstSeenAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant extractionFinishedAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(enumeration = {"UNKNOWN", "EXTRACTING", "LOADING", "UNBALANCED", "COMPLETED",
            "COMPLETED_WITH_FAILURES", "STOPPED"}) String status,
        @Schema(enumeration = {"event", "reconciliation"}) String statusSource,
        List<Manifest> manifests) {

    /**
     * One manifest.
     *
     * @param resource the resource's path
     * @param count records published
     * @param deleted of which soft-deleted in the source
     * @param countedAt ManifestCounted's time
     * @param idChunks id chunks the manifest announced; null for a manifest of counts only
     * @param idChunksReceived how many of them arrived; null for a manifest of counts only
     * @param ids distinct manifest ids stored; null for a manifest of counts only
     */
    public record Manifest(String resource, long count, long deleted, Instant countedAt,
            @Schema(nullable = true) Integer idChunks, @Schema(nullable = true) Integer idChunksReceived,
            @Schema(nullable = true) Long ids) {
    }
}
