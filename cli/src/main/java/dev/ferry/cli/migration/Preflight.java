package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Preflight on a running mapper (issue 11 step 3): what {@code ferry preflight} does, through the mapper's own API
 * only ({@code POST /preflight}, then the kept report's Markdown page and field-creation checklist CSV).
 */
public final class Preflight {

    /** The files a preflight is written as. */
    public static final String PREFLIGHT_JSON = "preflight.json";
    public static final String PREFLIGHT_MD = "preflight.md";
    public static final String FIELD_CHECKLIST_CSV = "field-checklist.csv";

    private final String mapperBase;
    private final JsonHttp http;

    public Preflight(String mapperBase, String token) {
        this.mapperBase = mapperBase.replaceAll("/+$", "");
        this.http = new JsonHttp(token);
    }

    /**
     * Runs a preflight and writes {@code preflight.json}, {@code preflight.md} and {@code field-checklist.csv} into
     * {@code out}.
     *
     * @param map the confirmed map ({@code latest}, {@code 3}, {@code confirmed/v3}), or null for the latest
     * @param discovery a discovery report, or null
     * @param callsPerHour the budget to estimate with, or null for the mapper's configured one
     * @return the report ({@code passed}, {@code blocking}, {@code findings}, ...)
     * @throws IllegalStateException the mapper refused or did not answer
     */
    public JsonNode run(String map, JsonNode discovery, Integer callsPerHour, Path out) throws IOException {
        ObjectNode body = FerryJson.mapper().createObjectNode();
        if (map != null) {
            body.put("map", map);
        }
        if (discovery != null) {
            body.set("discovery", discovery);
        }
        if (callsPerHour != null) {
            body.put("callsPerHour", callsPerHour);
        }
        String preflight = mapperBase + "/preflight";
        return ServiceReport.write(http, preflight, body, "preflightId", out, PREFLIGHT_JSON, List.of(
                Map.entry(PREFLIGHT_MD, preflight + "/" + ServiceReport.ID + "/preflight.md"),
                Map.entry(FIELD_CHECKLIST_CSV, preflight + "/" + ServiceReport.ID + "/field-checklist.csv")));
    }
}
