package dev.ferry.mapper.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A transform step's answer: a value (possibly null: no value), or a refusal with the rule it breaks and a reason.
 *
 * @param value the output value, null for "no value"
 * @param rule for a refusal: the rule name ({@code phone.invalid}, ...)
 * @param reason for a refusal: a phrase completing "The &lt;field&gt; ...", never quoting the value
 * @param missingChoice for a refused dropdown value: the value, so the admin can add it as a choice (a list of
 *     distinct codes such as treatment types, never tied to a record in the checklist)
 */
public record TransformResult(JsonNode value, String rule, String reason, String missingChoice) {

    public static TransformResult ok(JsonNode value) {
        return new TransformResult(value == null || value.isNull() || value.isMissingNode() ? null : value,
                null, null, null);
    }

    public static TransformResult invalid(String rule, String reason) {
        return new TransformResult(null, rule, reason, null);
    }

    public static TransformResult missingChoice(String rule, String reason, String choice) {
        return new TransformResult(null, rule, reason, choice);
    }

    public boolean isInvalid() {
        return rule != null;
    }
}
