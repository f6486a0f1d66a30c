package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Renders a run's reconciliation as the fixed-width table the demo prints. */
public final class ReconciliationTable {

    private static final List<String> COLUMNS = List.of("manifestCount", "created", "updated", "unchanged", "linked",
            "documented", "rejected", "failed", "deferred", "unaccounted");
    private static final List<String> HEADERS = List.of("manifest", "created", "updated", "unchanged", "linked",
            "documented", "rejected", "failed", "deferred", "open");

    private ReconciliationTable() {
    }

    public static String render(JsonNode reconciliation) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s", "resource"));
        HEADERS.forEach(h -> sb.append(String.format("%10s", h)));
        sb.append('\n');
        for (JsonNode r : reconciliation.path("resources")) {
            sb.append(String.format("%-16s", r.path("resource").asText()));
            for (String c : COLUMNS) {
                JsonNode v = r.path(c);
                sb.append(String.format("%10s", v.isMissingNode() || v.isNull() ? "-" : v.asText()));
            }
            sb.append('\n');
        }
        sb.append(String.format("balanced: %s   unaccounted: %s   extraction finished: %s",
                reconciliation.path("balanced").asBoolean(), reconciliation.path("unaccounted").asText("-"),
                reconciliation.path("extractionFinished").asBoolean()));
        return sb.toString();
    }
}
