package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.SourceResource;
import java.io.IOException;
import java.net.http.HttpClient;
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

    private final MapperEdge mapper;

    public SourceFieldsClient(String mapperUrl, HttpClient http, Optional<String> bearerToken) {
        this.mapper = new MapperEdge(mapperUrl, http, bearerToken);
    }

    /**
     * The fields per resource; empty when the mapper does not know the version (404).
     *
     * @throws IOException when the mapper does not answer or answers something else
     */
    public Optional<Map<SourceResource, Set<String>>> fieldsOf(String mappingVersion)
            throws IOException, InterruptedException {
        Optional<JsonNode> answer = mapper.get("/mapping/specs/" + mappingVersion + "/source-fields");
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        JsonNode body = answer.get();
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
