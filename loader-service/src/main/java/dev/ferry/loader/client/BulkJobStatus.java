package dev.ferry.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk job's status as {@code GET /job_statuses/{id}} reports it. {@code data} arrives as a JSON <em>string</em>
 * (decoded here; an object is accepted too). Only {@code SUCCESS} has ever been observed as a final status: anything
 * else counts as not finished, until the job timeout.
 *
 * @param status the job's status
 * @param progress percent done, or -1
 * @param createdAt when the server created the job, in its own clock (tells a record created by the job from one that
 *     existed before), or null
 * @param succeeded {@code record_status.succeeded}, or -1 when the data has not come yet
 * @param failed {@code record_status.failed}, or -1
 * @param failures the items that failed
 * @param writtenIds the ids of written items by their index, when the server reports them (undocumented; the
 *     sandbox does with {@code bulkJobReportsIds}); empty otherwise
 */
public record BulkJobStatus(String status, int progress, OffsetDateTime createdAt, int succeeded, int failed,
        List<BulkItemFailure> failures, Map<Integer, Long> writtenIds) {

    public static final String SUCCESS = "SUCCESS";

    public boolean finished() {
        return SUCCESS.equalsIgnoreCase(status);
    }

    public static BulkJobStatus parse(JsonNode root) {
        JsonNode job = root.has("status") || !root.has("job_status") ? root : root.get("job_status");
        JsonNode data = data(job.path("data"));
        int succeeded = data.path("record_status").path("succeeded").asInt(-1);
        int failed = data.path("record_status").path("failed").asInt(-1);
        List<BulkItemFailure> failures = new ArrayList<>();
        for (JsonNode f : data.path("detailed_failure_report")) {
            Map<String, String> ident = new LinkedHashMap<>();
            JsonNode ui = f.path("unique_identifier");
            for (Iterator<Map.Entry<String, JsonNode>> it = ui.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ident.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
            JsonNode errors = f.path("errors");
            int code = errors.path("code").asInt(f.path("code").asInt(0));
            failures.add(new BulkItemFailure(f.path("index").asInt(-1), ident, code, ErrorEnvelope.messages(f)));
        }
        Map<Integer, Long> ids = new LinkedHashMap<>();
        for (JsonNode s : data.path("detailed_success_report")) {
            if (s.has("index") && s.path("id").canConvertToLong()) {
                ids.put(s.get("index").asInt(), s.get("id").asLong());
            }
        }
        return new BulkJobStatus(job.path("status").asText(""), job.path("progress").asInt(-1),
                time(job.path("created_at").asText(null)), succeeded, failed, List.copyOf(failures), Map.copyOf(ids));
    }

    private static JsonNode data(JsonNode data) {
        if (data.isTextual()) {
            try {
                return FerryJson.mapper().readTree(data.asText());
            } catch (IOException e) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        }
        return data;
    }

    private static OffsetDateTime time(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
