package dev.ferry.loader.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's admin API ({@code /_sim}) and a few direct API calls, for arranging and checking a test. */
public final class SandboxAdmin {

    private final String apiBase;
    private final String admin;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param apiBaseUrl the sandbox's API prefix, e.g. {@code http://127.0.0.1:1234/crm/sales/api} */
    public SandboxAdmin(String apiBaseUrl) {
        this.apiBase = apiBaseUrl;
        this.admin = apiBaseUrl.replace("/crm/sales/api", "") + "/_sim";
    }

    public void configure(String jsonPatch) {
        send("PUT", admin + "/config", jsonPatch, false);
    }

    public void reset() {
        send("POST", admin + "/reset?config=true", null, false);
    }

    public JsonNode summary() {
        return send("GET", admin + "/requests/summary", null, false);
    }

    public void clearSummary() {
        send("DELETE", admin + "/requests/summary", null, false);
    }

    /** Every live record of a module, in the API's shape. */
    public List<ObjectNode> records(String module) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode n : send("GET", admin + "/state?module=" + module, null, false).path(module)) {
            if (!n.path("is_deleted").asBoolean(false)) {
                out.add((ObjectNode) n);
            }
        }
        return out;
    }

    /** Calls made to one endpoint template (e.g. {@code POST /crm/sales/api/contacts/upsert}), all statuses. */
    public long calls(String endpoint) {
        return summary().path("byEndpoint").path(endpoint).path("total").asLong(0);
    }

    /** A direct API call with the sandbox key (arranging state as another user of the account would). */
    public JsonNode api(String method, String path, String body) {
        return send(method, apiBase + path, body, true);
    }

    private JsonNode send(String method, String url, String body, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth) {
            b.header("Authorization", "Token token=ferry-sandbox-key");
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": "
                        + new String(r.body()));
            }
            return r.body().length == 0 ? FerryJson.mapper().createObjectNode() : FerryJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
