package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The few JSON calls the CLI makes to the services' and sandboxes' own APIs. Built with a bearer token, every call
 * carries it (the services' API); without, none does (the sandboxes' {@code /_sim} API). The token is never printed.
 */
public final class JsonHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String bearerToken;

    /**
     * A service answered with an error status: the message says the call, the status and the start of the body (never
     * the token); {@link #status()} lets a caller tell "not there yet" (404) from a failure without reading the text.
     */
    public static final class Refused extends IllegalStateException {

        private final int status;

        Refused(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Calls without a token (the sandboxes). */
    public JsonHttp() {
        this(null);
    }

    /** Calls with {@code Authorization: Bearer <token>} (the Ferry services). */
    public JsonHttp(String bearerToken) {
        this.bearerToken = bearerToken;
    }

    public JsonNode get(String url) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    /** A GET with an {@code Authorization} header (the Freshsales sandbox's own API). The value is never printed. */
    public JsonNode get(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Authorization", authorization));
    }

    public JsonNode post(String url, Object body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)).POST(bodyOf(body))
                .header("Content-Type", "application/json")));
    }

    /** A POST whose answer may take longer than the usual two minutes (a reconciliation reads Freshsales back). */
    public JsonNode post(String url, Object body, Duration timeout) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)).POST(bodyOf(body))
                .header("Content-Type", "application/json")), timeout);
    }

    public JsonNode put(String url, Object body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)).PUT(bodyOf(body))
                .header("Content-Type", "application/json")));
    }

    /** Streams a (possibly large) response body to a file instead of holding it in memory. */
    public void download(String url, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Into a file beside the target, moved over it only when the whole body arrived.
            Path part = file.resolveSibling(file.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                stream(url, out);
            } catch (RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams a (possibly large) response body onto {@code out} as it arrives (never whole in memory); {@code out} is
     * flushed, not closed. A status other than 200 is an {@link IllegalStateException} naming the URL, the status and
     * the start of the service's error body (never the token).
     */
    public void stream(String url, OutputStream out) {
        try {
            HttpResponse<InputStream> r = client.send(authorized(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(10))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    byte[] head = in.readNBytes(500);
                    String why = new String(head, java.nio.charset.StandardCharsets.UTF_8).strip();
                    throw new Refused("GET " + url + " answered " + r.statusCode()
                            + (why.isEmpty() ? "" : ": " + why), r.statusCode());
                }
                in.transferTo(out);
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return bearerToken == null ? request : request.header("Authorization", "Bearer " + bearerToken);
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.ofByteArray(FerryJson.encode(body));
    }

    private JsonNode send(HttpRequest.Builder request) {
        return send(request, Duration.ofMinutes(2));
    }

    private JsonNode send(HttpRequest.Builder request, Duration timeout) {
        HttpRequest built = request.timeout(timeout).header("Accept", "application/json").build();
        try {
            HttpResponse<byte[]> r = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new Refused(built.method() + " " + built.uri() + " answered " + r.statusCode()
                        + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), r.statusCode());
            }
            return r.body().length == 0 ? FerryJson.mapper().nullNode() : FerryJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
