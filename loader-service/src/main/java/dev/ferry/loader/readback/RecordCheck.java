package dev.ferry.loader.readback;

import java.util.List;

/**
 * One sampled record read back and compared.
 *
 * @param resource the source resource
 * @param sourceId the Dr.DENTES id
 * @param target the Freshsales collection path ({@code contacts}); null when the record was never written
 * @param freshsalesId the id read back; null when the record was never written
 * @param found whether Freshsales returned the record (when not, every promised field is missing)
 * @param fields one check per promised field
 */
public record RecordCheck(String resource, String sourceId, String target, Long freshsalesId, boolean found,
        List<FieldCheck> fields) {

    /** Whether every promised field is equal (or one the record's module cannot hold). */
    public boolean allEqual() {
        return fields.stream().allMatch(f -> f.verdict() == FieldVerdict.EQUAL
                || f.verdict() == FieldVerdict.NOT_APPLICABLE);
    }
}
