package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.bench.table.CallCounts;
import dev.ferry.bench.table.EndpointKind;
import dev.ferry.bench.table.ObjectCalls;
import dev.ferry.contracts.FerryJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallCountsTest {

    @Test
    void theSandboxsCountsBecomeRowsPerObject() throws Exception {
        JsonNode summary = FerryJson.mapper().readTree("""
                {"total": 19, "rateLimited": 1, "byObject": {
                  "contacts": {"total": 9, "byEndpoint": {
                    "POST /crm/sales/api/contacts/bulk_upsert": {"total": 2},
                    "GET /crm/sales/api/job_statuses/{id}": {"total": 5},
                    "GET /crm/sales/api/lookup": {"total": 2}}},
                  "notes": {"total": 4, "byEndpoint": {
                    "POST /crm/sales/api/notes": {"total": 3},
                    "GET /crm/sales/api/contacts/{id}/notes": {"total": 1}}},
                  "metadata": {"total": 6, "byEndpoint": {"GET /crm/sales/api/selector/{name}": {"total": 6}}}}}
                """);
        JsonNode before = FerryJson.mapper().readTree("""
                {"contacts": [{"id": 1, "is_deleted": false}], "notes": [], "deals": []}
                """);
        JsonNode after = FerryJson.mapper().readTree("""
                {"contacts": [{"id": 1}, {"id": 2}, {"id": 3, "is_deleted": true}, {"id": 4}],
                 "notes": [{"id": 5}, {"id": 6}, {"id": 7}], "deals": [{"id": 8}]}
                """);
        List<ObjectCalls> rows = CallCounts.objects(summary, CallCounts.liveRecords(before), CallCounts.liveRecords(after));
        assertThat(rows).extracting(ObjectCalls::object).containsExactly("contacts", "deals", "notes");
        ObjectCalls contacts = rows.get(0);
        assertThat(contacts.records()).isEqualTo(2); // 3 live after, 1 before; a deleted one is not migrated
        assertThat(contacts.calls(EndpointKind.BULK_SUBMIT)).isEqualTo(2);
        assertThat(contacts.calls(EndpointKind.POLL)).isEqualTo(5);
        assertThat(contacts.calls(EndpointKind.SEARCH)).isEqualTo(2);
        assertThat(rows.get(1).records()).isEqualTo(1);
        assertThat(rows.get(1).total()).isZero(); // written without a call would show as ratio 0, not be hidden
        assertThat(rows.get(2).calls(EndpointKind.WRITE)).isEqualTo(3);
        assertThat(rows.get(2).calls(EndpointKind.SEARCH)).isEqualTo(1);
        assertThat(CallCounts.other(summary)).isEqualTo(Map.of("metadata", 6L));
    }
}
