package dev.ferry.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The primary address of a Freshsales {@code emails} value, as every side reads it: the mapper writing a Classic lead's
 * one {@code email}, the loader finding a contact by its address and comparing a lead in the sample diff. One rule so
 * the three cannot disagree: text is the address; in a list, the entry marked {@code is_primary}, else the first.
 */
public final class PrimaryEmail {

    private PrimaryEmail() {
    }

    /** @return the address, or null when the value holds none (absent, null, an empty list) */
    public static String of(JsonNode emails) {
        if (emails == null || emails.isNull() || emails.isMissingNode()) {
            return null;
        }
        if (emails.isTextual()) {
            return emails.asText();
        }
        if (!emails.isArray() || emails.isEmpty()) {
            return null;
        }
        for (JsonNode e : emails) {
            if (e.isObject() && e.path("is_primary").asBoolean(false)) {
                return e.path("value").asText(null);
            }
        }
        JsonNode first = emails.get(0);
        return first.isObject() ? first.path("value").asText(null) : first.asText(null);
    }
}
