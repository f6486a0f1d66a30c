package dev.ferry.extractor.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What discovery found in a tenant: counts, the schema as it is, data-quality findings with the ids behind them, the
 * attachment volume and the owner matches. Patients appear by id only; practitioners (staff) by name and e-mail, because
 * the Freshsales admin must invite the unmatched ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoveryReport(
        String discoveryId,
        Instant startedAt,
        Instant finishedAt,
        List<ResourceCount> resources,
        List<ModuleSummary> customModules,
        List<CustomFieldKey> customFields,
        List<Finding> findings,
        Attachments attachments,
        Owners owners,
        Limits limits) {

    /**
     * Records of one resource as the tenant serves them.
     *
     * @param invalid entries that were not JSON objects or had no id (counted, never shown)
     * @param unavailable why the tenant did not serve the resource (a 4xx), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourceCount(String resource, long live, long deleted, long invalid, String unavailable) {
    }

    /** A custom-module definition with its records counted. */
    public record ModuleSummary(String key, String name, String cardinality, boolean deleted, List<ModuleField> fields,
            long liveRecords, long deletedRecords) {
    }

    /** A declared field of a custom module. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModuleField(String key, String label, String type, List<String> choices) {
    }

    /**
     * A key of a resource's free-form {@code custom_fields}, with how many live records carry it and the JSON types of
     * the values seen ({@code text}, {@code date} (text of the form YYYY-MM-DD), {@code number}, {@code boolean},
     * {@code null}, {@code object}, {@code array}).
     */
    public record CustomFieldKey(String resource, String key, long records, Map<String, Long> valueTypes) {
    }

    /**
     * One data-quality rule's result.
     *
     * @param count every record the rule flagged
     * @param ids the first of them (up to {@link Limits#idsPerFinding()}), as {@code resource}'s source ids
     * @param groupCount for rules about records that belong together (duplicates, households): how many groups
     * @param groups the first groups (up to {@link Limits#groupsPerFinding()}), each a list of ids
     * @param breakdown counts by a detail of the rule (missing or deleted parent, module field, …)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String rule, String resource, String field, String description, long count, List<String> ids,
            Long groupCount, List<List<String>> groups, Map<String, Long> breakdown) {
    }

    /** Attachments of live records, from their metadata ({@code size_bytes}); bytes are not downloaded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attachments(long count, long totalBytes, String largestId, long largestBytes, Long targetStorageBytes,
            Boolean fitsTargetStorage) {
    }

    /**
     * Practitioners against the Freshsales users.
     *
     * @param usersFrom {@code loader} (GET /target/metadata), {@code request} (passed with the request) or {@code none}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owners(String usersFrom, Integer users, long matched, long matchedInactiveUser, List<Practitioner> unmatched,
            String note) {
    }

    /** A practitioner no active Freshsales user matches: what the admin needs to invite them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Practitioner(String id, String name, String email, String role, boolean active, String status) {
    }

    /** The limits this report was made with, and what discovery held in memory. */
    public record Limits(long noteLimitBytes, int idsPerFinding, int groupsPerFinding, String phoneRegion,
            long indexBytes, String memoryBound) {
    }
}
