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
import java.util.Optional;

/**
 * Asks the mapper about a confirmed map ({@code GET /mapping/confirmations/{version}}, issue 11): its number, the
 * spec version runs name it by, the sha256 it was confirmed with and the one its stored text has now. The same edge and
 * service token as {@link SourceFieldsClient}; the answer names hashes and versions, never a value.
 */
public final class ConfirmedMapClient {

    /** A confirmed map as the mapper reports it. */
    public record ConfirmedMap(int version, String mappingVersion, String sha256, String currentSha256, boolean intact,
            String confirmedBy, String confirmedAt) {
    }

    private final String base;
    private final HttpClient http;
    private final Optional<String> bearerToken;

    public ConfirmedMapClient(String mapperUrl, HttpClient http, Optional<String> bearerToken) {
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
        this.base = mapperUrl.endsWith("/") ? mapperUrl.substring(0, mapperUrl.length() - 1) : mapperUrl;
        this.http = http;
    }

    /**
     * @param selector {@code latest}, {@code 3} or {@code v3}
     * @return empty when the mapper has no such confirmed map (404)
     * @throws IOException when the mapper does not answer or answers something else
     */
    public Optional<ConfirmedMap> find(String selector) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/mapping/confirmations/" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        bearerToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("the mapper answered " + response.statusCode() + " for " + uri.getPath());
        }
        JsonNode b = FerryJson.mapper().readTree(response.body());
        if (!b.path("version").canConvertToInt() || b.path("sha256").asText("").isEmpty()) {
            throw new IOException("the mapper's answer for " + uri.getPath() + " names no version and sha256");
        }
        return Optional.of(new ConfirmedMap(b.path("version").asInt(), b.path("mappingVersion").asText(),
                b.path("sha256").asText(), b.path("currentSha256").asText(null), b.path("intact").asBoolean(false),
                b.path("confirmedBy").asText(null), b.path("confirmedAt").asText(null)));
    }
}
