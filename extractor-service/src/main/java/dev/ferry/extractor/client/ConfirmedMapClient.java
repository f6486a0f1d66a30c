package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
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

    private final MapperEdge mapper;

    public ConfirmedMapClient(String mapperUrl, HttpClient http, Optional<String> bearerToken) {
        this.mapper = new MapperEdge(mapperUrl, http, bearerToken);
    }

    /**
     * @param selector {@code latest}, {@code 3} or {@code v3}
     * @return empty when the mapper has no such confirmed map (404)
     * @throws IOException when the mapper does not answer or answers something else
     */
    public Optional<ConfirmedMap> find(String selector) throws IOException, InterruptedException {
        String path = "/mapping/confirmations/" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
        Optional<JsonNode> answer = mapper.get(path);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        JsonNode b = answer.get();
        if (!b.path("version").canConvertToInt() || b.path("sha256").asText("").isEmpty()) {
            throw new IOException("the mapper's answer for " + path + " names no version and sha256");
        }
        return Optional.of(new ConfirmedMap(b.path("version").asInt(), b.path("mappingVersion").asText(),
                b.path("sha256").asText(), b.path("currentSha256").asText(null), b.path("intact").asBoolean(false),
                b.path("confirmedBy").asText(null), b.path("confirmedAt").asText(null)));
    }
}
