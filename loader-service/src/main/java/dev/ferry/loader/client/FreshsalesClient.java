package dev.ferry.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Freshsales operations the loader uses, in Freshsales' own shapes (see the reference, sections 5.1-5.15). */
public class FreshsalesClient {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern JOB_ID = Pattern.compile("job_statuses/(\\d+)");

    private final FreshsalesHttp http;

    public FreshsalesClient(FreshsalesHttp http) {
        this.http = http;
    }

    public FreshsalesHttp http() {
        return http;
    }

    /** {@code POST /{target}/upsert} with the wrapped body; 201 created, 200 updated. */
    public UpsertResult upsert(FreshsalesTarget target, Map<String, String> identifier, ObjectNode fields)
            throws InterruptedException {
        ObjectNode body = F.objectNode();
        ObjectNode ui = body.putObject("unique_identifier");
        identifier.forEach(ui::put);
        body.set(target.rootKey(null), fields);
        FreshsalesResponse r = http.call("POST", "/" + target.path() + "/upsert", "/" + target.path() + "/upsert", body);
        JsonNode record = unwrap(r.json(), target);
        if (!record.path("id").canConvertToLong()) {
            throw new FreshsalesException.NoAnswer("POST /" + target.path() + "/upsert", r.status(),
                    "the answer carries no record id");
        }
        return new UpsertResult(record.get("id").asLong(), r.status() == 201, (ObjectNode) record);
    }

    /**
     * {@code POST /{target}} with the wrapped body: a new record (for targets without an upsert, whose records the
     * loader finds again by a custom field before it ever creates twice).
     */
    public UpsertResult create(FreshsalesTarget target, ObjectNode fields) throws InterruptedException {
        ObjectNode body = F.objectNode();
        body.set(target.rootKey(null), fields);
        String template = "/" + target.path();
        return written(http.call("POST", template, template, body), target, "POST " + template, true);
    }

    /** {@code PUT /{target}/{id}} with the wrapped body: only the fields sent change. */
    public UpsertResult update(FreshsalesTarget target, long id, ObjectNode fields) throws InterruptedException {
        ObjectNode body = F.objectNode();
        body.set(target.rootKey(null), fields);
        String template = "/" + target.path() + "/{id}";
        return written(http.call("PUT", "/" + target.path() + "/" + id, template, body), target, "PUT " + template,
                false);
    }

    private static UpsertResult written(FreshsalesResponse r, FreshsalesTarget target, String what, boolean created) {
        JsonNode record = unwrap(r.json(), target);
        if (!record.path("id").canConvertToLong()) {
            throw new FreshsalesException.NoAnswer(what, r.status(), "the answer carries no record id");
        }
        return new UpsertResult(record.get("id").asLong(), created, (ObjectNode) record);
    }

    /**
     * {@code POST /{target}/bulk_upsert}: each item is the identifier at item level plus the fields under
     * {@code data}. Returns the job's id (the {@code job_status_url} is only trusted for its id: the key is never sent
     * to a host other than the configured one).
     */
    public long submitBulk(FreshsalesTarget target, List<Map.Entry<Map<String, String>, ObjectNode>> items)
            throws InterruptedException {
        ObjectNode body = F.objectNode();
        ArrayNode list = body.putArray(target.path());
        for (Map.Entry<Map<String, String>, ObjectNode> item : items) {
            ObjectNode o = list.addObject();
            item.getKey().forEach(o::put);
            o.set("data", item.getValue());
        }
        String template = "/" + target.path() + "/bulk_upsert";
        FreshsalesResponse r = http.call("POST", template, template, body);
        String url = r.json().path("job_status_url").asText("");
        Matcher m = JOB_ID.matcher(url);
        if (!m.find()) {
            throw new FreshsalesException.NoAnswer("POST " + template, r.status(), "the answer carries no job_status_url");
        }
        return Long.parseLong(m.group(1));
    }

    /** {@code GET /job_statuses/{id}}. */
    public BulkJobStatus jobStatus(long jobId) throws InterruptedException {
        return BulkJobStatus.parse(http.call("GET", "/job_statuses/" + jobId, "/job_statuses/{id}", null).json());
    }

    /** {@code GET /lookup?q=&f=&entities=}: exact matches of one value (a custom field, a name, an e-mail). */
    public List<ObjectNode> lookup(FreshsalesTarget target, String field, String value) throws InterruptedException {
        String entity = target.rootKey(null);
        String path = "/lookup?q=" + enc(value) + "&f=" + enc(field) + "&entities=" + enc(entity);
        JsonNode root = http.call("GET", path, "/lookup", null).json();
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode n : root.path(target.path()).path(target.path())) {
            if (n.isObject()) {
                out.add((ObjectNode) n);
            }
        }
        return out;
    }

    /**
     * {@code POST /filtered_search/{entity}} (products: {@code POST /cpq/products/filterize}) with one {@code is_in}
     * rule: the records whose field holds one of the values (up to 100 per page). Filtered-search hits are thin (no
     * custom fields); whether filterize's carry them is not documented, so callers must not rely on it.
     */
    public List<ObjectNode> searchIn(FreshsalesTarget target, String field, Collection<String> values)
            throws InterruptedException {
        ObjectNode body = F.objectNode();
        ObjectNode rule = body.putArray("filter_rule").addObject();
        rule.put("attribute", field).put("operator", "is_in");
        ArrayNode v = rule.putArray("value");
        values.forEach(v::add);
        body.put("page", 1).put("per_page", 100);
        // Products are not a filtered_search entity: CPQ searches them with filterize (reference 5.9).
        String template = target == FreshsalesTarget.PRODUCT ? "/cpq/products/filterize"
                : "/filtered_search/" + target.rootKey(null);
        JsonNode root = http.call("POST", template, template, body).json();
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode n : root.path(target == FreshsalesTarget.PRODUCT ? "products" : target.path())) {
            if (n.isObject()) {
                out.add((ObjectNode) n);
            }
        }
        return out;
    }

    /** {@code GET /{target}/{id}}. */
    public ObjectNode get(FreshsalesTarget target, long id) throws InterruptedException {
        JsonNode root = http.call("GET", "/" + target.path() + "/" + id, "/" + target.path() + "/{id}", null).json();
        JsonNode record = unwrap(root, target);
        return record.isObject() ? (ObjectNode) record : F.objectNode();
    }

    /** {@code GET /selector/{name}}: the list under its root key ({@code owners} come under {@code users}). */
    public JsonNode selector(String name) throws InterruptedException {
        JsonNode root = http.call("GET", "/selector/" + name, "/selector/" + name, null).json();
        String key = "owners".equals(name) ? "users" : name;
        JsonNode list = root.path(key);
        if (list.isMissingNode() && root.isObject() && root.size() == 1) {
            list = root.elements().next();
        }
        return list.isArray() ? list : F.arrayNode();
    }

    /** {@code GET /settings/{module}/fields}: the field definitions. */
    public JsonNode fields(String module) throws InterruptedException {
        JsonNode list = http.call("GET", "/settings/" + module + "/fields", "/settings/" + module + "/fields", null)
                .json().path("fields");
        return list.isArray() ? list : F.arrayNode();
    }

    private static JsonNode unwrap(JsonNode root, FreshsalesTarget target) {
        JsonNode wrapped = root.path(target.rootKey(null));
        return wrapped.isObject() ? wrapped : root;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FreshsalesClient[" + http + "]";
    }
}
