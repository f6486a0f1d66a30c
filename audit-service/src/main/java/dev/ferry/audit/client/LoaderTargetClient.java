package dev.ferry.audit.client;

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
import java.util.Optional;

/**
 * Asks the loader to read Freshsales back against its id ledger ({@code GET {loader-url}/target/reconciliation}), with
 * this service's token ({@code ferry-service}: field names, never values). The answer is passed on as the loader wrote
 * it: the audit does not re-judge the target, it puts the layers side by side.
 */
public class LoaderTargetClient {

    /** The loader could not be asked, or did not answer with a reconciliation. The message holds no value. */
    public static class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final URI base;
    private final Duration timeout;
    private final Optional<String> bearerToken;
    private final HttpClient http;

    public LoaderTargetClient(String loaderUrl, Duration timeout, Optional<String> bearerToken) {
        this.base = URI.create(loaderUrl.endsWith("/") ? loaderUrl : loaderUrl + "/");
        this.timeout = timeout;
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The loader's target reconciliation of one run. */
    public JsonNode reconcile(String runId) throws Unavailable, InterruptedException {
        URI uri = base.resolve("target/reconciliation?runId=" + URLEncoder.encode(runId, StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        bearerToken.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable("the loader at " + base + " did not answer (" + e.getClass().getSimpleName() + ")");
        }
        if (response.statusCode() != 200) {
            JsonNode error = parse(response.body());
            throw new Unavailable("the loader answered HTTP " + response.statusCode()
                    + (error != null && error.hasNonNull("error") ? ": " + error.get("error").asText() : ""));
        }
        JsonNode body = parse(response.body());
        if (body == null || !body.isObject() || !body.has("clean")) {
            throw new Unavailable("the loader's answer is not a target reconciliation");
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            return FerryJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
