package dev.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * The Dr.DENTES resources Ferry reads, named as the source API names them ({@code GET /api/v1/{path}}).
 *
 * <p>Thirteen of them carry records that end up somewhere (Freshsales, or a rebuild document). {@link #CUSTOM_MODULES}
 * carries the custom-module <em>definitions</em>: schema the mapper needs to map {@link #CUSTOM_MODULE_RECORDS}, not
 * records of its own, so it is marked {@link Kind#SCHEMA}.
 */
public enum SourceResource {
    PRACTITIONERS("practitioners", Kind.RECORDS),
    CLINICS("clinics", Kind.RECORDS),
    PATIENTS("patients", Kind.RECORDS),
    TREATMENT_CASES("treatment-cases", Kind.RECORDS),
    APPOINTMENTS("appointments", Kind.RECORDS),
    CLINICAL_NOTES("clinical-notes", Kind.RECORDS),
    RECALLS("recalls", Kind.RECORDS),
    BILLING_RECORDS("billing-records", Kind.RECORDS),
    PRODUCTS("products", Kind.RECORDS),
    CUSTOM_MODULES("custom-modules", Kind.SCHEMA),
    /** Records of every custom module; the module key travels with each record. */
    CUSTOM_MODULE_RECORDS("custom-module-records", Kind.RECORDS),
    ATTACHMENTS("attachments", Kind.RECORDS),
    WORKFLOWS("workflows", Kind.RECORDS),
    INTEGRATIONS("integrations", Kind.RECORDS);

    /** Whether a resource's entries are migrated records or schema that shapes the mapping of others. */
    public enum Kind { RECORDS, SCHEMA }

    private final String path;
    private final Kind kind;

    SourceResource(String path, Kind kind) {
        this.path = path;
        this.kind = kind;
    }

    /** The resource's name in the source API and in dataset file names; also its JSON form. */
    @JsonValue
    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** The topic the extractor writes this resource's records to. */
    public String rawTopic() {
        return Topics.RAW_PREFIX + path;
    }

    /** The resources whose entries are migrated records (the thirteen), in declaration order. */
    public static List<SourceResource> recordResources() {
        return Arrays.stream(values()).filter(r -> r.kind == Kind.RECORDS).toList();
    }

    @JsonCreator
    public static SourceResource fromPath(String path) {
        for (SourceResource r : values()) {
            if (r.path.equals(path) || r.name().equals(path)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown source resource: " + path);
    }
}
