package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the mapper which source fields a mapping spec reads ({@code GET /mapping/specs/{version}/source-fields}). The
 * answer names fields, never values. The call carries the extractor's service token ({@code ferry.auth.service-token},
 * role {@code ferry-service}) as a bearer token.
 */
public final class SourceFieldsClient {

    private final String base;
    private final HttpClient http;
    private final Optional<String> bearerToken;

    public SourceFieldsClient(String mapperUrl, HttpClient http, Optional<String> bearerToken) {
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
        this.base = mapperUrl.endsWith("/") ? mapperUrl.substring(0, mapperUrl.length() - 1) : mapperUrl;
        this.http = http;
    }

    /**
     * The fields per resource; empty when the mapper does not know the version (404).
     *
     * @throws IOException when the mapper does not answer or answers something else
     */
    public Optional<Map<SourceResource, Set<String>>> fieldsOf(String mappingVersion)
            throws IOException, InterruptedException {
        URI uri = URI.create(base + "/mapping/specs/" + mappingVersion + "/source-fields");
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
        JsonNode body = FerryJson.mapper().readTree(response.body());
        Map<SourceResource, Set<String>> out = new EnumMap<>(SourceResource.class);
        for (var it = body.fields(); it.hasNext(); ) {
            var e = it.next();
            Set<String> fields = new LinkedHashSet<>();
            e.getValue().forEach(f -> fields.add(f.asText()));
            try {
                out.put(SourceResource.fromPath(e.getKey()), fields);
            } catch (IllegalArgumentException newerMapper) {
                // A resource this extractor's contracts do not know yet: it cannot extract it either.
            }
        }
        return Optional.of(out);
    }
}
