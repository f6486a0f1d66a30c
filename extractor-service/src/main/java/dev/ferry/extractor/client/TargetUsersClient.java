package dev.ferry.extractor.client;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.TargetMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Freshsales users, from the loader's {@code GET /target/metadata} (the loader reads Freshsales on its one rate
 * budget; this only reads the loader). The call carries the extractor's service token ({@code ferry.auth.service-token},
 * role {@code ferry-service}), as the call to the mapper does. Only the owners are used.
 */
public final class TargetUsersClient {

    private final String base;
    private final HttpClient http;
    private final Optional<String> bearerToken;

    /** @param loaderUrl the loader's base URL; empty: no loader to ask ({@link #configured()} is false) */
    public TargetUsersClient(Optional<String> loaderUrl, HttpClient http, Optional<String> bearerToken) {
        String url = loaderUrl.filter(u -> !u.isBlank()).orElse(null);
        this.base = url == null ? null : url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = http;
        this.bearerToken = bearerToken.filter(t -> !t.isBlank());
    }

    /** Whether a loader URL is configured. */
    public boolean configured() {
        return base != null;
    }

    /** The loader's base URL, or null. */
    public String loaderUrl() {
        return base;
    }

    /** @throws IOException when the loader does not answer 200 with the metadata */
    public List<TargetMetadata.Owner> owners() throws IOException, InterruptedException {
        if (base == null) {
            throw new IOException("no loader URL configured (ferry.discovery.loader-url)");
        }
        URI uri = URI.create(base + "/target/metadata");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        bearerToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the loader answered " + response.statusCode() + " for " + uri.getPath());
        }
        TargetMetadata metadata = FerryJson.decode(response.body(), TargetMetadata.class);
        return metadata.owners() == null ? List.of() : metadata.owners();
    }
}
