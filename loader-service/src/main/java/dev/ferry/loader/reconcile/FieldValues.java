package dev.ferry.loader.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One drifted field with its values: only for a caller allowed to see patient data ({@code ferry-auditor}), never
 * logged.
 *
 * @param field {@code last_name}, or {@code custom_field.cf_x}
 * @param expected what Ferry last wrote
 * @param actual what Freshsales holds now
 */
public record FieldValues(String field, JsonNode expected, JsonNode actual) {
}
