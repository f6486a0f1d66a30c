package dev.ferry.loader.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bytes of a Dr.DENTES attachment, {@code GET /api/v1/attachments/{id}/content} (source contract), opened as a
 * stream: the loader passes them straight into a Freshsales upload and never holds a whole file. Kafka carries only an
 * attachment's metadata; the loader is the one service that reads its bytes.
 */
public class DentesContent {

    /** The content could not be opened. Messages name the attachment and the status, never the token. */
    public static final class Unavailable extends RuntimeException {
        private final boolean permanent;
        private final int status;

        public Unavailable(String message, int status, boolean permanent) {
            super(message);
            this.status = status;
            this.permanent = permanent;
        }

        /** Whether trying again cannot help (the source has no content for the attachment). */
        public boolean permanent() {
            return permanent;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final String apiBase;
    private final String authorization;
    private final Duration requestTimeout;

    public DentesContent(HttpClient http, String baseUrl, String token, Duration requestTimeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.apiBase = b + "/api/v1/";
        this.authorization = "Bearer " + token;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Opens the attachment's content. The caller closes the stream. The request timeout bounds the wait for the
     * answer's headers only; the body is read as the upload sends it.
     *
     * @throws Unavailable permanent on 404 or another 4xx, not permanent on 429, 5xx or a broken connection
     */
    public InputStream open(String attachmentId) throws InterruptedException {
        URI uri = URI.create(apiBase + "attachments/" + URLEncoder.encode(attachmentId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/content");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", authorization).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new Unavailable("GET attachments/{id}/content of " + attachmentId + ": no answer ("
                    + e.getClass().getSimpleName() + ")", 0, false);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        try (InputStream ignored = response.body()) {
            // The error body is small; closing it frees the connection.
        } catch (IOException e) {
            // Nothing to do: the answer is already known.
        }
        boolean permanent = status >= 400 && status < 500 && status != 429 && status != 408;
        throw new Unavailable("GET attachments/{id}/content of " + attachmentId + " answered " + status
                + (status == 404 ? " (Dr.DENTES has no content for it)" : ""), status, permanent);
    }

    @Override
    public String toString() {
        return "DentesContent[" + apiBase + "]";
    }
}
