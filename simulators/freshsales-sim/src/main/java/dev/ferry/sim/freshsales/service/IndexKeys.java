package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.store.RecordCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The values a record contributes to each value index. E-mails and names compare case-insensitively,
 * everything else exactly (after trimming).
 */
public final class IndexKeys {

    /** Indexes every table of that module keeps from the start. */
    public static Set<String> eager(String module) {
        return switch (module) {
            case "contacts" -> Set.of("email", "mobile_number", "cf_dentes_id");
            case "leads" -> Set.of("email");
            case "sales_accounts" -> Set.of("name", "cf_dentes_id");
            default -> Set.of("cf_dentes_id");
        };
    }

    private IndexKeys() {
    }

    public static String normalize(String field, String value) {
        String v = value.trim();
        return "email".equals(field) || "name".equals(field) ? v.toLowerCase(Locale.ROOT) : v;
    }

    /** Keys of one field for a stored document. */
    public static List<String> of(String field, ObjectNode doc) {
        List<String> out = new ArrayList<>(1);
        if (doc == null) {
            return out;
        }
        if ("email".equals(field)) {
            for (JsonNode e : doc.path("emails")) {
                out.add(normalize(field, e.path("value").asText()));
            }
            if (doc.path("email").isTextual()) {
                out.add(normalize(field, doc.get("email").asText()));
            }
            return out;
        }
        JsonNode v = field.startsWith("cf_") ? doc.path("custom_field").path(field) : doc.path(field);
        if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
            out.add(normalize(field, v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText()));
        }
        return out;
    }

    /** Keys of every listed field. */
    public static Map<String, List<String>> of(Set<String> fields, ObjectNode doc) {
        Map<String, List<String>> m = new HashMap<>();
        for (String f : fields) {
            m.put(f, of(f, doc));
        }
        return m;
    }

    public static java.util.function.Function<byte[], List<String>> extractor(String field) {
        return bytes -> of(field, RecordCodec.decode(bytes));
    }
}
