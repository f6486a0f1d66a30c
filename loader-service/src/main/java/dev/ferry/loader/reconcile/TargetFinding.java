package dev.ferry.loader.reconcile;

import java.util.List;

/**
 * One thing wrong in Freshsales. Ids, field names and reasons only; {@code values} is empty unless the caller may
 * see patient data.
 *
 * @param kind what is wrong
 * @param target the Freshsales collection ({@code contacts}, {@code deals}, {@code notes})
 * @param freshsalesId the record's Freshsales id (for a duplicate, the lowest of the live ids)
 * @param record the source record it stands for ({@code patients/P-1}, a split note's part as {@code #k}); null for a
 *     surplus record, which no source record stands for
 * @param dentesId the {@code cf_dentes_id} the record carries (surplus, duplicate) or was written with
 * @param fields drifted field names; for a duplicate, the other live ids
 * @param values expected and actual per drifted field, for a caller allowed to see them; empty otherwise
 * @param detail one sentence saying what was seen, without any value
 */
public record TargetFinding(FindingKind kind, String target, Long freshsalesId, String record, String dentesId,
        List<String> fields, List<FieldValues> values, String detail) {

    public TargetFinding {
        fields = fields == null ? List.of() : List.copyOf(fields);
        values = values == null ? List.of() : List.copyOf(values);
    }
}
