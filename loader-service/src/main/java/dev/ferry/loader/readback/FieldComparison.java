package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares what the confirmed map promises for one record with what Freshsales holds, field by field. Only the
 * promised fields are compared (Freshsales adds its own: ids, timestamps, links); custom fields one by one.
 *
 * <p>Sameness is semantic where Freshsales reshapes what it stores, never looser: numbers by value ({@code "12.50"}
 * equals {@code 12.5}: currency and number fields come back as numbers), an expected object matches an actual one
 * that holds at least its keys with equal values (an e-mail entry comes back with its own {@code id}), arrays element
 * by element in order, a text against a list of entries as the list's one entry ({@code "emails": "a@b"} comes back as
 * {@code [{"id": 7, "value": "a@b", ...}]}), date-times with offsets by the instant they name (Freshsales answers in the
 * account's zone).
 * Text is compared exactly: a trimmed or reformatted value is a difference an operator must see.
 */
public final class FieldComparison {

    public static final String CUSTOM_FIELDS = "custom_field";

    private FieldComparison() {
    }

    /** Every promised field of the record; {@code actual} null means the record was not found (all missing). */
    public static List<FieldCheck> compare(JsonNode expected, JsonNode actual) {
        return compare(expected, actual, TargetFields.ANY);
    }

    /**
     * Every promised field of the record, on a target that may lack some of them ({@link TargetFields}): a field the
     * module lacks and the record does not hold is {@link FieldVerdict#NOT_APPLICABLE} (one it holds anyway, such as
     * the identifier the mapper always keeps, is compared); an {@code emails} promise on a module with one
     * {@code email} is compared as its primary address.
     */
    public static List<FieldCheck> compare(JsonNode expected, JsonNode actual, TargetFields target) {
        List<FieldCheck> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (CUSTOM_FIELDS.equals(e.getKey()) && e.getValue().isObject()) {
                JsonNode actualCustom = actual == null ? null : actual.path(CUSTOM_FIELDS);
                for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> ce = c.next();
                    out.add(onTarget(CUSTOM_FIELDS + "." + ce.getKey(), ce.getKey(), ce.getValue(),
                            actualCustom == null ? null : actualCustom.get(ce.getKey()), target));
                }
                continue;
            }
            String field = e.getKey();
            JsonNode held = actual == null ? null : actual.get(field);
            if (TargetFields.EMAILS.equals(field) && !target.holds(field) && target.holds(TargetFields.EMAIL)
                    && empty(held)) {
                out.add(check(field, TargetFields.primaryEmail(e.getValue()),
                        actual == null ? null : actual.get(TargetFields.EMAIL)));
            } else {
                out.add(onTarget(field, field, e.getValue(), held, target));
            }
        }
        return out;
    }

    /** One field, unless the module has no such field and the record holds none (then: not applicable). */
    private static FieldCheck onTarget(String path, String name, JsonNode expected, JsonNode actual,
            TargetFields target) {
        if (!target.holds(name) && empty(actual)) {
            return new FieldCheck(path, FieldVerdict.NOT_APPLICABLE, expected, null);
        }
        return check(path, expected, actual);
    }

    static FieldCheck check(String field, JsonNode expected, JsonNode actual) {
        boolean expectedEmpty = empty(expected);
        boolean actualEmpty = empty(actual);
        if (expectedEmpty && actualEmpty) {
            return new FieldCheck(field, FieldVerdict.EQUAL, expected, actual);
        }
        if (actualEmpty) {
            return new FieldCheck(field, FieldVerdict.MISSING, expected, null);
        }
        return new FieldCheck(field, !expectedEmpty && same(expected, actual) ? FieldVerdict.EQUAL
                : FieldVerdict.DIFFERENT, expected, actual);
    }

    private static boolean empty(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isEmpty())
                || (n.isContainerNode() && n.isEmpty());
    }

    static boolean same(JsonNode expected, JsonNode actual) {
        if (empty(expected) || empty(actual)) {
            return empty(expected) && empty(actual);
        }
        BigDecimal a = number(expected);
        BigDecimal b = number(actual);
        if (a != null && b != null && (expected.isNumber() || actual.isNumber())) {
            return a.compareTo(b) == 0;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!same(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isValueNode() && actual.isArray()) {
            // One address written as text ("emails": "a@b") comes back as the list of entries Freshsales keeps: the
            // same only when that list holds exactly the one entry, so an address added twice is a difference.
            return actual.size() == 1 && same(expected, actual.get(0).isObject() ? actual.get(0).get("value")
                    : actual.get(0));
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isValueNode() && actual.isValueNode()) {
            return expected.asText().equals(actual.asText()) || sameInstant(expected.asText(), actual.asText());
        }
        return false;
    }

    /**
     * Two date-times with offsets that name one instant: Freshsales answers in the account's time zone (reference
     * 1.4), so {@code 2016-09-07T02:30:00+03:00} sent comes back as {@code 2016-09-06T23:30:00Z} or another offset.
     * Only full date-times with an offset: a date, or a time without a zone, is compared as text.
     */
    private static boolean sameInstant(String a, String b) {
        if (a.length() < 20 || b.length() < 20 || a.charAt(10) != 'T' || b.charAt(10) != 'T') {
            return false;
        }
        try {
            return java.time.OffsetDateTime.parse(a).toInstant().equals(java.time.OffsetDateTime.parse(b).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** A number, or a text that is exactly one (Freshsales answers some numeric fields as text). */
    private static BigDecimal number(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        if (n.isTextual()) {
            try {
                return new BigDecimal(n.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
