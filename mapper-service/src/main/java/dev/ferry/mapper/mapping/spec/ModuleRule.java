package dev.ferry.mapper.mapping.spec;

import dev.ferry.contracts.SourceResource;
import java.util.List;
import java.util.Map;

/**
 * How custom-module records map, decided per record by its module's definition.
 *
 * <p>{@code MANY_PER_PATIENT}: a record of the Freshsales custom module named by {@code entity} ({@code {key}} is the
 * module key as a field-name part), named {@code "<module name> <record id>"}, found again by {@code cf_dentes_id}
 * (the record's Ferry id, {@code <module key>/<record id>}), each declared value in {@code cf_<field key>}, linked by
 * {@code links} (the patient's contact, the case's deal). {@code ONE_PER_PATIENT}: the values become custom fields of
 * the patient's contact, named by {@code field} ({@code {key}}, {@code {field}}), written onto the contact by
 * {@code onto} like a billing record onto its deal; a second record of the patient is rejected by {@code severalRule}.
 *
 * @param definitions the resource whose records are the definitions
 * @param values the source path of a record's values object
 * @param entity the Freshsales custom module of a MANY_PER_PATIENT module, {@code cm_{key}_record}
 * @param links field rules (references only) of a MANY_PER_PATIENT record
 * @param onto the reference (shape onto) to the patient whose contact a ONE_PER_PATIENT record writes onto
 * @param field the contact field of a ONE_PER_PATIENT value, {@code cf_{key}_{field}}
 * @param severalRule the rule rejecting a second record of one patient in a ONE_PER_PATIENT module
 * @param notMigratedValues keys inside {@code values} that are deliberately not migrated, with the reason
 */
public record ModuleRule(SourceResource definitions, SourcePath values, String entity, List<FieldRule> links,
        FieldRule onto, String field, String severalRule, Map<String, String> notMigratedValues) {

    public ModuleRule {
        links = List.copyOf(links);
        notMigratedValues = Map.copyOf(notMigratedValues);
    }

    /** The custom module entity of a MANY_PER_PATIENT module. */
    public String entityOf(String moduleKey) {
        return entity.replace("{key}", part(moduleKey));
    }

    /** The contact field of a ONE_PER_PATIENT module's value. */
    public String contactFieldOf(String moduleKey, String fieldKey) {
        return field.replace("{key}", part(moduleKey)).replace("{field}", part(fieldKey));
    }

    /** The custom field of a MANY_PER_PATIENT module's value. */
    public static String recordFieldOf(String fieldKey) {
        return "cf_" + part(fieldKey);
    }

    /** A key as a Freshsales field-name part, the way the practice's custom fields are named. */
    public static String part(String key) {
        return dev.ferry.mapper.mapping.MappingEngine.slug(key);
    }
}
