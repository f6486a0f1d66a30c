package dev.ferry.loader.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which of the fields Ferry wrote no longer hold what it wrote: a person changed them in Freshsales since (drift).
 *
 * <p>What Ferry writes and what Freshsales reads back are not always the same shape (an e-mail sent as a string comes
 * back as a list of addresses; a date with another offset; a number as a string; write-only fields such as a deal's
 * {@code contacts_added_list} not at all), so the comparison is deliberately lenient in shape and strict in value: a
 * field the read record does not show cannot be compared and is not drift; a custom field is compared one by one
 * ({@code custom_field.cf_x}); a value sent as a scalar matches a list that holds it; an object or list item sent
 * matches when every key the read item shows holds the value sent. Returns field names only, never values.
 */
public final class DriftCheck {

    private static final String CUSTOM_FIELDS = "custom_field";

    private DriftCheck() {
    }

    /**
     * @param written the fields Ferry last wrote (bound: ids, not references)
     * @param current the record as Freshsales holds it now
     * @return the names of the written fields whose value differs now ({@code custom_field.<name>} for custom fields)
     */
    public static List<String> changedFields(ObjectNode written, ObjectNode current) {
        List<String> changed = new ArrayList<>();
        if (written == null || current == null) {
            return changed;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (CUSTOM_FIELDS.equals(name) && e.getValue().isObject()) {
                JsonNode now = current.path(CUSTOM_FIELDS);
                if (!now.isObject()) {
                    continue;
                }
                e.getValue().fields().forEachRemaining(c -> {
                    if (now.has(c.getKey()) && !same(c.getValue(), now.get(c.getKey()))) {
                        changed.add(CUSTOM_FIELDS + "." + c.getKey());
                    }
                });
                continue;
            }
            if (current.has(name) && !same(e.getValue(), current.get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /**
     * Whether the record already holds every value of {@code image} (a restore that landed before its answer was
     * lost): each field must be there and equal; a field the record does not show counts only when the image clears
     * it.
     */
    public static boolean holdsAll(ObjectNode image, ObjectNode current) {
        if (image == null || current == null) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = image.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (CUSTOM_FIELDS.equals(e.getKey()) && e.getValue().isObject()) {
                JsonNode now = current.path(CUSTOM_FIELDS);
                for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> ce = c.next();
                    if (!holds(ce.getValue(), now.path(ce.getKey()))) {
                        return false;
                    }
                }
            } else if (!holds(e.getValue(), current.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(JsonNode wanted, JsonNode now) {
        if (now.isMissingNode()) {
            return empty(wanted);
        }
        return same(wanted, now);
    }

    /** Whether the value read back ({@code now}) still holds the value sent ({@code sent}). */
    static boolean same(JsonNode sent, JsonNode now) {
        if (empty(sent) || empty(now)) {
            return empty(sent) && empty(now);
        }
        if (sent.isValueNode() && now.isValueNode()) {
            return scalarEqual(sent, now);
        }
        if (sent.isValueNode() && now.isArray()) {
            // "emails": "a@b" is read back as [{"value": "a@b", ...}] or ["a@b"].
            for (JsonNode item : now) {
                if (same(sent, item.isObject() && item.has("value") ? item.get("value") : item)) {
                    return true;
                }
            }
            return false;
        }
        if (sent.isObject() && now.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (now.has(e.getKey()) && !same(e.getValue(), now.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (sent.isArray() && now.isArray()) {
            for (JsonNode item : sent) {
                boolean found = false;
                for (JsonNode candidate : now) {
                    if (same(item, candidate)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        // A list sent and an object read back (or the reverse): shapes this check does not know; not drift.
        return true;
    }

    private static boolean empty(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isEmpty())
                || (n.isArray() && n.isEmpty());
    }

    private static boolean scalarEqual(JsonNode a, JsonNode b) {
        String x = a.asText();
        String y = b.asText();
        if (x.equals(y)) {
            return true;
        }
        BigDecimal dx = decimal(x);
        BigDecimal dy = decimal(y);
        if (dx != null && dy != null) {
            return dx.compareTo(dy) == 0;
        }
        // A time written with one offset is read back in the account's own.
        try {
            return OffsetDateTime.parse(x).toInstant().equals(OffsetDateTime.parse(y).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
