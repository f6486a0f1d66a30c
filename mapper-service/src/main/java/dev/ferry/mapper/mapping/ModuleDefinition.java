package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Dr.DENTES custom module as its definition declares it ({@code custom-modules}): key, cardinality and typed fields.
 * It decides where the module's records go: a {@link Cardinality#ONE_PER_PATIENT} module's values become custom fields
 * of the patient's contact, a {@link Cardinality#MANY_PER_PATIENT} module's records become records of a Freshsales
 * custom module.
 */
public record ModuleDefinition(String sourceId, String key, String name, Cardinality cardinality, List<Field> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many records a patient has of the module. */
    public enum Cardinality { ONE_PER_PATIENT, MANY_PER_PATIENT }

    /** The value types a definition declares. */
    public enum Type { TEXT, NUMBER, DATE, BOOLEAN, CHOICE }

    /** A declared field; {@code choices} only for {@link Type#CHOICE}. */
    public record Field(String key, String label, Type type, List<String> choices) {
    }

    /** What of a definition record the source index keeps, and so what {@link #fromFacts} reads back. */
    public static final List<String> FACTS = List.of("key", "name", "cardinality", "fields");

    public ModuleDefinition {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * Reads a definition from a record's payload (or the facts kept of it, where {@code fields} is JSON text).
     *
     * @return the definition, or empty with {@code problem} told what is wrong (never a value of a record)
     */
    public static Optional<ModuleDefinition> read(String sourceId, JsonNode record, java.util.function.Consumer<String>
            problem) {
        String key = text(record.get("key"));
        if (key == null) {
            problem.accept("has no key");
            return Optional.empty();
        }
        Cardinality cardinality;
        try {
            cardinality = Cardinality.valueOf(String.valueOf(text(record.get("cardinality"))));
        } catch (IllegalArgumentException e) {
            problem.accept("'" + key + "' has no known cardinality (ONE_PER_PATIENT or MANY_PER_PATIENT)");
            return Optional.empty();
        }
        JsonNode fs = record.get("fields");
        if (fs != null && fs.isTextual()) {
            try {
                fs = JSON.readTree(fs.asText());
            } catch (IOException e) {
                fs = null;
            }
        }
        if (fs == null || !fs.isArray()) {
            problem.accept("'" + key + "' has no readable field list");
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : fs) {
            String fk = text(f.get("key"));
            Type type;
            try {
                type = Type.valueOf(String.valueOf(text(f.get("type"))));
            } catch (IllegalArgumentException e) {
                problem.accept("'" + key + "' declares a field " + (fk == null ? "without a key" : "'" + fk + "'")
                        + " of no known type (TEXT, NUMBER, DATE, BOOLEAN, CHOICE)");
                return Optional.empty();
            }
            if (fk == null) {
                problem.accept("'" + key + "' declares a field without a key");
                return Optional.empty();
            }
            List<String> choices = new ArrayList<>();
            f.path("choices").forEach(c -> choices.add(c.asText()));
            fields.add(new Field(fk, text(f.get("label")), type, List.copyOf(choices)));
        }
        return Optional.of(new ModuleDefinition(sourceId, key, text(record.get("name")), cardinality, fields));
    }

    /** A definition from the facts the source index kept of its record. */
    public static Optional<ModuleDefinition> fromFacts(String sourceId, Map<String, String> facts) {
        return read(sourceId, JSON.valueToTree(facts), p -> { });
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText().strip();
    }
}
