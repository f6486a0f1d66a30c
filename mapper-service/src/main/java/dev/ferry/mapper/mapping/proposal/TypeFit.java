package dev.ferry.mapper.mapping.proposal;

import java.util.Map;

/**
 * Whether a Freshsales field of one type can hold a source field's values, 0 (no) to 1 (as is). Text holds anything
 * written as text, but a date or a number kept as text can no longer be filtered or summed, so it scores lower; a
 * dropdown holds text only when every value is one of its choices (judged separately, {@link ProposalBuilder}).
 */
public final class TypeFit {

    private static final Map<String, Map<String, Double>> FIT = Map.of(
            "text", Map.of("text", 1.0, "textarea", 1.0, "dropdown", 0.5, "radio", 0.5),
            "email", Map.of("text", 1.0, "group_field", 1.0, "email", 1.0),
            "phone_number", Map.of("text", 1.0, "phone_number", 1.0),
            "date", Map.of("date", 1.0, "date_time", 0.8, "text", 0.4),
            "date_time", Map.of("date_time", 1.0, "date", 0.8, "text", 0.4),
            "number", Map.of("number", 1.0, "text", 0.4),
            "decimal", Map.of("number", 1.0, "currency", 0.9, "text", 0.4),
            "currency", Map.of("number", 1.0, "currency", 1.0, "text", 0.4),
            "checkbox", Map.of("checkbox", 1.0, "dropdown", 0.4, "text", 0.3),
            "dropdown", Map.of("dropdown", 1.0, "radio", 1.0, "multi_select_dropdown", 0.7, "text", 0.6,
                    "textarea", 0.5));

    private TypeFit() {
    }

    public static double of(String sourceType, String targetType) {
        if (targetType == null) {
            return 0;
        }
        return FIT.getOrDefault(sourceType, FIT.get("text")).getOrDefault(targetType, 0.0);
    }
}
