package dev.ferry.loader.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

    private static ObjectNode json(String s) {
        try {
            return (ObjectNode) FerryJson.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aRecordThatStillHoldsWhatFerryWroteHasNoDriftWhateverShapeFreshsalesReadsItBackIn() {
        ObjectNode written = json("""
                {"first_name": "A", "emails": "a@example.test", "owner_id": 7, "amount": "12.50",
                 "due_date": "2020-03-01T09:00:00+03:00", "sales_accounts": [{"id": 5, "is_primary": true}],
                 "contacts_added_list": [1, 2], "custom_field": {"cf_dentes_id": "P-1", "cf_months": 6}}""");
        ObjectNode current = json("""
                {"id": 9, "first_name": "A", "emails": [{"id": 1, "value": "a@example.test", "is_primary": true}],
                 "owner_id": "7", "amount": 12.5, "due_date": "2020-03-01T06:00:00Z",
                 "sales_accounts": [{"id": 5, "name": "Clinic", "is_primary": true}],
                 "custom_field": {"cf_dentes_id": "P-1", "cf_months": "6", "cf_other": "x"}, "updated_at": "now"}""");

        assertThat(DriftCheck.changedFields(written, current)).isEmpty();
    }

    @Test
    void aFieldAPersonChangedIsNamedAndNeverItsValue() {
        ObjectNode written = json("""
                {"last_name": "Old", "custom_field": {"cf_dentes_id": "P-1", "cf_months": 6}, "city": "Izmir"}""");
        ObjectNode current = json("""
                {"last_name": "Edited", "custom_field": {"cf_dentes_id": "P-1", "cf_months": 12}, "city": null}""");

        assertThat(DriftCheck.changedFields(written, current))
                .containsExactly("last_name", "custom_field.cf_months", "city");
    }

    @Test
    void aFieldFreshsalesDoesNotShowCannotBeComparedAndIsNoDrift() {
        assertThat(DriftCheck.changedFields(json("{\"products\": [{\"product_id\": 1}], \"x\": 1}"), json("{}")))
                .isEmpty();
    }

    @Test
    void aRecordHoldsItsBeforeImageOnlyWhenEveryFieldIsThereAndEqual() {
        ObjectNode image = json("{\"last_name\": \"A\", \"city\": null, \"custom_field\": {\"cf_months\": 6}}");

        assertThat(DriftCheck.holdsAll(image, json("{\"last_name\": \"A\", \"custom_field\": {\"cf_months\": \"6\"}}")))
                .as("a cleared field may be absent").isTrue();
        assertThat(DriftCheck.holdsAll(image, json("{\"last_name\": \"A\", \"custom_field\": {}}")))
                .as("a custom field the record does not show is not restored yet").isFalse();
        assertThat(DriftCheck.holdsAll(image, json("{\"last_name\": \"B\", \"custom_field\": {\"cf_months\": 6}}")))
                .isFalse();
    }

    @Test
    void aRestoreComparesOnlyTheFieldsItOverwritesAndMergesCustomFieldsOneByOne() {
        ObjectNode written = json("{\"last_name\": \"B\", \"city\": \"X\", \"custom_field\": {\"cf_a\": 1, \"cf_b\": 2}}");
        ObjectNode image = json("{\"last_name\": \"A\", \"custom_field\": {\"cf_b\": null}}");

        assertThat(RollbackExecutor.only(written, image))
                .isEqualTo(json("{\"last_name\": \"B\", \"custom_field\": {\"cf_b\": 2}}"));
        assertThat(RollbackExecutor.merged(written, image))
                .isEqualTo(json("{\"last_name\": \"A\", \"city\": \"X\", \"custom_field\": {\"cf_a\": 1, \"cf_b\": null}}"));
        assertThat(RollbackExecutor.fieldNames(image)).containsExactly("last_name", "custom_field.cf_b");
    }
}
