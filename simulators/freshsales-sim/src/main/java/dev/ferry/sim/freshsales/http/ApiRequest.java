package dev.ferry.sim.freshsales.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.service.ApiException;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One API call as handlers see it: path parameters, query, body. */
public final class ApiRequest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RoutingContext ctx;
    private final Map<String, String> params;
    private final String prefix;
    private JsonNode body;

    ApiRequest(RoutingContext ctx, Map<String, String> params, String prefix) {
        this.ctx = ctx;
        this.params = params;
        this.prefix = prefix;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A numeric path parameter; anything else is 404 (no such record). */
    public long id(String name) {
        String v = params.get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }

    public String query(String name) {
        return ctx.request().getParam(name);
    }

    public int intQuery(String name, int dflt) {
        String v = query(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("field.invalid", name);
        }
    }

    /** page (1-based, default 1). */
    public int page(JsonNode fallback) {
        int p = intQuery("page", fallback != null && fallback.path("page").canConvertToInt() ? fallback.path("page").asInt() : 1);
        return Math.max(1, p);
    }

    /** per_page: default 25, capped at 100. */
    public int perPage(JsonNode fallback) {
        int dflt = fallback != null && fallback.path("per_page").canConvertToInt() ? fallback.path("per_page").asInt() : 25;
        int pp = intQuery("per_page", dflt);
        return Math.min(100, Math.max(1, pp));
    }

    public Set<String> include() {
        String v = query("include");
        if (v == null) {
            return Set.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** The JSON body (an empty object when there is none). */
    public JsonNode json() {
        if (body == null) {
            var buf = ctx.body() == null ? null : ctx.body().buffer();
            if (buf == null || buf.length() == 0) {
                body = JSON.createObjectNode();
            } else {
                try {
                    body = JSON.readTree(buf.getBytes());
                } catch (IOException e) {
                    throw ApiException.badRequest("json.invalid");
                }
                if (body == null || body.isMissingNode()) {
                    body = JSON.createObjectNode();
                }
            }
        }
        return body;
    }

    /** The record fields: the body under the root key when present (wrapped wins), else the body itself. */
    public ObjectNode record(String root) {
        JsonNode b = json();
        if (!b.isObject()) {
            throw ApiException.badRequest("json.invalid");
        }
        if (b.has(root)) {
            if (!b.get(root).isObject()) {
                throw ApiException.badRequest("type.invalid", root);
            }
            return (ObjectNode) b.get(root);
        }
        ObjectNode copy = ((ObjectNode) b).deepCopy();
        copy.remove("unique_identifier");
        return copy;
    }

    public String formAttribute(String name) {
        return ctx.request().getFormAttribute(name);
    }

    public FileUpload upload(String name) {
        for (FileUpload f : ctx.fileUploads()) {
            if (name.equals(f.name())) {
                return f;
            }
        }
        return null;
    }

    /** Absolute base URL of the API as the client called it, e.g. http://127.0.0.1:8091/crm/sales/api. */
    public String apiBaseUrl() {
        String host = ctx.request().getHeader("Host");
        if (host == null) {
            host = ctx.request().authority() == null ? "localhost" : ctx.request().authority().toString();
        }
        return ctx.request().scheme() + "://" + host + prefix;
    }
}
