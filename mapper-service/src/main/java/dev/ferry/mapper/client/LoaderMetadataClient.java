package dev.ferry.mapper.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.TargetMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the target account's metadata from the loader ({@code GET {loader-url}/target/metadata}). The loader owns the
 * Freshsales client and its one rate budget, so the mapper never calls Freshsales itself.
 *
 * <p>The JDK's HTTP client rather than a MicroProfile REST client: one GET with a timeout, testable against a plain
 * in-test HTTP server without booting Quarkus. The call carries the mapper's service token ({@code ferry.auth.service-token},
 * role {@code ferry-service}) as a bearer token; the token is never part of a message.
 */
public class LoaderMetadataClient {

    private final HttpClient http;
    private final URI uri;
    private final Duration timeout;
    private final Optional<String> bearerToken;

    /** A client without a token (the loader then answers 401): for tests of everything but authentication. */
    public LoaderMetadataClient(String loaderUrl, Duration timeout) {
        this(loaderUrl, timeout, Optional.empty());
    }

    public LoaderMetadataClient(String loaderUrl, Duration timeout, Optional<String> bearerToken) {
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
        this.uri = URI.create(loaderUrl.endsWith("/") ? loaderUrl + "target/metadata" : loaderUrl + "/target/metadata");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI uri() {
        return uri;
    }

    /** The metadata and the body it came from (stored as the run's snapshot). */
    public record Fetched(TargetMetadata metadata, String body) {
    }

    public Fetched fetch() throws MetadataUnavailableException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        bearerToken.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest request = builder.GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MetadataUnavailableException("the loader at " + uri + " did not answer ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataUnavailableException("interrupted while asking the loader at " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new MetadataUnavailableException("the loader at " + uri + " answered HTTP " + response.statusCode());
        }
        return new Fetched(parse(response.body()), response.body());
    }

    /** Parses a metadata body (also used for snapshots read back from the database). */
    public static TargetMetadata parse(String body) throws MetadataUnavailableException {
        try {
            TargetMetadata metadata = FerryJson.mapper().readValue(body, TargetMetadata.class);
            if (metadata == null) {
                throw new MetadataUnavailableException("the target metadata is JSON null");
            }
            return metadata;
        } catch (JsonProcessingException e) {
            throw new MetadataUnavailableException("the target metadata is not in the agreed shape ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
