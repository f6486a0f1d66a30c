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
 * answer names fields, never values.
 */
public final class SourceFieldsClient {

    private final String base;
    private final HttpClient http;

    public SourceFieldsClient(String mapperUrl, HttpClient http) {
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
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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
