package dev.ferry.mapper.mapping;

import dev.ferry.contracts.SourceResource;

/**
 * A source field with a value that has no field to land in on the Freshsales side: a line of the field-creation
 * checklist.
 *
 * @param collection the Freshsales collection, e.g. {@code contacts}
 * @param fieldName the custom field to create, e.g. {@code cf_allergy_notes}
 * @param resource the source resource
 * @param sourceField the source field, e.g. {@code custom_fields.allergy_notes}
 * @param proposedType the Freshsales field type to create (text, number, date, checkbox, dropdown, ...)
 * @param essential the value is sent regardless and the load depends on it (e.g. {@code cf_dentes_id}): blocking
 */
public record FieldGap(String collection, String fieldName, SourceResource resource, String sourceField,
        String proposedType, boolean essential) {
}
