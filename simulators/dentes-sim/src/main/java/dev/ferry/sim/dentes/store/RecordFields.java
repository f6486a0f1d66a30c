package dev.ferry.sim.dentes.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The three fields the index needs from a record line (id, updated_at, deleted), read with Jackson's streaming
 * parser so that large notes are skipped over rather than materialised.
 */
public record RecordFields(String id, long updatedAtMillis, boolean deleted) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    public static RecordFields read(byte[] buf, int from, int len) throws IOException {
        String id = null;
        String updatedAt = null;
        boolean deleted = false;
        try (JsonParser p = JSON.createParser(buf, from, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a record must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "updated_at" -> updatedAt = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "deleted" -> deleted = value == JsonToken.VALUE_TRUE;
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending input, which is patient data: report the position only.
            throw new IOException("not valid JSON near column " + e.getLocation().getColumnNr());
        }
        if (id == null || id.isBlank()) {
            throw new IOException("record without an id");
        }
        if (updatedAt == null) {
            throw new IOException("record " + id + " has no updated_at");
        }
        return new RecordFields(id, parseInstantMillis(updatedAt, id), deleted);
    }

    private static long parseInstantMillis(String iso, String id) throws IOException {
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IOException("record " + id + " has an updated_at that is not ISO-8601 with offset", e);
        }
    }
}
