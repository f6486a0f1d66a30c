package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResourceAndTargetTest {

    @Test
    void thirteenRecordResourcesPlusTheModuleDefinitions() {
        assertThat(SourceResource.recordResources()).hasSize(13).doesNotContain(SourceResource.CUSTOM_MODULES);
        assertThat(Arrays.stream(SourceResource.values()).map(SourceResource::path).distinct()).hasSize(14);
    }

    @Test
    void rawTopicsFollowTheArchitecture() {
        assertThat(SourceResource.TREATMENT_CASES.rawTopic()).isEqualTo("dentes.raw.treatment-cases");
        assertThat(SourceResource.fromPath("clinical-notes")).isEqualTo(SourceResource.CLINICAL_NOTES);
        assertThat(SourceResource.fromPath("PATIENTS")).isEqualTo(SourceResource.PATIENTS);
        assertThatThrownBy(() -> SourceResource.fromPath("dentists")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetsKnowTheirRootKeysAndWritePaths() {
        assertThat(FreshsalesTarget.CONTACT.rootKey(null)).isEqualTo("contact");
        assertThat(FreshsalesTarget.CUSTOM_MODULE_RECORD.rootKey("cm_lab_work")).isEqualTo("cm_lab_work");
        assertThat(FreshsalesTarget.PRODUCT.path()).isEqualTo("cpq/products");
        assertThat(FreshsalesTarget.SALES_ACCOUNT.supportsBulkUpsert()).isTrue();
        assertThat(FreshsalesTarget.NOTE.supportsUpsert()).isFalse();
        assertThat(FreshsalesTarget.fromPath("sales_activities")).isEqualTo(FreshsalesTarget.SALES_ACTIVITY);
    }

    @Test
    void customModuleRecordsAreWrittenIdempotentlyUnderAnEntityNameThatCannotLeaveItsPath() {
        assertThat(FreshsalesTarget.CUSTOM_MODULE_RECORD.idempotentByIdentifier()).isTrue();
        assertThat(FreshsalesTarget.NOTE.idempotentByIdentifier()).isFalse();
        assertThat(FreshsalesTarget.isCustomModuleEntity("cm_imaging_record")).isTrue();
        assertThat(FreshsalesTarget.isCustomModuleEntity("cm_x2")).isTrue();
        for (String bad : new String[] {null, "", "cm_", "imaging_record", "cm_Imaging", "cm_a/../contacts", "cm_a b",
            "cm_a?x=1"}) {
            assertThat(FreshsalesTarget.isCustomModuleEntity(bad)).as(bad).isFalse();
        }
    }

    @Test
    void everyOutcomeOfARecordSharesOneKey() {
        // Regression: the mapper keyed outcomes by source id and the loader by resource/id, so one record's outcomes
        // could land on different partitions out of order.
        assertThat(Topics.outcomeKey(SourceResource.PATIENTS, "P-000123")).isEqualTo("patients/P-000123");
        assertThat(Topics.outcomeKey(SourceResource.CLINICS, "P-000123"))
                .isNotEqualTo(Topics.outcomeKey(SourceResource.PATIENTS, "P-000123"));
    }

    @Test
    void onlyDeferredIsNotTerminal() {
        assertThat(Arrays.stream(OutcomeKind.values()).filter(k -> !k.isTerminal()))
                .containsExactly(OutcomeKind.DEFERRED);
        assertThat(OutcomeKind.REJECTED.isSuccess()).isFalse();
        assertThat(OutcomeKind.UNCHANGED.isSuccess()).isTrue();
    }

    @Test
    void referencesAreFoundWhereverTheySitAndOnlyThere() {
        ObjectNode fields = FerryJson.mapper().createObjectNode();
        fields.set("parent_sales_account_id", TypedRef.optional(SourceResource.CLINICS, "C-1").toNode());
        fields.putArray("contacts_added_list").add(TypedRef.required(SourceResource.PATIENTS, "P-1").toNode());
        fields.putObject("custom_field").set("cf_a/b", TypedRef.required(SourceResource.PRODUCTS, "X").toNode());
        // look-alikes that are not references
        fields.putObject("not_a_ref").put("ref", "text");
        fields.putObject("two_keys").put("x", 1).putObject("ref").put("resource", "clinics").put("id", "C-2");

        assertThat(LoadCommandsFor.refs(fields)).containsExactly(
                "/parent_sales_account_id=clinics:C-1?optional",
                "/contacts_added_list/0=patients:P-1",
                "/custom_field/cf_a~1b=products:X");
        JsonNode optionalNode = fields.get("parent_sales_account_id");
        assertThat(optionalNode.toString()).isEqualTo("{\"ref\":{\"resource\":\"clinics\",\"id\":\"C-1\",\"optional\":true}}");
        assertThatThrownBy(() -> TypedRef.required(SourceResource.CLINICS, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Flattens found references into comparable strings. */
    private static final class LoadCommandsFor {
        static java.util.List<String> refs(JsonNode fields) {
            return TypedRef.findAll(fields).stream()
                    .map(l -> l.pointer() + "=" + l.ref().resource().path() + ":" + l.ref().id()
                            + (l.ref().optional() ? "?optional" : ""))
                    .toList();
        }
    }
}
