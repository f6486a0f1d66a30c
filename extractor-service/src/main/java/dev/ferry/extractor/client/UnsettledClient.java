package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The extractor's edge to the audit service (issue 12): {@code GET /records/unsettled?resource=} answers the source ids
 * of a resource whose last outcome is not a terminal success. The audit owns the outcome ledger, so it is the one
 * that knows; the call carries the service token (never logged, never in an exception).
 */
public class UnsettledClient {

    private final String base;
    private final HttpClient http;
    private final Optional<String> bearerToken;

    public UnsettledClient(String auditUrl, HttpClient http, Optional<String> bearerToken) {
        this.base = auditUrl.endsWith("/") ? auditUrl.substring(0, auditUrl.length() - 1) : auditUrl;
        this.http = http;
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
    }

    /** @throws IOException when the audit does not answer 200 with an id list */
    public List<String> unsettled(String resourcePath) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/records/unsettled?resource="
                + URLEncoder.encode(resourcePath, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        bearerToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the audit service answered " + response.statusCode() + " for " + uri.getPath());
        }
        JsonNode ids = FerryJson.mapper().readTree(response.body()).path("ids");
        if (!ids.isArray()) {
            throw new IOException("the audit service's answer for " + uri.getPath() + " has no ids");
        }
        List<String> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(id.asText()));
        return out;
    }
}
