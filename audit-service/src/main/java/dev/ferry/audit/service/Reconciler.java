package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciliation arithmetic. Pure: the numbers come in, nothing is read here.
 *
 * <p>A resource whose manifest carries an id set is reconciled by ids (issue 8 hole 6): counts alone cannot tell one
 * missing record plus one surplus record from a balanced resource. A manifest of counts only (a run extracted before
 * id sets existed) keeps the count arithmetic.
 */
public final class Reconciler {

    private Reconciler() {
    }

    public static ResourceReconciliation reconcile(ResourceTally t) {
        long terminal = t.terminal();
        long deferred = t.nonTerminal();
        Long unaccounted = null;
        Long unseen = null;
        Long surplus = null;
        Long missing = null;
        String reconciledBy = null;
        boolean balanced = false;
        List<String> why = new ArrayList<>();
        IdComparison ids = t.ids();
        if (t.manifestCount() == null) {
            why.add("no manifest yet (ManifestCounted has not arrived)");
        } else if (ids == null) {
            reconciledBy = ResourceReconciliation.BY_COUNTS;
            long manifest = t.manifestCount();
            unaccounted = Math.max(0, manifest - terminal);
            unseen = Math.max(0, unaccounted - deferred);
            surplus = Math.max(0, terminal - manifest);
            balanced = manifest == terminal;
            if (!balanced) {
                countReasons(why, unaccounted, surplus);
            }
        } else if (!ids.complete()) {
            // Until every chunk is here the id set is partial: the counts stand in, and the resource cannot balance.
            reconciledBy = ResourceReconciliation.BY_IDS;
            long manifest = t.manifestCount();
            unaccounted = Math.max(0, manifest - terminal);
            unseen = Math.max(0, unaccounted - deferred);
            surplus = Math.max(0, terminal - manifest);
            why.add("waiting for the manifest's ids: " + ids.chunksReceived() + " of " + ids.chunks()
                    + " chunks arrived");
        } else {
            reconciledBy = ResourceReconciliation.BY_IDS;
            missing = ids.missing();
            unaccounted = missing;
            unseen = ids.missingUnseen();
            surplus = ids.surplus();
            boolean idsMatchCount = ids.ids() == t.manifestCount();
            balanced = missing == 0 && surplus == 0 && idsMatchCount;
            if (missing > 0) {
                why.add(missing + (missing == 1 ? " manifest id has" : " manifest ids have") + " no terminal outcome ("
                        + ids.missingOpen() + " deferred, " + ids.missingUnseen() + " never heard of)");
            }
            if (surplus > 0) {
                why.add(surplus + (surplus == 1 ? " terminal outcome is" : " terminal outcomes are")
                        + " for ids the manifest does not hold");
            }
            if (!idsMatchCount) {
                why.add("the manifest counts " + t.manifestCount() + " records but its id set holds " + ids.ids());
            }
        }
        return new ResourceReconciliation(t.resource(), t.manifestCount(), t.manifestDeleted(),
                t.count(OutcomeKind.CREATED), t.count(OutcomeKind.UPDATED), t.count(OutcomeKind.UNCHANGED),
                t.count(OutcomeKind.LINKED), t.count(OutcomeKind.DELETED), t.count(OutcomeKind.RESTORED),
                t.count(OutcomeKind.REJECTED), t.count(OutcomeKind.FAILED), t.count(OutcomeKind.DOCUMENTED), deferred, terminal, unaccounted, unseen,
                surplus, balanced, missing, reconciledBy, ids == null ? null : ids.ids(),
                ids == null ? null : ids.chunks(), ids == null ? null : ids.chunksReceived(), why);
    }

    private static void countReasons(List<String> why, long unaccounted, long surplus) {
        if (unaccounted > 0) {
            why.add(unaccounted + (unaccounted == 1 ? " record has" : " records have")
                    + " no terminal outcome (by counts)");
        }
        if (surplus > 0) {
            why.add(surplus + (surplus == 1 ? " terminal outcome" : " terminal outcomes")
                    + " beyond the manifest count (by counts)");
        }
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
        boolean idsComplete = tallies.stream().allMatch(t -> t.ids() == null || t.ids().complete());
        boolean balanced = manifestsComplete && resources.stream().allMatch(ResourceReconciliation::balanced);
        long unaccounted = resources.stream().filter(r -> r.unaccounted() != null)
                .mapToLong(ResourceReconciliation::unaccounted).sum();
        long missing = resources.stream().filter(r -> r.missing() != null)
                .mapToLong(ResourceReconciliation::missing).sum();
        long surplus = resources.stream().filter(r -> r.surplus() != null)
                .mapToLong(ResourceReconciliation::surplus).sum();
        List<String> why = new ArrayList<>();
        if (!resourceListKnown) {
            why.add("the run's resource list is not known yet (neither RunStarted nor ExtractionFinished arrived)");
        } else if (resources.isEmpty()) {
            why.add("the run names no resource");
        }
        for (ResourceReconciliation r : resources) {
            r.unbalancedBecause().forEach(reason -> why.add(r.resource() + ": " + reason));
        }
        return new RunReconciliation(runId, generatedAt, extractionFinished, manifestsComplete, idsComplete, balanced,
                unaccounted, missing, surplus, why, resources);
    }
}
