package dev.ferry.mapper.mapping.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.mapper.mapping.transform.Transform;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One target field of a mapping: where its value comes from (one source path, several joined, a constant, or a
 * reference to another source record), the transform chain, and what happens when the value is missing or invalid.
 *
 * @param to the target path: a Freshsales field ({@code mobile_number}) or {@code custom_field.cf_*}
 * @param from the source paths; more than one gives the chain a list
 * @param constant a fixed value (text or list of texts) instead of a source path
 * @param transforms the chain, applied in order
 * @param required the rule that rejects the record when the value ends up empty, or null
 * @param onInvalid what an invalid value does: reject the record, or leave the field out with a note
 * @param essential sent even when the target account lacks the custom field (the checklist then marks it blocking)
 * @param reference a typed reference instead of a value
 */
public record FieldRule(
        String to,
        List<SourcePath> from,
        JsonNode constant,
        List<Transform> transforms,
        String required,
        OnInvalid onInvalid,
        boolean essential,
        ReferenceRule reference) {

    public static final String CUSTOM_FIELD = "custom_field";

    /** What an invalid value does to the record. */
    public enum OnInvalid { REJECT, DROP }

    public FieldRule {
        from = from == null ? List.of() : List.copyOf(from);
        transforms = transforms == null ? List.of() : List.copyOf(transforms);
    }

    /** The source value: one path's value, a list of several paths' values, or the constant. Null for no value. */
    public JsonNode read(JsonNode record) {
        if (constant != null) {
            return constant;
        }
        if (from.size() == 1) {
            return from.get(0).read(record);
        }
        var list = JsonNodeFactory.instance.arrayNode();
        from.forEach(p -> list.add(p.read(record)));
        return list;
    }

    /** The source field(s) named in messages, e.g. {@code mobile_phone} or {@code address.line1+address.line2}. */
    public String sourceLabel() {
        if (reference != null) {
            return reference.from().dotted();
        }
        if (from.isEmpty()) {
            return to;
        }
        return from.stream().map(SourcePath::dotted).collect(Collectors.joining("+"));
    }

    public boolean isCustomField() {
        return to.startsWith(CUSTOM_FIELD + ".");
    }

    /** The field's name as Freshsales lists it: {@code cf_treatment_type} for {@code custom_field.cf_treatment_type}. */
    public String targetName() {
        return isCustomField() ? to.substring(CUSTOM_FIELD.length() + 1) : to;
    }

    public boolean needsTarget() {
        return transforms.stream().anyMatch(Transform::needsTarget);
    }

    /** The Freshsales field type the checklist proposes for this field: the last step that suggests one, else text. */
    public String proposedType() {
        String type = "text";
        for (Transform t : transforms) {
            if (t.suggestsType() != null) {
                type = t.suggestsType();
            }
        }
        return type;
    }
}
