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
 * @param ratePerMinute records reaching a terminal state per minute over the window, all resources (observed; zero
 *     between hourly bursts, which is why the ETA does not use it)
 * @param callsNeeded Freshsales calls the pending records still need: per resource pending × its calls per record
 *     ({@code CallsPerRecord}, the loader's measured costs)
 * @param budget the budget the ETA spends the calls on
 * @param etaMinutes callsNeeded over the budget ({@code CallBudget}): at the minute limit while the hour has room, then
 *     as the last hour's calls (this run's, minute by minute) leave the window; known once a manifest is, also while
 *     no record moves
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
        long callsNeeded,
        Budget budget,
        double etaMinutes,
        List<ResourceProgress> resources) {

    /**
     * The loaders' Freshsales budget as the audit counts it.
     *
     * @param perHour calls an hour ({@code ferry.audit.budget.calls-per-hour})
     * @param perMinute calls a minute ({@code ferry.audit.budget.calls-per-minute})
     * @param remainingThisHour perHour less the calls this run's records that ended in the last hour are estimated to
     *     have cost (an estimate: other integrations on the account are not seen)
     */
    @Schema(description = "The Freshsales budget the ETA is computed on")
    public record Budget(int perHour, int perMinute, long remainingThisHour) {
    }
}
