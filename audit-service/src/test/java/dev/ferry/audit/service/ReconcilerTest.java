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
}
