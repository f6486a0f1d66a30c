package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Propose and confirm the map on a running mapper (issue 11 step 2): what {@code ferry propose}, {@code ferry confirm},
 * the demo and the system tests do, through the mapper's own API only.
 */
public final class MapLifecycle {

    /** The files a proposal is written as. */
    public static final String PROPOSAL_JSON = "proposal.json";
    public static final String PROPOSAL_YAML = "proposal.yaml";
    public static final String PROPOSAL_MD = "proposal.md";
    public static final String MAP_YAML = "map.yaml";

    /** The mapper's answer to a confirmation: HTTP status and body. */
    public record Answer(int status, JsonNode body) {
        public boolean confirmed() {
            return status == 200 || status == 201;
        }
    }

    private final String mapperBase;
    private final String token;
    private final JsonHttp http;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public MapLifecycle(String mapperBase, String token) {
        this.mapperBase = mapperBase.replaceAll("/+$", "");
        this.token = token;
        this.http = new JsonHttp(token);
    }

    /**
     * Asks for a proposal and writes {@code proposal.json}, {@code proposal.yaml}, {@code proposal.md} and
     * {@code map.yaml} (the map to edit and confirm) into {@code out}.
     *
     * @param discovery a discovery report (its custom fields and modules are proposed too), or null
     * @return the proposal
     */
    public JsonNode propose(JsonNode discovery, Path out) throws IOException {
        ObjectNode body = FerryJson.mapper().createObjectNode();
        if (discovery != null) {
            body.set("discovery", discovery);
        }
        String proposals = mapperBase + "/mapping/proposals";
        return ServiceReport.write(http, proposals, body, "proposalId", out, PROPOSAL_JSON, List.of(
                Map.entry(PROPOSAL_YAML, proposals + "/" + ServiceReport.ID + ".yaml"),
                Map.entry(PROPOSAL_MD, proposals + "/" + ServiceReport.ID + "/proposal.md"),
                Map.entry(MAP_YAML, proposals + "/" + ServiceReport.ID + "/map.yaml")));
    }

    /** Confirms a map text; 201 a new version, 200 the latest again, 422 invalid (the body names the problems). */
    public Answer confirm(String text, String proposalId, String comment) throws IOException, InterruptedException {
        ObjectNode body = FerryJson.mapper().createObjectNode().put("text", text);
        if (proposalId != null) {
            body.put("proposalId", proposalId);
        }
        if (comment != null) {
            body.put("comment", comment);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(mapperBase + "/mapping/confirmations"))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(FerryJson.encode(body))).build();
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer;
        try {
            answer = r.body().length == 0 ? FerryJson.mapper().nullNode() : FerryJson.mapper().readTree(r.body());
        } catch (IOException notJson) {
            answer = FerryJson.mapper().createObjectNode().put("error", new String(r.body(), StandardCharsets.UTF_8));
        }
        return new Answer(r.statusCode(), answer);
    }
}
