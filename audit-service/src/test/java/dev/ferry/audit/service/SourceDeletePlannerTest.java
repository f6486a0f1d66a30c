package dev.ferry.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.audit.service.RollbackPlanner.Action;
import dev.ferry.audit.service.RollbackPlanner.Item;
import dev.ferry.audit.service.SourceDeletePlanner.Row;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.RollbackAddress;
import dev.ferry.contracts.SourceResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDeletePlannerTest {

    private static final String FULL = "full-1";
    private static final String DELTA = "delta-1";
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

    private static Row load(SourceResource r, String id, int part, FreshsalesTarget t, OutcomeKind kind, long fsId,
            int second) {
        return new Row(FULL, CommandIds.of(FULL, r, id, part, "UPSERT"), kind, null, r, id, part, t, fsId,
                T0.plusSeconds(second));
    }

    private static Row flagged(SourceResource r, String id, int second) {
        return new Row(DELTA, CommandIds.of(DELTA, r, id, 0, "UPSERT"), OutcomeKind.REJECTED,
                SourceDeletePlanner.RECORD_DELETED, r, id, 0, null, null, T0.plusSeconds(second));
    }

    private static Row deleteOutcome(SourceResource r, String id, FreshsalesTarget t, long fsId, OutcomeKind kind,
            boolean force, int second) {
        return new Row(DELTA, RollbackAddress.commandId(DELTA, r, id, 0, CommandKind.DELETE, force), kind, null, r,
                id, 0, t, fsId, T0.plusSeconds(second));
    }

    private static List<Row> base() {
        List<Row> rows = new ArrayList<>();
        rows.add(load(SourceResource.PATIENTS, "P-1", 0, FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 11, 1));
        rows.add(load(SourceResource.CLINICAL_NOTES, "N-1", 0, FreshsalesTarget.NOTE, OutcomeKind.CREATED, 21, 2));
        rows.add(load(SourceResource.CLINICAL_NOTES, "N-1", 1, FreshsalesTarget.NOTE, OutcomeKind.CREATED, 22, 2));
        rows.add(load(SourceResource.TREATMENT_CASES, "T-1", 0, FreshsalesTarget.DEAL, OutcomeKind.UPDATED, 31, 3));
        rows.add(flagged(SourceResource.PATIENTS, "P-1", 10));
        rows.add(flagged(SourceResource.CLINICAL_NOTES, "N-1", 10));
        rows.add(flagged(SourceResource.TREATMENT_CASES, "T-1", 10));
        return rows;
    }

    @Test
    void everyFlaggedRecordWithALiveFreshsalesIdIsDeletedChildrenFirstEveryPartOnce() {
        List<Item> plan = SourceDeletePlanner.plan(DELTA, base(), false);

        assertThat(plan).extracting(i -> i.resource().path() + "/" + i.sourceId() + "#" + i.part() + "@"
                + i.freshsalesId()).containsExactly("clinical-notes/N-1#0@21", "clinical-notes/N-1#1@22",
                "treatment-cases/T-1#0@31", "patients/P-1#0@11");
        assertThat(plan).allSatisfy(i -> {
            assertThat(i.action()).isEqualTo(Action.DELETE);
            assertThat(i.publish()).isTrue();
            assertThat(i.force()).isFalse();
            assertThat(i.commandId()).isEqualTo(RollbackAddress.commandId(DELTA, i.resource(), i.sourceId(),
                    i.part(), CommandKind.DELETE, false));
        });
        assertThat(plan).extracting(Item::level).containsExactly(0, 0, 1, 2);
    }

    @Test
    void aRecordNeverLoadedOrNotFlaggedByThisRunOrAlreadyRolledBackIsNotDeleted() {
        List<Row> rows = new ArrayList<>();
        // Soft-deleted before it was ever migrated: rejected in both runs, no Freshsales id.
        rows.add(new Row(FULL, "c-full-p2", OutcomeKind.REJECTED, SourceDeletePlanner.RECORD_DELETED,
                SourceResource.PATIENTS, "P-2", 0, null, null, T0));
        rows.add(flagged(SourceResource.PATIENTS, "P-2", 10));
        // Loaded, but this run did not flag it (flagged by another run).
        rows.add(load(SourceResource.PATIENTS, "P-3", 0, FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 13, 1));
        rows.add(new Row("delta-0", "c-d0-p3", OutcomeKind.REJECTED, SourceDeletePlanner.RECORD_DELETED,
                SourceResource.PATIENTS, "P-3", 0, null, null, T0.plusSeconds(5)));
        // Loaded, then deleted by a rollback of the loading run.
        rows.add(load(SourceResource.PATIENTS, "P-4", 0, FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 14, 1));
        rows.add(new Row(FULL, RollbackAddress.commandId(FULL, SourceResource.PATIENTS, "P-4", 0, CommandKind.DELETE,
                false), OutcomeKind.DELETED, null, SourceResource.PATIENTS, "P-4", 0, FreshsalesTarget.CONTACT, 14L,
                T0.plusSeconds(4)));
        rows.add(flagged(SourceResource.PATIENTS, "P-4", 10));

        List<Item> plan = SourceDeletePlanner.plan(DELTA, rows, false);

        assertThat(plan).extracting(Item::sourceId).containsExactly("P-4");
        assertThat(plan.get(0).publish()).isFalse();
        assertThat(plan.get(0).reason()).contains("already deleted in Freshsales");
    }

    @Test
    void aSecondRequestIssuesNothingAndDriftIsIssuedAgainOnlyWhenForcedAsAnotherCommand() {
        List<Row> rows = base();
        rows.add(deleteOutcome(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, 11, OutcomeKind.SKIPPED,
                false, 20));
        rows.add(new Row(DELTA, RollbackAddress.commandId(DELTA, SourceResource.CLINICAL_NOTES, "N-1", 0,
                CommandKind.DELETE, false), OutcomeKind.DELETED, null, SourceResource.CLINICAL_NOTES, "N-1", 0,
                FreshsalesTarget.NOTE, 21L, T0.plusSeconds(20)));
        rows.add(new Row(DELTA, RollbackAddress.commandId(DELTA, SourceResource.CLINICAL_NOTES, "N-1", 1,
                CommandKind.DELETE, false), OutcomeKind.DELETED, null, SourceResource.CLINICAL_NOTES, "N-1", 1,
                FreshsalesTarget.NOTE, 22L, T0.plusSeconds(20)));
        rows.add(deleteOutcome(SourceResource.TREATMENT_CASES, "T-1", FreshsalesTarget.DEAL, 31, OutcomeKind.DELETED,
                false, 20));

        List<Item> again = SourceDeletePlanner.plan(DELTA, rows, false);
        assertThat(again).noneMatch(Item::publish);
        assertThat(again).filteredOn(i -> i.sourceId().equals("P-1")).singleElement()
                .satisfies(i -> assertThat(i.reason()).contains("drift"));
        assertThat(again).filteredOn(i -> i.done() == OutcomeKind.DELETED).hasSize(3);

        List<Item> forced = SourceDeletePlanner.plan(DELTA, rows, true);
        assertThat(forced).filteredOn(Item::publish).singleElement().satisfies(i -> {
            assertThat(i.sourceId()).isEqualTo("P-1");
            assertThat(i.force()).isTrue();
            assertThat(i.commandId()).isEqualTo(RollbackAddress.commandId(DELTA, SourceResource.PATIENTS, "P-1", 0,
                    CommandKind.DELETE, true));
        });
    }

    @Test
    void aFailedDeleteIsIssuedAgain() {
        List<Row> rows = base();
        rows.add(deleteOutcome(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, 11, OutcomeKind.FAILED,
                false, 20));
        assertThat(SourceDeletePlanner.plan(DELTA, rows, false)).filteredOn(i -> i.sourceId().equals("P-1"))
                .singleElement().satisfies(i -> assertThat(i.publish()).isTrue());
    }
}
