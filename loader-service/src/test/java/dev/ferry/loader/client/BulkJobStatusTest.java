package dev.ferry.loader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkJobStatusTest {

    private static JsonNode json(String s) {
        return FerryJson.decode(s, JsonNode.class);
    }

    @Test
    void theDataStringIsDecodedIntoCountsAndPerItemFailures() {
        BulkJobStatus s = BulkJobStatus.parse(json("""
                {"id":70000100009,"status":"SUCCESS","progress":100,"job_type_name":"contacts_bulk_upsert",
                 "created_at":"2025-03-01T06:00:00-04:00","status_updated_at":"2025-03-01T06:00:02-04:00",
                 "data":"{\\"record_status\\":{\\"succeeded\\":4,\\"failed\\":1},\\"detailed_failure_report\\":[{\\"index\\":2,\\"unique_identifier\\":{\\"cf_dentes_id\\":\\"P-3\\"},\\"errors\\":{\\"code\\":400,\\"message\\":[\\"Magic is not a valid value for cf_treatment_type\\"]}}]}"}
                """));
        assertThat(s.finished()).isTrue();
        assertThat(s.progress()).isEqualTo(100);
        assertThat(s.createdAt()).isEqualTo(OffsetDateTime.parse("2025-03-01T06:00:00-04:00"));
        assertThat(s.succeeded()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.failures()).containsExactly(new BulkItemFailure(2, Map.of("cf_dentes_id", "P-3"), 400,
                List.of("Magic is not a valid value for cf_treatment_type")));
        assertThat(s.writtenIds()).isEmpty();
    }

    @Test
    void reportedIdsAreReadByIndexWhenTheServerSendsThem() {
        BulkJobStatus s = BulkJobStatus.parse(json("""
                {"status":"SUCCESS","data":{"record_status":{"succeeded":2,"failed":0},"detailed_failure_report":[],
                 "detailed_success_report":[{"index":0,"id":70000100001,"action":"created"},{"index":1,"id":70000100002}]}}
                """));
        assertThat(s.writtenIds()).containsEntry(0, 70000100001L).containsEntry(1, 70000100002L);
    }

    @Test
    void anythingButSuccessIsNotFinishedAndUnreadableDataIsNoReport() {
        BulkJobStatus pending = BulkJobStatus.parse(json("{\"status\":\"IN_PROGRESS\",\"progress\":40,\"data\":\"{not json\"}"));
        assertThat(pending.finished()).isFalse();
        assertThat(pending.succeeded()).isEqualTo(-1);
        assertThat(pending.failures()).isEmpty();
        assertThat(BulkJobStatus.parse(json("{\"status\":\"success\"}")).finished()).isTrue();
        assertThat(BulkJobStatus.parse(json("{}")).finished()).isFalse();
    }
}
