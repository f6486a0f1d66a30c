package dev.ferry.extractor.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * What the extractor keeps of a published record: its id, the {@code updated_at} it was read with, and whether the
 * source marked it deleted. Never any content.
 *
 * @param updatedAt null when the source sent none or an unreadable one
 */
public record RecordKey(String sourceId, Instant updatedAt, boolean deleted) {

    /** The record's id as text (ids are opaque strings; a tenant sending numbers still works), or null. */
    public static String idOf(ObjectNode record) {
        JsonNode id = record.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return null;
        }
        String text = id.asText();
        return text.isBlank() ? null : text;
    }

    /** {@code updated_at} as an instant; ISO-8601 with an offset (or Z), as the contract has it. */
    public static Instant updatedAtOf(ObjectNode record) {
        JsonNode v = record.get("updated_at");
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static boolean deletedOf(ObjectNode record) {
        return record.path("deleted").asBoolean(false);
    }

    /** The key of a record, or null when it has no usable id. */
    public static RecordKey of(ObjectNode record) {
        String id = idOf(record);
        return id == null ? null : new RecordKey(id, updatedAtOf(record), deletedOf(record));
    }

    /** The prefix of the name a record without an id is published under. */
    public static final String UNIDENTIFIED_PREFIX = "no-id-";

    /**
     * The key of a record that has no usable id (issue 8, hole 5): named {@code no-id-} and the first 16 hex digits
     * of the SHA-256 of what is published of it, so reading the same page again names it the same, and the mapper
     * ends it {@code REJECTED id.missing} instead of it vanishing from the manifest.
     */
    public static RecordKey unidentified(ObjectNode record) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(record.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return new RecordKey(UNIDENTIFIED_PREFIX + java.util.HexFormat.of().formatHex(digest, 0, 8),
                updatedAtOf(record), deletedOf(record));
    }
}
