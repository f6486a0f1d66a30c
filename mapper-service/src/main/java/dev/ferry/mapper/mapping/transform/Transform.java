package dev.ferry.mapper.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a field's transform chain in the mapping spec. Steps take and return JSON values; a null value means
 * "no value" and passes through every step unchanged except {@code join}. A step that cannot make sense of its input
 * answers {@link TransformResult#invalid}, naming a rule and a reason that never quote the input.
 */
public interface Transform {

    /** The name the spec uses. */
    String name();

    /** Whether the step needs the target account's metadata (lookups, dropdown choices). */
    default boolean needsTarget() {
        return false;
    }

    /** The Freshsales field type this step's output suggests, for the field-creation checklist; null if none. */
    default String suggestsType() {
        return null;
    }

    /**
     * The fixed set of values this step can produce (a translation table's target names), for the map proposal's
     * pick-list check; empty when the output is not a fixed set.
     */
    default java.util.List<String> values() {
        return java.util.List.of();
    }

    TransformResult apply(JsonNode value, TransformContext context);
}
