package dev.ferry.mapper.mapping.transform;

import dev.ferry.mapper.mapping.TargetView;

/**
 * What a transform step may know about where its value comes from and goes to.
 *
 * @param sourceField the source field (for messages), e.g. {@code mobile_phone}
 * @param collection the Freshsales collection written, e.g. {@code contacts}
 * @param targetField the target field's name as Freshsales lists it ({@code cf_treatment_type}, {@code lead_source_id})
 * @param target the target account's metadata; null when validating before metadata is available
 * @param phoneRegion the default region for phone numbers (ISO 3166 code)
 */
public record TransformContext(String sourceField, String collection, String targetField, TargetView target,
        String phoneRegion) {
}
