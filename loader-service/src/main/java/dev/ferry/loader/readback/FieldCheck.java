package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One mapped field of one sampled record, compared.
 *
 * @param field the target path: {@code first_name}, or {@code custom_field.cf_dentes_id} for a custom field
 * @param verdict equal, different or missing
 * @param expected what the confirmed map promises (may hold patient data: only for reports behind a role)
 * @param actual what Freshsales holds; null when missing
 */
public record FieldCheck(String field, FieldVerdict verdict, JsonNode expected, JsonNode actual) {
}
