package dev.ferry.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.audit.service.RollbackPlanner.Action;
import dev.ferry.audit.service.RollbackPlanner.Item;
import dev.ferry.audit.service.RollbackPlanner.LedgerRow;
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

class RollbackPlannerTest {

    private static final String RUN = "run-1";
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

    private static LedgerRow row(SourceResource r, String id, FreshsalesTarget t, OutcomeKind kind, Long fsId,
            int second, ObjectNode image) {
        return new LedgerRow(CommandIds.of(RUN, r, id, 0, "UPSERT") + "-" + second, kind, r, id, 0, t, fsId,
                T0.plusSeconds(second), image);
    }

    private static ObjectNode image(String field, String value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(field, value);
        return o;
    }

    private static Item only(List<Item> plan, String sourceId) {
        return plan.stream().filter(i -> i.sourceId().equals(sourceId)).findFirst().orElseThrow();
    }

    @Test
    void createdIsDeletedUpdatedIsRestoredAndTheRestIsLeftAloneWithItsReason() {
        List<LedgerRow> rows = List.of(
                row(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 11L, 1, null),
                row(SourceResource.CLINICS, "C-1", FreshsalesTarget.SALES_ACCOUNT, OutcomeKind.UPDATED, 12L, 2,
                        image("city", "Before")),
                row(SourceResource.CLINICS, "C-2", FreshsalesTarget.SALES_ACCOUNT, OutcomeKind.UPDATED, 13L, 3, null),
                row(SourceResource.PATIENTS, "P-2", FreshsalesTarget.CONTACT, OutcomeKind.UNCHANGED, 14L, 4, null),
                row(SourceResource.PATIENTS, "P-3", FreshsalesTarget.CONTACT, OutcomeKind.REJECTED, null, 5, null));

        List<Item> plan = RollbackPlanner.plan(RUN, rows, false);

        assertThat(only(plan, "P-1")).satisfies(i -> {
            assertThat(i.action()).isEqualTo(Action.DELETE);
            assertThat(i.publish()).isTrue();
            assertThat(i.commandId()).isEqualTo(RollbackAddress.commandId(RUN, SourceResource.PATIENTS, "P-1", 0,
                    CommandKind.DELETE, false));
        });
        assertThat(only(plan, "C-1")).satisfies(i -> {
            assertThat(i.action()).isEqualTo(Action.RESTORE);
            assertThat(i.fields()).containsExactly("city");
            assertThat(i.image().path("city").asText()).isEqualTo("Before");
        });
        assertThat(only(plan, "C-2").publish()).isFalse();
        assertThat(only(plan, "C-2").reason()).contains("existed before Ferry");
        assertThat(only(plan, "P-2").publish()).isFalse();
        assertThat(only(plan, "P-3").publish()).isFalse();
    }

    @Test
    void childrenComeBeforeParentsAndProductsLast() {
        List<LedgerRow> rows = List.of(
                row(SourceResource.PRODUCTS, "T-1", FreshsalesTarget.PRODUCT, OutcomeKind.CREATED, 1L, 1, null),
                row(SourceResource.CLINICS, "C-1", FreshsalesTarget.SALES_ACCOUNT, OutcomeKind.CREATED, 2L, 2, null),
                row(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 3L, 3, null),
                row(SourceResource.TREATMENT_CASES, "K-1", FreshsalesTarget.DEAL, OutcomeKind.CREATED, 4L, 4, null),
                row(SourceResource.CLINICAL_NOTES, "N-1", FreshsalesTarget.NOTE, OutcomeKind.CREATED, 5L, 5, null),
                row(SourceResource.RECALLS, "R-1", FreshsalesTarget.TASK, OutcomeKind.CREATED, 6L, 6, null));

        List<Item> plan = RollbackPlanner.plan(RUN, rows, false);

        assertThat(plan).extracting(Item::target).containsExactly(FreshsalesTarget.NOTE, FreshsalesTarget.TASK,
                FreshsalesTarget.DEAL, FreshsalesTarget.CONTACT, FreshsalesTarget.SALES_ACCOUNT,
                FreshsalesTarget.PRODUCT);
        assertThat(plan).extracting(Item::level).containsExactly(0, 0, 1, 2, 3, 4);
    }

    @Test
    void theEarliestBeforeImageOfTheRunWinsFieldByField() {
        List<LedgerRow> rows = List.of(
                row(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, OutcomeKind.UPDATED, 11L, 1,
                        image("last_name", "Original")),
                row(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, OutcomeKind.UPDATED, 11L, 2,
                        image("last_name", "Between").put("city", "Old city")));

        Item i = only(RollbackPlanner.plan(RUN, rows, false), "P-1");

        assertThat(i.image().path("last_name").asText()).isEqualTo("Original");
        assertThat(i.image().path("city").asText()).isEqualTo("Old city");
    }

    @Test
    void anUpdateOntoARecordThisRollbackDeletesIsNotRestored() {
        List<LedgerRow> rows = List.of(
                row(SourceResource.TREATMENT_CASES, "K-1", FreshsalesTarget.DEAL, OutcomeKind.CREATED, 40L, 1, null),
                row(SourceResource.BILLING_RECORDS, "B-1", FreshsalesTarget.DEAL, OutcomeKind.UPDATED, 40L, 2,
                        image("cf_insurance", "x")));

        Item billing = only(RollbackPlanner.plan(RUN, rows, false), "B-1");

        assertThat(billing.publish()).isFalse();
        assertThat(billing.reason()).contains("deleted by this rollback");
    }

    @Test
    void aSecondRollbackIssuesNothingAndDriftIsIssuedAgainOnlyWhenForced() {
        List<LedgerRow> rows = new ArrayList<>(List.of(
                row(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 11L, 1, null),
                row(SourceResource.PATIENTS, "P-2", FreshsalesTarget.CONTACT, OutcomeKind.CREATED, 12L, 2, null)));
        rows.add(new LedgerRow(RollbackAddress.commandId(RUN, SourceResource.PATIENTS, "P-1", 0, CommandKind.DELETE,
                false), OutcomeKind.DELETED, SourceResource.PATIENTS, "P-1", 0, FreshsalesTarget.CONTACT, 11L,
                T0.plusSeconds(10), null));
        rows.add(new LedgerRow(RollbackAddress.commandId(RUN, SourceResource.PATIENTS, "P-2", 0, CommandKind.DELETE,
                false), OutcomeKind.SKIPPED, SourceResource.PATIENTS, "P-2", 0, FreshsalesTarget.CONTACT, 12L,
                T0.plusSeconds(11), null));

        List<Item> again = RollbackPlanner.plan(RUN, rows, false);
        assertThat(again).noneMatch(Item::publish);
        assertThat(only(again, "P-1").reason()).isEqualTo("already rolled back");
        assertThat(only(again, "P-2").reason()).contains("drift");

        List<Item> forced = RollbackPlanner.plan(RUN, rows, true);
        assertThat(only(forced, "P-1").publish()).isFalse();
        assertThat(only(forced, "P-2")).satisfies(i -> {
            assertThat(i.publish()).isTrue();
            assertThat(i.force()).isTrue();
            assertThat(i.commandId()).isEqualTo(RollbackAddress.commandId(RUN, SourceResource.PATIENTS, "P-2", 0,
                    CommandKind.DELETE, true));
        });
    }

    @Test
    void theEtaCountsTheMinuteAndTheHourAllowance() {
        assertThat(RollbackService.etaSeconds(0, 400, 5000)).isZero();
        assertThat(RollbackService.etaSeconds(400, 400, 5000)).isEqualTo(60);
        assertThat(RollbackService.etaSeconds(6000, 400, 5000)).as("1000 calls wait for the second hour")
                .isEqualTo(3600 + 150);
    }
}
