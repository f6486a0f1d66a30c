package dev.ferry.mapper.mapping.proposal;

import java.util.List;

/**
 * One source field the map must place: a field the base spec reads, a key of the practice's free-form custom fields, or
 * a declared field of a custom module. Carries its shape, never a record's value.
 *
 * @param resource the source resource ({@code patients}, {@code custom-module-records}, ...)
 * @param field the field as the operator knows it ({@code mobile_phone}, {@code custom_fields.allergies},
 *     {@code lab-work.order_type})
 * @param origin {@code spec}, {@code custom-field} or {@code module}
 * @param collection the Freshsales collection its values land in ({@code contacts}, {@code cm_imaging_record}, ...)
 * @param type the Freshsales type its values need: {@code text}, {@code email}, {@code phone_number}, {@code date},
 *     {@code number}, {@code decimal}, {@code currency}, {@code checkbox} or {@code dropdown}
 * @param values for a dropdown, the values the map sends (a translation table's names, a module's declared
 *     choices): schema, never patient data
 * @param specTarget the field the base spec (or the naming rule for custom fields and modules) writes to, or null
 * @param observed how the value types were observed ({@code "text 120, number 3"}), or null
 */
public record SourceField(String resource, String field, String origin, String collection, String type,
        List<String> values, String specTarget, String observed) {

    public SourceField {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
