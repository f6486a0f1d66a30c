package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How far one resource of a run has come.
 *
 * @param resource the resource's path
 * @param manifestCount records the extractor published; null until its ManifestCounted arrived
 * @param seen records with at least one outcome
 * @param terminal records with a terminal state
 * @param pending manifest − terminal (never below 0); null without a manifest
 * @param byKind records per current-state kind
 * @param ratePerMinute records that reached a terminal state per minute, over the rate window (observed)
 * @param callsPerRecord Freshsales calls one record of this resource needs ({@code CallsPerRecord})
 * @param callsNeeded pending × callsPerRecord, rounded up; null without a manifest
 * @param etaMinutes callsNeeded alone on the whole budget (from a fresh hour); null without a manifest
 */
@Schema(description = "Progress of one resource of a run")
public record ResourceProgress(
        String resource,
        @Schema(nullable = true) Long manifestCount,
        long seen,
        long terminal,
        @Schema(nullable = true) Long pending,
        Map<OutcomeKind, Long> byKind,
        double ratePerMinute,
        double callsPerRecord,
        @Schema(nullable = true) Long callsNeeded,
        @Schema(nullable = true) Double etaMinutes) {
}
