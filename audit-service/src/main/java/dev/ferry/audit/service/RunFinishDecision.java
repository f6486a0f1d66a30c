package dev.ferry.audit.service;

import dev.ferry.contracts.RunEvent;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the audit publishes {@code RunFinished} for a run now, and with what. Pure: the run's view (its status
 * derived from reconciliation) and whether it was published before come in.
 *
 * <p>A run is finished when its extraction finished and every manifest id has exactly one terminal outcome: its
 * reconciliation balances, which {@link RunStatus} turns into {@code COMPLETED}, or {@code COMPLETED_WITH_FAILURES}
 * when records were rejected or failed (published as such, so the status a reader sees does not change when the
 * event arrives). Nothing is published for a run that already has a {@code RunFinished} (from anyone), that was
 * published before, or that is not balanced ({@code LOADING}, {@code UNBALANCED}, ...).
 *
 * <p>The event is the same bytes every time it is built: its command id is the contract's deterministic one
 * ({@code CommandIds.ofRunEvent(run, "RUN_FINISHED", null)}) and its time is the run's last terminal outcome (or its
 * extraction end for a run without records), never "now". A second copy after a crash between the broker's
 * acknowledgement and the bookkeeping is therefore one event to every reader (the ledger's {@code run_event} key is
 * (command id, time)).
 */
public final class RunFinishDecision {

    static final Set<String> FINISHED = Set.of("COMPLETED", "COMPLETED_WITH_FAILURES");

    private RunFinishDecision() {
    }

    public static Optional<RunEvent.RunFinished> decide(RunView run, boolean publishedBefore) {
        if (publishedBefore || run.extractionFinishedAt() == null
                || !RunStatus.FROM_RECONCILIATION.equals(run.statusSource()) || !FINISHED.contains(run.status())) {
            return Optional.empty();
        }
        var at = run.finishedAt() != null ? run.finishedAt() : run.extractionFinishedAt();
        return Optional.of(new RunEvent.RunFinished(null, run.runId(), run.status(), at));
    }
}
