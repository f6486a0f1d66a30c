package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What of a record leaves the extractor (issue 8, hole 7). */
class FieldProjectionTest {

    private static ObjectNode patient() throws Exception {
        return (ObjectNode) FerryJson.mapper().readTree("""
                {"id": "P-1", "updated_at": "2025-01-01T00:00:00Z", "deleted": false, "first_name": "Ayşe",
                 "national_id": "12345678901", "address": {"city": "İzmir"}, "custom_fields": {"x": 1}}""");
    }

    @Test
    void onlyTheFieldsTheMappingReadsAndTheKeyFieldsArePublished() throws Exception {
        FieldProjection projection = FieldProjection.of(Map.of(SourceResource.PATIENTS,
                Set.of("first_name", "address", "custom_fields")));

        ObjectNode out = projection.apply(SourceResource.PATIENTS, List.of(patient())).get(0);

        assertThat(out.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "updated_at", "deleted",
                "first_name", "address", "custom_fields");
        assertThat(out.toString()).doesNotContain("12345678901");
        assertThat(out.at("/address/city").asText()).as("a kept object keeps its inside").isEqualTo("İzmir");
    }

    @Test
    void aResourceTheMappingDoesNotNameKeepsOnlyItsKey() throws Exception {
        FieldProjection projection = FieldProjection.of(Map.of(SourceResource.CLINICS, Set.of("name")));

        ObjectNode out = projection.apply(SourceResource.PATIENTS, List.of(patient())).get(0);

        assertThat(out.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "updated_at", "deleted");
    }

    @Test
    void allLeavesRecordsWhole() throws Exception {
        assertThat(FieldProjection.all().apply(SourceResource.PATIENTS, List.of(patient())).get(0).has("national_id"))
                .isTrue();
    }
}
