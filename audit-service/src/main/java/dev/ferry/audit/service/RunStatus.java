package dev.ferry.audit.service;

import java.time.Instant;

/**
 * A run's status, from its lifecycle events where they say it, otherwise derived from its reconciliation.
 *
 * <ul>
 *   <li>{@code RunFinished} arrived: its status ({@code COMPLETED}, {@code COMPLETED_WITH_FAILURES},
 *       {@code STOPPED}), source {@code event}.</li>
 *   <li>Neither {@code RunStarted} nor {@code ExtractionFinished} yet (only outcomes): {@code UNKNOWN}.</li>
 *   <li>Extraction still running: {@code EXTRACTING}.</li>
 *   <li>Extraction finished and balanced: {@code COMPLETED}, or {@code COMPLETED_WITH_FAILURES} when records were
 *       rejected or failed; finished at the last terminal outcome; source {@code reconciliation}.</li>
 *   <li>Extraction finished, every id set whole, nothing unaccounted but terminal states beyond the manifests (by
 *       ids: for ids the manifest does not hold): {@code UNBALANCED}.</li>
 *   <li>Otherwise {@code LOADING}.</li>
 * </ul>
 *
 * @param status the status
 * @param source {@code event} or {@code reconciliation}
 * @param finishedAt when the run finished, if it did
 */
public record RunStatus(String status, String source, Instant finishedAt) {

    public static final String FROM_EVENT = "event";
    public static final String FROM_RECONCILIATION = "reconciliation";

    /**
     * @param startedAt from RunStarted, or null
     * @param extractionFinishedAt from ExtractionFinished, or null
     * @param finishedAt from RunFinished, or null
     * @param finishedStatus from RunFinished, or null
     * @param reconciliation the run's reconciliation now
     * @param lastTerminalAt the latest terminal outcome of the run, or null
     */
    public static RunStatus derive(Instant startedAt, Instant extractionFinishedAt, Instant finishedAt,
            String finishedStatus, RunReconciliation reconciliation, Instant lastTerminalAt) {
        if (finishedStatus != null) {
            return new RunStatus(finishedStatus, FROM_EVENT, finishedAt);
        }
        if (startedAt == null && extractionFinishedAt == null) {
            return new RunStatus("UNKNOWN", FROM_RECONCILIATION, null);
        }
        if (extractionFinishedAt == null) {
            return new RunStatus("EXTRACTING", FROM_RECONCILIATION, null);
        }
        if (reconciliation.balanced()) {
            boolean failures = reconciliation.resources().stream().anyMatch(r -> r.rejected() + r.failed() > 0);
            return new RunStatus(failures ? "COMPLETED_WITH_FAILURES" : "COMPLETED", FROM_RECONCILIATION,
                    lastTerminalAt);
        }
        if (reconciliation.manifestsComplete() && reconciliation.idsComplete() && reconciliation.unaccounted() == 0
                && reconciliation.surplus() > 0) {
            return new RunStatus("UNBALANCED", FROM_RECONCILIATION, null);
        }
        return new RunStatus("LOADING", FROM_RECONCILIATION, null);
    }
}
