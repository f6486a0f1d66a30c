package dev.ferry.mapper.mapping.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What preflight reads of a discovery report ({@code ferry discover}'s {@code discovery.json}): live records per
 * resource, the attachment volume, and the practitioners no active Freshsales user matched (staff names, e-mails and
 * roles, for the admin's user checklist). Findings (patient ids) are not read.
 *
 * @param counts live records per source resource path; empty when no report was passed
 * @param attachments the attachment volume, or null when the report has none
 * @param practitioners the unmatched practitioners; null when the report has no owner section
 */
public record DiscoveryFacts(String discoveryId, Map<String, Long> counts, Attachments attachments, long matched,
        long matchedInactive, List<Practitioner> practitioners) {

    /** Attachments of live records, as discovery measured them from their metadata. */
    public record Attachments(long count, long totalBytes, long largestBytes, Long targetStorageBytes) {
    }

    /** A practitioner the admin must invite or match. */
    public record Practitioner(String id, String name, String email, String role, boolean active, String status) {
    }

    public static final DiscoveryFacts NONE = new DiscoveryFacts(null, Map.of(), null, 0, 0, null);

    public boolean present() {
        return discoveryId != null;
    }

    public static DiscoveryFacts of(JsonNode report) {
        if (report == null || report.isNull() || report.isMissingNode()) {
            return NONE;
        }
        if (!report.isObject()) {
            throw new IllegalArgumentException("discovery must be a discovery report (a JSON object)");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode r : report.path("resources")) {
            if (r.path("unavailable").isMissingNode() || r.path("unavailable").isNull()) {
                counts.put(r.path("resource").asText(), r.path("live").asLong());
            }
        }
        JsonNode a = report.path("attachments");
        Attachments attachments = a.isObject() ? new Attachments(a.path("count").asLong(), a.path("totalBytes").asLong(),
                a.path("largestBytes").asLong(), a.hasNonNull("targetStorageBytes") ? a.path("targetStorageBytes").asLong()
                        : null) : null;
        JsonNode o = report.path("owners");
        List<Practitioner> practitioners = null;
        if (o.isObject()) {
            practitioners = new ArrayList<>();
            for (JsonNode p : o.path("unmatched")) {
                practitioners.add(new Practitioner(p.path("id").asText(), p.path("name").asText(null),
                        p.path("email").asText(null), p.path("role").asText(null), p.path("active").asBoolean(true),
                        p.path("status").asText(null)));
            }
        }
        String id = report.path("discoveryId").asText("");
        return new DiscoveryFacts(id.isBlank() ? "(no id)" : id, counts, attachments, o.path("matched").asLong(),
                o.path("matchedInactiveUser").asLong(), practitioners);
    }
}
