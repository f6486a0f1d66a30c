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
    public UpsertResult upsert(WriteTarget target, Map<String, String> identifier, ObjectNode fields)
            throws InterruptedException {
        String template = "/" + target.requirePath() + "/upsert";
        ObjectNode body = F.objectNode();
        ObjectNode ui = body.putObject("unique_identifier");
        identifier.forEach(ui::put);
        body.set(target.rootKey(), fields);
        FreshsalesResponse r = http.call("POST", template, template, body);
        JsonNode record = unwrap(r.json(), target);
        if (!record.path("id").canConvertToLong()) {
            throw new FreshsalesException.NoAnswer("POST " + template, r.status(), "the answer carries no record id");
        }
        return new UpsertResult(record.get("id").asLong(), r.status() == 201, (ObjectNode) record);
    }

    /**
     * {@code POST /{target}} with the wrapped body: a new record (for targets without an upsert, whose records the
     * loader finds again by a custom field before it ever creates twice). A custom-module record goes to
     * {@code POST /custom_module/{entity}} as {@code {"<entity>": {...}}}.
     */
    public UpsertResult create(WriteTarget target, ObjectNode fields) throws InterruptedException {
        String template = "/" + target.requirePath();
        ObjectNode body = F.objectNode();
        body.set(target.rootKey(), fields);
        return written(http.call("POST", template, template, body), target, "POST " + template, true);
    }

    /** {@code PUT /{target}/{id}} with the wrapped body: only the fields sent change. */
    public UpsertResult update(WriteTarget target, long id, ObjectNode fields) throws InterruptedException {
        String template = "/" + target.requirePath() + "/{id}";
        ObjectNode body = F.objectNode();
        body.set(target.rootKey(), fields);
        return written(http.call("PUT", "/" + target.path() + "/" + id, template, body), target, "PUT " + template,
                false);
    }

    private static UpsertResult written(FreshsalesResponse r, WriteTarget target, String what, boolean created) {
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
    public long submitBulk(WriteTarget target, List<Map.Entry<Map<String, String>, ObjectNode>> items)
            throws InterruptedException {
        if (!target.supportsBulkUpsert()) {
            throw new IllegalArgumentException(target + " has no bulk_upsert");
        }
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
    public List<ObjectNode> lookup(WriteTarget target, String field, String value) throws InterruptedException {
        if (!target.hasLookup()) {
            throw new IllegalArgumentException(target + " is no /lookup entity; search it instead");
        }
        String entity = target.searchEntity();
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
     * custom fields; a custom module's too); whether filterize's carry them is not documented, so callers must not
     * rely on it.
     */
    public List<ObjectNode> searchIn(WriteTarget target, String field, Collection<String> values)
            throws InterruptedException {
        target.requirePath();
        ObjectNode body = F.objectNode();
        ObjectNode rule = body.putArray("filter_rule").addObject();
        rule.put("attribute", field).put("operator", "is_in");
        ArrayNode v = rule.putArray("value");
        values.forEach(v::add);
        body.put("page", 1).put("per_page", 100);
        // Products are not a filtered_search entity: CPQ searches them with filterize (reference 5.9).
        String template = target.target() == FreshsalesTarget.PRODUCT ? "/cpq/products/filterize"
                : "/filtered_search/" + target.searchEntity();
        JsonNode root = http.call("POST", template, template, body).json();
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode n : hitList(root, target)) {
            if (n.isObject()) {
                out.add((ObjectNode) n);
            }
        }
        return out;
    }

    /**
     * The hits of a search answer, under the target's list root. A custom module's answer is documented only as
     * "wrapped the same way", so when its entity name is not the key, the one list beside {@code meta} is taken.
     */
    static JsonNode hitList(JsonNode root, WriteTarget target) {
        JsonNode list = root.path(target.listRoot());
        if (list.isArray() || target.entity() == null || !root.isObject()) {
            return list;
        }
        List<JsonNode> lists = new ArrayList<>();
        root.fields().forEachRemaining(e -> {
            if (!"meta".equals(e.getKey()) && e.getValue().isArray()) {
                lists.add(e.getValue());
            }
        });
        return lists.size() == 1 ? lists.get(0) : F.arrayNode();
    }

    /**
     * {@code GET /{parent}/{id}/{children}?page=&per_page=100}: every record of {@code child}'s kind on one parent (a
     * contact's notes, tasks or sales activities), page by page until a page is empty or the last page was read
     * (pages may come short before the end, reference 2.2). One call per hundred children.
     *
     * @param parentType the parent's {@code targetable_type} ({@code Contact}, {@code Deal}, {@code SalesAccount})
     */
    public List<ObjectNode> listChildren(String parentType, long parentId, WriteTarget child)
            throws InterruptedException {
        String parentPath = parentPath(parentType);
        String template = "/" + parentPath + "/{id}/" + child.requirePath();
        List<ObjectNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode root = http.call("GET", "/" + parentPath + "/" + parentId + "/" + child.path() + "?page=" + page
                    + "&per_page=100", template, null).json();
            JsonNode list = root.path(child.listRoot());
            if (!list.isArray() || list.isEmpty()) {
                return out;
            }
            for (JsonNode n : list) {
                if (n.isObject()) {
                    out.add((ObjectNode) n);
                }
            }
            int totalPages = root.path("meta").path("total_pages").asInt(Integer.MAX_VALUE);
            if (page >= totalPages) {
                return out;
            }
        }
    }

    /**
     * {@code GET /{parent}/{id}/document_associations} (reference 5.13): the files and links on one parent, one call
     * for all of them as far as the reference shows (no pagination is documented). Pages are still followed when the
     * answer states more than one ({@code meta.total_pages}), and a page that brings no record not seen before ends
     * the listing, so a server that ignores {@code page} costs one extra call, never a loop.
     *
     * @param parentType the parent's {@code targetable_type} ({@code Contact}, {@code Deal}, {@code SalesAccount})
     */
    public List<ObjectNode> listDocuments(String parentType, long parentId) throws InterruptedException {
        String parentPath = parentPath(parentType);
        String template = "/" + parentPath + "/{id}/document_associations";
        List<ObjectNode> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode root = http.call("GET", "/" + parentPath + "/" + parentId + "/document_associations?page=" + page
                    + "&per_page=100", template, null).json();
            JsonNode list = root.path("document_associations");
            boolean fresh = false;
            for (JsonNode n : list) {
                if (n.isObject() && seen.add(n.path("id").asLong())) {
                    out.add((ObjectNode) n);
                    fresh = true;
                }
            }
            int totalPages = root.path("meta").path("total_pages").asInt(1);
            if (!fresh || page >= totalPages) {
                return out;
            }
        }
    }

    /**
     * {@code POST /documents}, {@code multipart/form-data} (reference 5.13), the file streamed from {@code body} (asked
     * again for each attempt). Returns the document as Freshsales answered it (unwrapped from {@code document} when
     * wrapped); an answer without an id is no answer. {@code timeout} covers the whole body and the answer's headers.
     */
    public ObjectNode uploadDocument(MultipartUpload form, java.time.Duration timeout,
            java.util.function.Supplier<java.io.InputStream> body) throws InterruptedException {
        FreshsalesResponse r = http.upload("/documents", "/documents", form.contentTypeHeader(), timeout, body);
        JsonNode root = r.json();
        JsonNode doc = root.path("document").isObject() ? root.path("document") : root;
        if (!doc.path("id").canConvertToLong()) {
            throw new FreshsalesException.NoAnswer("POST /documents", r.status(), "the answer carries no document id");
        }
        return (ObjectNode) doc;
    }

    /** The collection of a {@code targetable_type}; anything else cannot be addressed. */
    static String parentPath(String parentType) {
        return switch (parentType == null ? "" : parentType) {
            case "Contact" -> FreshsalesTarget.CONTACT.path();
            case "Deal" -> FreshsalesTarget.DEAL.path();
            case "SalesAccount" -> FreshsalesTarget.SALES_ACCOUNT.path();
            default -> throw new IllegalArgumentException("no parent collection for targetable_type " + parentType);
        };
    }

    /**
     * {@code GET /{target}/filters}: the id of the saved view that shows every live record of a core object ("All
     * Contacts", "All Accounts"; reference 2.1), or null when the account has none by that name. Deals have no such
     * view in every account, so they are not asked.
     */
    public Long allRecordsView(WriteTarget target) throws InterruptedException {
        String wanted = switch (target.target()) {
            case CONTACT -> "All Contacts";
            case SALES_ACCOUNT -> "All Accounts";
            default -> throw new IllegalArgumentException(target + " has no all-records view");
        };
        String template = "/" + target.requirePath() + "/filters";
        JsonNode root = http.call("GET", template, template, null).json();
        for (JsonNode f : root.path("filters")) {
            if (wanted.equalsIgnoreCase(f.path("name").asText("").trim()) && f.path("id").canConvertToLong()) {
                return f.path("id").asLong();
            }
        }
        return null;
    }

    /** One page of a view: its records (whole, custom fields included) and the page count the answer states. */
    public record ViewPage(List<ObjectNode> records, int totalPages) {
    }

    /**
     * {@code GET /{target}/view/{viewId}?page=&per_page=100&sort=updated_at&sort_type=desc}: the most recently updated
     * records first. View records are whole records, custom fields included, unlike filtered-search hits.
     */
    public ViewPage recentlyUpdated(WriteTarget target, long viewId, int page) throws InterruptedException {
        String template = "/" + target.requirePath() + "/view/{view_id}";
        JsonNode root = http.call("GET", "/" + target.path() + "/view/" + viewId + "?page=" + page
                + "&per_page=100&sort=updated_at&sort_type=desc", template, null).json();
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode n : root.path(target.listRoot())) {
            if (n.isObject()) {
                out.add((ObjectNode) n);
            }
        }
        return new ViewPage(out, root.path("meta").path("total_pages").asInt(Integer.MAX_VALUE));
    }

    /** {@code GET /{target}/{id}}. */
    public ObjectNode get(WriteTarget target, long id) throws InterruptedException {
        String template = "/" + target.requirePath() + "/{id}";
        JsonNode root = http.call("GET", "/" + target.path() + "/" + id, template, null).json();
        JsonNode record = unwrap(root, target);
        return record.isObject() ? (ObjectNode) record : F.objectNode();
    }

    /**
     * {@code DELETE /{target}/{id}} (products: {@code /cpq/products/{id}}, custom-module records:
     * {@code /custom_module/{entity}/{id}}). Contacts, accounts, deals and products go to the recycle bin (reference
     * section 6); notes, tasks and activities are gone. A record already gone answers 404
     * ({@link FreshsalesException.Refused}).
     */
    public void delete(WriteTarget target, long id) throws InterruptedException {
        String template = "/" + target.requirePath() + "/{id}";
        http.call("DELETE", "/" + target.path() + "/" + id, template, null);
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

    /**
     * {@code GET /settings/module_customizations}: the entity names of the account's custom modules (entries whose
     * {@code entity_name} is a {@code cm_*} name; anything else cannot be addressed and is left out).
     */
    public List<String> customModuleEntities() throws InterruptedException {
        String path = "/settings/module_customizations";
        List<String> out = new ArrayList<>();
        for (JsonNode m : http.call("GET", path, path, null).json().path("module_customizations")) {
            String entity = m.path("entity_name").asText(null);
            if (FreshsalesTarget.isCustomModuleEntity(entity) && !out.contains(entity)) {
                out.add(entity);
            }
        }
        return out;
    }

    private static JsonNode unwrap(JsonNode root, WriteTarget target) {
        JsonNode wrapped = root.path(target.rootKey());
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
