package dev.ferry.contracts;

/**
 * Why validation refused a record, in words a person can act on.
 *
 * @param rule a stable rule name (e.g. {@code email.invalid}, {@code name.missing}, {@code reference.unknown})
 * @param field the source field the rule looked at (e.g. {@code email}, {@code clinic_id})
 * @param message a sentence for the operator; names the field and the rule, never the field's value when the value
 *     is patient data
 */
public record Rejection(String rule, String field, String message) {
}
