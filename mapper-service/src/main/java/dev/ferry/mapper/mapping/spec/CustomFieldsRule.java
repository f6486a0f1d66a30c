package dev.ferry.mapper.mapping.spec;

/**
 * The practice's own custom fields: each key {@code k} of the object at {@code from} is written to
 * {@code custom_field.<prefix><k>} when the target account has that field, and listed on the field-creation
 * checklist (and left out) when it does not.
 */
public record CustomFieldsRule(SourcePath from, String prefix) {
}
