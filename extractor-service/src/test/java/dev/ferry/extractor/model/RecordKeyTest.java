package dev.ferry.extractor.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the extractor reads of a record to key, count and order it: id, updated_at with offset, deleted flag. */
class RecordKeyTest {

    private static ObjectNode record(String json) {
        return (ObjectNode) FerryJson.decode(json, com.fasterxml.jackson.databind.JsonNode.class);
    }

    @Test
    void readsTheTenantsOffsetTimestampsAsInstants() {
        RecordKey k = RecordKey.of(record("{\"id\": \"P-000123\", \"updated_at\": \"2024-05-01T12:00:00+03:00\","
                + " \"deleted\": true}"));

        assertThat(k).isEqualTo(new RecordKey("P-000123", Instant.parse("2024-05-01T09:00:00Z"), true));
    }

    @Test
    void numericIdsAreKeptAsText() {
        assertThat(RecordKey.of(record("{\"id\": 42}")).sourceId()).isEqualTo("42");
    }

    @Test
    void aRecordWithoutUsableIdHasNoKey() {
        assertThat(RecordKey.of(record("{\"name\": \"x\"}"))).isNull();
        assertThat(RecordKey.of(record("{\"id\": \"  \"}"))).isNull();
        assertThat(RecordKey.of(record("{\"id\": {\"nested\": 1}}"))).isNull();
        assertThat(RecordKey.of(record("{\"id\": null}"))).isNull();
    }

    @Test
    void aMissingOrUnreadableUpdatedAtIsNullNotAnError() {
        assertThat(RecordKey.of(record("{\"id\": \"P-1\"}")).updatedAt()).isNull();
        assertThat(RecordKey.of(record("{\"id\": \"P-1\", \"updated_at\": \"yesterday\"}")).updatedAt()).isNull();
        assertThat(RecordKey.of(record("{\"id\": \"P-1\", \"updated_at\": 1714550400}")).updatedAt()).isNull();
        assertThat(RecordKey.of(record("{\"id\": \"P-1\"}")).deleted()).isFalse();
    }
}
