package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One request to the tenant's list endpoint, classified. No retries here: {@link DentesClient} decides those. */
public final class DentesHttp {

    private static final ObjectMapper JSON = FerryJson.mapper();
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final String apiBase;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;

    public DentesHttp(String baseUrl, String token, HttpClient http, Duration requestTimeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiBase = base + "/api/v1/";
        this.authorization = "Bearer " + token;
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    public static HttpClient newHttpClient(Duration connectTimeout) {
        // HTTP/1.1: the JDK's h2c upgrade attempt on plain http is needless work for every connection.
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI uriOf(PageQuery q) {
        StringBuilder sb = new StringBuilder(apiBase).append(q.path())
                .append("?page=").append(q.page())
                .append("&per_page=").append(q.perPage())
                .append("&sort=updated_at&include_deleted=true");
        if (q.updatedSince() != null) {
            sb.append("&updated_since=").append(URLEncoder.encode(q.updatedSince().toString(), StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }

    /** Fetches one page; every failure is an {@link AttemptFailed} saying whether it is worth retrying. */
    public DentesPage get(PageQuery q) throws AttemptFailed, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uriOf(q))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // The JDK's messages name host and port at most; the Authorization header never appears in them.
            throw new AttemptFailed(AttemptFailed.Kind.NETWORK, 0, null,
                    "GET " + q + ": no response (" + e.getClass().getSimpleName() + ")");
        }
        int status = response.statusCode();
        if (status == 200) {
            return parse(q, response.body());
        }
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        String what = "GET " + q + ": HTTP " + status + errorCode(response.body());
        if (status == 429) {
            throw new AttemptFailed(AttemptFailed.Kind.THROTTLED, status, retryAfter, what);
        }
        if (status >= 500) {
            throw new AttemptFailed(AttemptFailed.Kind.SERVER_ERROR, status, retryAfter, what);
        }
        throw new AttemptFailed(AttemptFailed.Kind.REJECTED, status, retryAfter, what);
    }

    /**
     * Fetches one record by id ({@code GET {path}/{id}?include_deleted=true}, so a soft-deleted record comes back with
     * {@code "deleted": true}); empty when the tenant answers 404 (the record is gone for good).
     */
    public java.util.Optional<ObjectNode> getOne(String path, String id) throws AttemptFailed, InterruptedException {
        String what = "GET " + path + "/{id}";
        URI uri = URI.create(apiBase + path + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                + "?include_deleted=true");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AttemptFailed(AttemptFailed.Kind.NETWORK, 0, null,
                    what + ": no response (" + e.getClass().getSimpleName() + ")");
        }
        int status = response.statusCode();
        if (status == 404) {
            return java.util.Optional.empty();
        }
        if (status == 200) {
            JsonNode data;
            try {
                data = JSON.readTree(response.body()).path("data");
            } catch (IOException e) {
                throw new AttemptFailed(AttemptFailed.Kind.BAD_RESPONSE, 200, null, what + ": the body is not JSON");
            }
            if (data instanceof ObjectNode o) {
                return java.util.Optional.of(o);
            }
            throw new AttemptFailed(AttemptFailed.Kind.BAD_RESPONSE, 200, null, what + ": the body has no data object");
        }
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        String failed = what + ": HTTP " + status + errorCode(response.body());
        AttemptFailed.Kind kind = status == 429 ? AttemptFailed.Kind.THROTTLED
                : status >= 500 ? AttemptFailed.Kind.SERVER_ERROR : AttemptFailed.Kind.REJECTED;
        throw new AttemptFailed(kind, status, retryAfter, failed);
    }

    private static DentesPage parse(PageQuery q, byte[] body) throws AttemptFailed {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw badResponse(q, "the body is not JSON");
        }
        if (root == null || !root.path("data").isArray()) {
            throw badResponse(q, "the body has no data array");
        }
        JsonNode meta = root.path("meta");
        if (!meta.path("total").canConvertToLong() || !meta.path("total_pages").canConvertToInt()
                || !meta.path("per_page").canConvertToInt()) {
            throw badResponse(q, "meta lacks total, total_pages or per_page");
        }
        List<ObjectNode> records = new ArrayList<>(root.path("data").size());
        int invalid = 0;
        for (JsonNode n : root.path("data")) {
            if (n instanceof ObjectNode o) {
                records.add(o);
            } else {
                invalid++;
            }
        }
        return new DentesPage(records, invalid, new DentesPage.Meta(meta.path("page").asInt(q.page()),
                meta.path("per_page").asInt(), meta.path("total").asLong(), meta.path("total_pages").asInt()));
    }

    private static AttemptFailed badResponse(PageQuery q, String why) {
        return new AttemptFailed(AttemptFailed.Kind.BAD_RESPONSE, 200, null, "GET " + q + ": " + why);
    }

    /** The tenant's error code, when it is a plain token; its free-text message is left out (it may echo input). */
    private static String errorCode(byte[] body) {
        try {
            JsonNode code = JSON.readTree(body).path("error").path("code");
            if (code.isTextual() && SAFE_CODE.matcher(code.asText()).matches()) {
                return " (error code '" + code.asText() + "')";
            }
        } catch (IOException | RuntimeException e) {
            // not an error envelope: the status says enough
        }
        return "";
    }
}
