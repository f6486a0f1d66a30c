package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.LiveRecords;
import dev.ferry.contracts.FerryJson;
import org.junit.jupiter.api.Test;

class LiveRecordsTest {

    @Test
    void recordsInTheRecycleBinAreNotLiveAndModulesAreKeptApart() throws Exception {
        JsonNode state = FerryJson.mapper().readTree("""
                {"contacts": [{"id": 1, "is_deleted": false}, {"id": 2, "is_deleted": true}, {"id": 3}],
                 "sales_accounts": [{"id": 1}],
                 "meta": {"not": "a module"}}""");

        assertThat(LiveRecords.of(state)).containsExactly("contacts/1", "contacts/3", "sales_accounts/1");
        assertThat(LiveRecords.byKey(state).get("contacts/3").path("id").asLong()).isEqualTo(3);
    }
}
