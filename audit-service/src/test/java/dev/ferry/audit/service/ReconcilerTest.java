package dev.ferry.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void unaccountedIsManifestMinusTerminalAndDeferredIsPartOfIt() {
        ResourceTally patients = new ResourceTally("patients", 100L, 3, Map.of(
                OutcomeKind.CREATED, 60L, OutcomeKind.UPDATED, 5L, OutcomeKind.UNCHANGED, 4L,
                OutcomeKind.REJECTED, 7L, OutcomeKind.FAILED, 2L, OutcomeKind.DEFERRED, 10L));

        ResourceReconciliation r = Reconciler.reconcile(patients);

        assertThat(r.terminal()).isEqualTo(78);
        assertThat(r.deferred()).isEqualTo(10);
        assertThat(r.unaccounted()).isEqualTo(22);
        assertThat(r.unseen()).as("22 without a final word, 10 of them known as deferred").isEqualTo(12);
        assertThat(r.surplus()).isZero();
        assertThat(r.balanced()).isFalse();
        assertThat(r.created() + r.updated() + r.unchanged() + r.linked() + r.deleted() + r.restored() + r.rejected()
                + r.failed()).isEqualTo(r.terminal());
        assertThat(r.manifestDeleted()).isEqualTo(3);
    }

    @Test
    void balancedWhenEveryPublishedRecordHasATerminalState() {
        ResourceTally practitioners = new ResourceTally("practitioners", 12L, 0,
                Map.of(OutcomeKind.LINKED, 10L, OutcomeKind.REJECTED, 2L));

        ResourceReconciliation r = Reconciler.reconcile(practitioners);

        assertThat(r.unaccounted()).isZero();
        assertThat(r.unseen()).isZero();
        assertThat(r.balanced()).isTrue();
        assertThat(r.linked()).isEqualTo(10);
    }

    @Test
    void moreTerminalStatesThanPublishedRecordsIsASurplusNotANegativeCount() {
        ResourceTally clinics = new ResourceTally("clinics", 5L, 0, Map.of(OutcomeKind.CREATED, 6L));

        ResourceReconciliation r = Reconciler.reconcile(clinics);

        assertThat(r.unaccounted()).isZero();
        assertThat(r.surplus()).isEqualTo(1);
        assertThat(r.balanced()).isFalse();
    }

    @Test
    void withoutAManifestNothingIsBalancedAndTheDifferencesAreUnknown() {
        ResourceTally clinics = new ResourceTally("clinics", null, 0, Map.of(OutcomeKind.CREATED, 6L));

        ResourceReconciliation r = Reconciler.reconcile(clinics);

        assertThat(r.unaccounted()).isNull();
        assertThat(r.unseen()).isNull();
        assertThat(r.surplus()).isNull();
        assertThat(r.balanced()).isFalse();
        assertThat(r.created()).isEqualTo(6);
    }

    @Test
    void aDeferredCountLargerThanUnaccountedNeverMakesUnseenNegative() {
        // DEFERRED records beyond the manifest (a surplus of open records) are still not "unseen".
        ResourceTally t = new ResourceTally("patients", 3L, 0, Map.of(OutcomeKind.CREATED, 2L,
                OutcomeKind.DEFERRED, 4L));

        ResourceReconciliation r = Reconciler.reconcile(t);

        assertThat(r.unaccounted()).isEqualTo(1);
        assertThat(r.unseen()).isZero();
    }

    @Test
    void aRunIsBalancedOnlyWhenItsResourceListIsKnownAndEveryResourceIsBalanced() {
        List<ResourceTally> done = List.of(
                new ResourceTally("practitioners", 2L, 0, Map.of(OutcomeKind.LINKED, 2L)),
                new ResourceTally("clinics", 3L, 0, Map.of(OutcomeKind.CREATED, 3L)));

        assertThat(Reconciler.reconcile("run-1", NOW, true, true, done).balanced()).isTrue();
        assertThat(Reconciler.reconcile("run-1", NOW, false, false, done).balanced())
                .as("neither RunStarted nor ExtractionFinished: more resources may follow").isFalse();

        List<ResourceTally> patientsMissingManifest = List.of(done.get(0), done.get(1),
                new ResourceTally("patients", null, 0, Map.of(OutcomeKind.CREATED, 40L)));
        RunReconciliation missing = Reconciler.reconcile("run-1", NOW, true, true, patientsMissingManifest);
        assertThat(missing.manifestsComplete()).isFalse();
        assertThat(missing.balanced()).isFalse();
        assertThat(missing.unaccounted()).as("only resources with a manifest are summed").isZero();
    }

    @Test
    void runTotalsSumTheResources() {
        List<ResourceTally> tallies = List.of(
                new ResourceTally("practitioners", 2L, 0, Map.of(OutcomeKind.LINKED, 1L)),
                new ResourceTally("clinics", 3L, 0, Map.of(OutcomeKind.CREATED, 4L)),
                new ResourceTally("patients", 10L, 0, Map.of(OutcomeKind.CREATED, 5L, OutcomeKind.DEFERRED, 2L)));

        RunReconciliation r = Reconciler.reconcile("run-1", NOW, true, true, tallies);

        assertThat(r.unaccounted()).isEqualTo(1 + 5);
        assertThat(r.surplus()).isEqualTo(1);
        assertThat(r.balanced()).isFalse();
        assertThat(r.resources()).extracting(ResourceReconciliation::resource)
                .containsExactly("practitioners", "clinics", "patients");
    }

    // ---- reconciliation by id sets (issue 8 hole 6) ----

    /** P-1, P-2, P-3 in the manifest; P-1 and P-2 created, P-3 never heard of, P-9 created but not in the manifest. */
    private static ResourceTally oneMissingOneSurplus(IdComparison ids) {
        return new ResourceTally("patients", 3L, 0, Map.of(OutcomeKind.CREATED, 3L), ids);
    }

    @Test
    void regressionIssue8Hole6OneMissingPlusOneSurplusIsNotBalanced() {
        // By counts, 3 terminal states against a manifest of 3 read "balanced": the hole.
        assertThat(Reconciler.reconcile(oneMissingOneSurplus(null)).balanced())
                .as("a manifest of counts only cannot see it (old runs keep this behaviour)").isTrue();

        ResourceReconciliation r = Reconciler.reconcile(oneMissingOneSurplus(new IdComparison(1, 1, 3, 2, 0, 1, 1)));

        assertThat(r.balanced()).isFalse();
        assertThat(r.reconciledBy()).isEqualTo("ids");
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.surplus()).isEqualTo(1);
        assertThat(r.unaccounted()).as("the missing record is unaccounted for").isEqualTo(1);
        assertThat(r.unseen()).isEqualTo(1);
        assertThat(r.terminal()).isEqualTo(3);
        assertThat(r.unbalancedBecause()).containsExactly(
                "1 manifest id has no terminal outcome (0 deferred, 1 never heard of)",
                "1 terminal outcome is for ids the manifest does not hold");

        RunReconciliation run = Reconciler.reconcile("run-1", NOW, true, true, List.of(oneMissingOneSurplus(
                new IdComparison(1, 1, 3, 2, 0, 1, 1))));
        assertThat(run.balanced()).isFalse();
        assertThat(run.missing()).isEqualTo(1);
        assertThat(run.surplus()).isEqualTo(1);
        assertThat(run.unbalancedBecause()).allMatch(reason -> reason.startsWith("patients: "));
    }

    @Test
    void byIdsBalancedWhenEveryManifestIdHasATerminalStateAndNothingElseDoes() {
        ResourceTally t = new ResourceTally("patients", 4L, 1, Map.of(OutcomeKind.CREATED, 3L,
                OutcomeKind.REJECTED, 1L), new IdComparison(2, 2, 4, 4, 0, 0, 0));

        ResourceReconciliation r = Reconciler.reconcile(t);

        assertThat(r.balanced()).isTrue();
        assertThat(r.missing()).isZero();
        assertThat(r.surplus()).isZero();
        assertThat(r.unaccounted()).isZero();
        assertThat(r.unbalancedBecause()).isEmpty();
        assertThat(r.manifestIds()).isEqualTo(4);
        assertThat(r.idChunks()).isEqualTo(2);
        assertThat(r.idChunksReceived()).isEqualTo(2);
        assertThat(Reconciler.reconcile("run-1", NOW, true, true, List.of(t)).unbalancedBecause()).isEmpty();
    }

    @Test
    void missingSplitsIntoDeferredAndNeverHeardOf() {
        ResourceTally t = new ResourceTally("patients", 10L, 0, Map.of(OutcomeKind.CREATED, 6L,
                OutcomeKind.DEFERRED, 2L), new IdComparison(1, 1, 10, 6, 2, 2, 0));

        ResourceReconciliation r = Reconciler.reconcile(t);

        assertThat(r.missing()).isEqualTo(4);
        assertThat(r.unaccounted()).isEqualTo(4);
        assertThat(r.unseen()).isEqualTo(2);
        assertThat(r.deferred()).isEqualTo(2);
        assertThat(r.balanced()).isFalse();
        assertThat(r.unbalancedBecause()).containsExactly(
                "4 manifest ids have no terminal outcome (2 deferred, 2 never heard of)");
    }

    @Test
    void whileTheManifestsIdsArriveTheResourceIsNotBalancedAndSaysWhy() {
        // Every number agrees by counts, but two of five chunks are still on their way.
        ResourceTally t = new ResourceTally("patients", 9000L, 0, Map.of(OutcomeKind.CREATED, 9000L),
                new IdComparison(5, 3, 6000, 6000, 0, 0, 3000));

        ResourceReconciliation r = Reconciler.reconcile(t);

        assertThat(r.balanced()).isFalse();
        assertThat(r.reconciledBy()).isEqualTo("ids");
        assertThat(r.missing()).as("unknown until the id set is whole").isNull();
        assertThat(r.surplus()).as("by counts meanwhile, not the partial id set's 3000").isZero();
        assertThat(r.unaccounted()).isZero();
        assertThat(r.unbalancedBecause()).containsExactly("waiting for the manifest's ids: 3 of 5 chunks arrived");
        RunReconciliation run = Reconciler.reconcile("run-1", NOW, true, true, List.of(t));
        assertThat(run.idsComplete()).isFalse();
        assertThat(run.manifestsComplete()).isTrue();
        assertThat(run.balanced()).isFalse();
        assertThat(run.unbalancedBecause())
                .containsExactly("patients: waiting for the manifest's ids: 3 of 5 chunks arrived");
    }

    @Test
    void anIdSetThatDisagreesWithItsCountIsNotBalanced() {
        ResourceTally t = new ResourceTally("clinics", 3L, 0, Map.of(OutcomeKind.CREATED, 2L),
                new IdComparison(1, 1, 2, 2, 0, 0, 0));

        ResourceReconciliation r = Reconciler.reconcile(t);

        assertThat(r.balanced()).isFalse();
        assertThat(r.missing()).isZero();
        assertThat(r.unbalancedBecause()).containsExactly("the manifest counts 3 records but its id set holds 2");
    }

    @Test
    void anEmptyResourceWithNoChunksBalancesOnlyWithoutOutcomes() {
        assertThat(Reconciler.reconcile(new ResourceTally("practitioners", 0L, 0, Map.of(),
                new IdComparison(0, 0, 0, 0, 0, 0, 0))).balanced()).isTrue();
        ResourceReconciliation stray = Reconciler.reconcile(new ResourceTally("practitioners", 0L, 0,
                Map.of(OutcomeKind.LINKED, 1L), new IdComparison(0, 0, 0, 0, 0, 0, 1)));
        assertThat(stray.balanced()).isFalse();
        assertThat(stray.surplus()).isEqualTo(1);
    }

    @Test
    void countsAndIdsMixInOneRunAndTheRunSaysWhyItIsNotBalanced() {
        List<ResourceTally> tallies = List.of(
                new ResourceTally("practitioners", 2L, 0, Map.of(OutcomeKind.LINKED, 2L)),
                new ResourceTally("clinics", 3L, 0, Map.of(OutcomeKind.CREATED, 2L)),
                new ResourceTally("patients", 2L, 0, Map.of(OutcomeKind.CREATED, 2L),
                        new IdComparison(1, 1, 2, 2, 0, 0, 0)),
                new ResourceTally("treatment-cases", null, 0, Map.of()));

        RunReconciliation r = Reconciler.reconcile("run-1", NOW, true, true, tallies);

        assertThat(r.resources()).extracting(ResourceReconciliation::reconciledBy)
                .containsExactly("counts", "counts", "ids", null);
        assertThat(r.balanced()).isFalse();
        assertThat(r.unbalancedBecause()).containsExactly(
                "clinics: 1 record has no terminal outcome (by counts)",
                "treatment-cases: no manifest yet (ManifestCounted has not arrived)");
        assertThat(Reconciler.reconcile("run-1", NOW, false, false, tallies.subList(0, 1)).unbalancedBecause())
                .containsExactly("the run's resource list is not known yet (neither RunStarted nor "
                        + "ExtractionFinished arrived)");
    }
}
