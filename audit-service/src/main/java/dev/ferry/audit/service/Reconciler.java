package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.List;

/** Reconciliation arithmetic. Pure: the numbers come in, nothing is read here. */
public final class Reconciler {

    private Reconciler() {
    }

    public static ResourceReconciliation reconcile(ResourceTally t) {
        long terminal = t.terminal();
        long deferred = t.nonTerminal();
        Long unaccounted = null;
        Long unseen = null;
        Long surplus = null;
        boolean balanced = false;
        if (t.manifestCount() != null) {
            long manifest = t.manifestCount();
            unaccounted = Math.max(0, manifest - terminal);
            unseen = Math.max(0, unaccounted - deferred);
            surplus = Math.max(0, terminal - manifest);
            balanced = manifest == terminal;
        }
        return new ResourceReconciliation(t.resource(), t.manifestCount(), t.manifestDeleted(),
                t.count(OutcomeKind.CREATED), t.count(OutcomeKind.UPDATED), t.count(OutcomeKind.UNCHANGED),
                t.count(OutcomeKind.LINKED), t.count(OutcomeKind.DELETED), t.count(OutcomeKind.RESTORED),
                t.count(OutcomeKind.REJECTED), t.count(OutcomeKind.FAILED), deferred, terminal, unaccounted, unseen,
                surplus, balanced);
    }

    /**
     * @param resourceListKnown whether the run's resource list is known to be complete ({@code RunStarted} listed
     *     them, or {@code ExtractionFinished} arrived)
     * @param tallies one per resource of the run, in the order to report them
     */
    public static RunReconciliation reconcile(String runId, Instant generatedAt, boolean extractionFinished,
            boolean resourceListKnown, List<ResourceTally> tallies) {
        List<ResourceReconciliation> resources = tallies.stream().map(Reconciler::reconcile).toList();
        boolean manifestsComplete = resourceListKnown && !resources.isEmpty()
                && resources.stream().allMatch(r -> r.manifestCount() != null);
        boolean balanced = manifestsComplete && resources.stream().allMatch(ResourceReconciliation::balanced);
        long unaccounted = resources.stream().filter(r -> r.unaccounted() != null)
                .mapToLong(ResourceReconciliation::unaccounted).sum();
        long surplus = resources.stream().filter(r -> r.surplus() != null)
                .mapToLong(ResourceReconciliation::surplus).sum();
        return new RunReconciliation(runId, generatedAt, extractionFinished, manifestsComplete, balanced, unaccounted,
                surplus, resources);
    }
}
