package dev.ferry.mapper.mapping.spec;

/**
 * Lead or customer: a record is "converted" when a source field has a value (a patient who booked a first
 * appointment), and each side names the lifecycle-stage type it lands in.
 *
 * @param convertedWhenPresent the source path whose presence means converted
 * @param convertedStageType e.g. {@code Customer}
 * @param unconvertedStageType e.g. {@code Lead}
 */
public record LifecycleRule(SourcePath convertedWhenPresent, String convertedStageType, String unconvertedStageType) {
}
