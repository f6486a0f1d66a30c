package dev.ferry.audit.service;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How far a run has come ({@code GET /runs/{id}/progress}).
 *
 * @param runId the run
 * @param generatedAt when it was computed
 * @param rateWindowSeconds the window the rates are computed over
 * @param manifestTotal records published, summed over the resources whose manifest arrived
 * @param terminal records with a terminal state, all resources
 * @param pending manifest − terminal summed over the resources whose manifest arrived
 * @param ratePerMinute records reaching a terminal state per minute, all resources
 * @param etaMinutes pending / ratePerMinute, null when unknown
 * @param resources per resource, in dependency order
 */
@Schema(description = "Progress of a run")
public record RunProgress(
        String runId,
        Instant generatedAt,
        long rateWindowSeconds,
        long manifestTotal,
        long terminal,
        long pending,
        double ratePerMinute,
        @Schema(nullable = true) Double etaMinutes,
        List<ResourceProgress> resources) {
}
