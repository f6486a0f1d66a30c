package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The extractor's one HTTP edge to the mapper: a JSON {@code GET} with the service token (never logged, never in an
 * exception), 404 read as "the mapper has no such thing", anything else but 200 an {@link IOException} naming the
 * status and path. {@link SourceFieldsClient} and {@link ConfirmedMapClient} ask their questions through it.
 */
final class MapperEdge {

    private final String base;
    private final HttpClient http;
    private final Optional<String> bearerToken;

    MapperEdge(String mapperUrl, HttpClient http, Optional<String> bearerToken) {
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
        this.base = mapperUrl.endsWith("/") ? mapperUrl.substring(0, mapperUrl.length() - 1) : mapperUrl;
        this.http = http;
    }

    /**
     * {@code GET <mapper><path>}: the answer's JSON body, or empty on 404.
     *
     * @param path starting with {@code /}, already encoded
     * @throws IOException when the mapper does not answer or answers something else than 200 or 404
     */
    Optional<JsonNode> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create(base + path);
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
        return Optional.of(FerryJson.mapper().readTree(response.body()));
    }
}
