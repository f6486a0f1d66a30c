package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.sim.freshsales.model.FieldKind;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value a system field of a scalar kind stores, read from what a client sent: the same coercions and refusals
 * as the real service (numbers as text, booleans as text, comma-separated tags, dates in the account's offset).
 * Fields that refer to other records or selectors, and the link lists, need the account's data and stay in
 * {@link RecordValidator}.
 */
final class SystemFieldValues {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SystemFieldValues() {
    }

    /** Whether {@code kind} is read here, without looking at any other record. */
    static boolean isScalar(FieldKind kind) {
        return switch (kind) {
            case TEXT, NUMBER, INTEGER, BOOLEAN, DATE, DATETIME, ARRAY, OBJECT, TAGS, MULTI_SELECT, LONG,
                    PIPELINE, STAGE, TARGET_ID, TASK_STATUS -> true;
            default -> false;
        };
    }

    /**
     * The stored form of {@code v} for field {@code name} of scalar {@code kind}, or empty after adding the refusal to
     * {@code errors}.
     */
    static Optional<JsonNode> read(FieldKind kind, String name, JsonNode v, ZoneOffset offset,
            List<ApiException.Msg> errors) {
        JsonNode stored = switch (kind) {
            case TEXT -> v.isTextual() || v.isNumber() ? F.textNode(v.asText()) : null;
            case NUMBER -> {
                BigDecimal d = number(v);
                yield d == null ? null : F.numberNode(d);
            }
            case INTEGER -> {
                BigDecimal d = number(v);
                yield d == null || d.stripTrailingZeros().scale() > 0 ? null : F.numberNode(d.longValue());
            }
            case BOOLEAN -> {
                Boolean b = bool(v);
                yield b == null ? null : F.booleanNode(b);
            }
            case DATE -> {
                if (!v.isTextual()) {
                    yield null;
                }
                String d = Times.parseDate(v.asText());
                yield d == null ? refuse(errors, "value.date", name) : F.textNode(d);
            }
            case DATETIME -> {
                if (!v.isTextual()) {
                    yield null;
                }
                Long t = Times.parseDateTime(v.asText(), offset);
                yield t == null ? refuse(errors, "value.datetime", name) : F.numberNode(t);
            }
            case ARRAY -> v.isArray() ? v : null;
            case OBJECT -> v.isObject() ? v : null;
            case TAGS -> tags(v);
            case MULTI_SELECT -> multiSelect(v);
            case LONG, PIPELINE, STAGE, TARGET_ID -> {
                Long id = id(v);
                yield id == null ? null : F.numberNode(id);
            }
            case TASK_STATUS -> {
                BigDecimal d = number(v);
                yield d == null || !(d.intValue() == 0 || d.intValue() == 1) || d.stripTrailingZeros().scale() > 0
                        ? refuse(errors, "field.invalid", name) : F.numberNode(d.intValue());
            }
            default -> throw new IllegalArgumentException(kind + " is not a scalar kind");
        };
        if (stored == null) {
            errors.add(new ApiException.Msg("type.invalid", name));
            return Optional.empty();
        }
        if (stored == REFUSED) {
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    /** Marks a value refused with its own message (not {@code type.invalid}). */
    private static final JsonNode REFUSED = F.missingNode();

    private static JsonNode refuse(List<ApiException.Msg> errors, String key, String name) {
        errors.add(new ApiException.Msg(key, name));
        return REFUSED;
    }

    private static JsonNode tags(JsonNode v) {
        ArrayNode tags = F.arrayNode();
        if (v.isTextual()) {
            for (String t : v.asText().split(",")) {
                if (!t.isBlank()) {
                    tags.add(t.trim());
                }
            }
            return tags;
        }
        if (!v.isArray()) {
            return null;
        }
        for (JsonNode t : v) {
            if (!t.isTextual()) {
                return null;
            }
            tags.add(t.asText());
        }
        return tags;
    }

    private static JsonNode multiSelect(JsonNode v) {
        if (v.isTextual()) {
            return F.textNode(v.asText());
        }
        if (!v.isArray()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        v.forEach(p -> parts.add(p.asText()));
        return F.textNode(String.join(";", parts));
    }

    static Long id(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().trim().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText().trim());
        }
        return null;
    }

    static BigDecimal number(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Boolean bool(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && ("true".equalsIgnoreCase(v.asText()) || "false".equalsIgnoreCase(v.asText()))) {
            return Boolean.parseBoolean(v.asText());
        }
        return null;
    }
}
