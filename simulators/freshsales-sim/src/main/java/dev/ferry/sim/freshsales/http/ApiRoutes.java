package dev.ferry.sim.freshsales.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.FieldCatalog;
import dev.ferry.sim.freshsales.model.FieldDef;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.service.ApiException;
import dev.ferry.sim.freshsales.service.BulkJobService;
import dev.ferry.sim.freshsales.service.DocumentService;
import dev.ferry.sim.freshsales.service.FaultInjector;
import dev.ferry.sim.freshsales.service.RecordService;
import dev.ferry.sim.freshsales.service.Renderer;
import dev.ferry.sim.freshsales.service.RequestSummary;
import dev.ferry.sim.freshsales.service.SearchService;
import dev.ferry.sim.freshsales.service.Times;
import dev.ferry.sim.freshsales.service.ViewCatalog;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/** Every endpoint of the API below the prefix, as a route table. */
@ApplicationScoped
public class ApiRoutes {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> CORE = List.of("contacts", "sales_accounts", "deals", "leads");
    private static final List<String> TASK_FILTERS = List.of("open", "due_today", "due_tomorrow", "overdue", "completed");
    private static final List<String> APPOINTMENT_FILTERS = List.of("past", "upcoming");

    private final RecordService records;
    private final SearchService search;
    private final BulkJobService bulk;
    private final DocumentService documents;
    private final FaultInjector faults;
    private final RequestSummary summary;
    private final RouteTable table = new RouteTable();

    @Inject
    public ApiRoutes(RecordService records, SearchService search, BulkJobService bulk, DocumentService documents,
                     FaultInjector faults, RequestSummary summary) {
        this.records = records;
        this.search = search;
        this.bulk = bulk;
        this.documents = documents;
        this.faults = faults;
        this.summary = summary;
        register();
    }

    public RouteTable table() {
        return table;
    }

    private ModuleDef module(String name) {
        return records.setup().modules().get(name);
    }

    private SimSettings settings() {
        return records.settings();
    }

    private void register() {
        for (String name : CORE) {
            String p = "/" + name;
            java.util.function.Predicate<SimSettings> on = "leads".equals(name) ? s -> s.classicMode : s -> true;
            table.add("GET", p + "/filters", r -> ApiResponse.ok(ViewCatalog.filtersResponse(module(name), settings())), on);
            table.add("GET", p + "/view/{view_id}", r -> view(module(name), r), on);
            table.add("POST", p, r -> create(module(name), r), on);
            table.add("GET", p + "/{id}", r -> show(module(name), r), on);
            table.add("PUT", p + "/{id}", r -> update(module(name), r), on);
            table.add("DELETE", p + "/{id}", r -> delete(module(name), r), on);
            table.add("DELETE", p + "/{id}/forget", r -> forget(module(name), r), on);
            table.add("POST", p + "/bulk_destroy", r -> bulkDestroy(module(name), r), on);
            table.add("GET", p + "/{id}/document_associations", r -> ApiResponse.ok(documents.associations(module(name), r.id("id"))), on);
            if (!"leads".equals(name)) {
                table.add("POST", p + "/upsert", r -> upsert(module(name), r));
                table.add("POST", p + "/bulk_upsert", r -> bulkUpsert(module(name), r));
                table.add("GET", p + "/{id}/notes", r -> childList(module(name), r.id("id"), module("notes"), r));
                // A record's tasks and sales activities, read per parent like its notes. Freshsales Suite serves a
                // deal's tasks at /crm/sales/deals/{id}/tasks (reference 1.1) and side-loads a contact's with
                // include=tasks; this sandbox lists both per parent under the API prefix, which is what the loader's
                // one-listing-per-parent resolution of lost answers reads (issue 10).
                table.add("GET", p + "/{id}/tasks", r -> childList(module(name), r.id("id"), module("tasks"), r));
                table.add("GET", p + "/{id}/sales_activities",
                        r -> childList(module(name), r.id("id"), module("sales_activities"), r));
            }
        }
        String cm = "/custom_module/{entity}";
        table.add("GET", cm + "/filters", r -> ApiResponse.ok(ViewCatalog.filtersResponse(custom(r), settings())));
        table.add("GET", cm + "/view/{view_id}", r -> view(custom(r), r));
        table.add("POST", cm, r -> create(custom(r), r));
        table.add("GET", cm + "/{id}", r -> show(custom(r), r));
        table.add("PUT", cm + "/{id}", r -> update(custom(r), r));
        table.add("DELETE", cm + "/{id}", r -> delete(custom(r), r));
        table.add("DELETE", cm + "/{id}/forget", r -> forget(custom(r), r));
        table.add("POST", cm + "/bulk_destroy", r -> bulkDestroy(custom(r), r));

        for (String name : List.of("sales_activities", "appointments", "tasks")) {
            String p = "/" + name;
            table.add("POST", p, r -> create(module(name), r));
            table.add("GET", p, r -> activityList(module(name), r));
            table.add("GET", p + "/{id}", r -> show(module(name), r));
            table.add("PUT", p + "/{id}", r -> update(module(name), r));
            table.add("DELETE", p + "/{id}", r -> delete(module(name), r));
        }
        table.add("POST", "/notes", r -> create(module("notes"), r));
        table.add("PUT", "/notes/{id}", r -> update(module("notes"), r));
        table.add("DELETE", "/notes/{id}", r -> delete(module("notes"), r));

        table.add("POST", "/cpq/products", r -> create(module("products"), r));
        // Products have no /lookup or /filtered_search entity; CPQ searches them with filterize (reference 5.9).
        table.add("POST", "/cpq/products/filterize", r -> {
            JsonNode body = r.json();
            return ApiResponse.ok(search.filteredSearch(module("products"), body, r.page(body), r.perPage(body),
                    Renderer.Detail.FULL));
        });
        table.add("GET", "/cpq/products/{id}", r -> show(module("products"), r));
        table.add("PUT", "/cpq/products/{id}", r -> update(module("products"), r));
        table.add("DELETE", "/cpq/products/{id}", r -> delete(module("products"), r));
        table.add("PUT", "/cpq/products/{id}/restore", r -> {
            ModuleDef m = module("products");
            return ApiResponse.ok(wrap(m, records.restore(m, r.id("id")), Set.of()));
        });

        table.add("POST", "/documents", r -> {
            io.vertx.ext.web.FileUpload f = r.upload("file");
            DocumentService.Upload u = new DocumentService.Upload(f == null ? null : java.nio.file.Path.of(f.uploadedFileName()),
                    f == null ? null : f.fileName(), f == null ? null : f.contentType(), f == null ? 0 : f.size(),
                    r.formAttribute("file_name"), r.formAttribute("is_shared"), r.formAttribute("targetable_type"),
                    r.formAttribute("targetable_id"));
            return ApiResponse.ok(documents.upload(u, r.apiBaseUrl()));
        });
        table.add("POST", "/document_links", r -> ApiResponse.ok(documents.link(r.record("document_link"), r.apiBaseUrl())));
        table.add("DELETE", "/documents/{id}", r -> delete(module("documents"), r));

        table.add("GET", "/selector/{name}", this::selector);
        table.add("GET", "/selector/deal_pipelines/{id}/deal_stages", r -> {
            JsonNode p = records.setup().selectorEntry("deal_pipelines", r.id("id"));
            if (p == null) {
                throw ApiException.notFound();
            }
            ObjectNode out = F.objectNode();
            out.set("deal_stages", p.path("deal_stages"));
            return ApiResponse.ok(out);
        });
        table.add("GET", "/selector/sales_activity_types/{id}/sales_activity_outcomes", r -> {
            long typeId = r.id("id");
            if (records.setup().selectorEntry("sales_activity_types", typeId) == null) {
                throw ApiException.notFound();
            }
            ArrayNode arr = F.arrayNode();
            records.setup().selector("sales_activity_outcomes").forEach(o -> {
                if (o.path("sales_activity_type_id").asLong() == typeId) {
                    arr.add(o);
                }
            });
            ObjectNode out = F.objectNode();
            out.set("sales_activity_outcomes", arr);
            return ApiResponse.ok(out);
        });
        table.add("GET", "/settings/{module}/fields", this::fields);
        table.add("GET", "/settings/module_customizations", r -> {
            ObjectNode out = F.objectNode();
            ArrayNode arr = out.putArray("module_customizations");
            for (FieldCatalog.CustomModule c : records.setup().fields().customModules()) {
                arr.addObject().put("id", c.id()).put("entity_name", c.entityName()).put("entity_label", c.label())
                        .put("singular_label", c.singularLabel()).put("custom", true);
            }
            return ApiResponse.ok(out);
        });

        table.add("GET", "/lookup", r -> ApiResponse.ok(search.lookup(r.query("q"), r.query("f"), r.query("entities"))));
        table.add("GET", "/search", r -> ApiResponse.ok(search.globalSearch(r.query("q"), r.query("include"), r.perPage(null))));
        table.add("POST", "/filtered_search/{entity}", r -> {
            ModuleDef m = records.setup().modules().bySearchEntity(r.param("entity"));
            if (m == null || (m.classicOnly() && !settings().classicMode)) {
                throw new ApiException(404, "route.not_found");
            }
            JsonNode body = r.json();
            return ApiResponse.ok(search.filteredSearch(m, body, r.page(body), r.perPage(body)));
        });
        table.add("GET", "/job_statuses/{id}", r -> ApiResponse.ok(bulk.status(r.id("id"))));
    }

    private ModuleDef custom(ApiRequest r) {
        ModuleDef m = module(r.param("entity"));
        if (m == null || !m.isCustomModule()) {
            throw new ApiException(404, "route.not_found");
        }
        return m;
    }

    // ---------------------------------------------------------------- handlers

    ObjectNode wrap(ModuleDef m, ObjectNode doc, Set<String> include) {
        ObjectNode out = F.objectNode();
        out.set(m.root(), records.renderer().render(m, doc, Renderer.Detail.FULL, include));
        return out;
    }

    private ApiResponse create(ModuleDef m, ApiRequest r) {
        ObjectNode doc = records.create(m, r.record(m.root()));
        int status = settings().createStatus.getOrDefault(m.name(), settings().createStatus.getOrDefault("*", 201));
        return ApiResponse.of(status, wrap(m, doc, r.include()));
    }

    private ApiResponse show(ModuleDef m, ApiRequest r) {
        return ApiResponse.ok(wrap(m, records.get(m, r.id("id")), r.include()));
    }

    private ApiResponse update(ModuleDef m, ApiRequest r) {
        return ApiResponse.ok(wrap(m, records.update(m, r.id("id"), r.record(m.root())), r.include()));
    }

    private ApiResponse deleted() {
        return settings().deleteResponse == SimSettings.DeleteResponse.NO_CONTENT_204
                ? ApiResponse.of(204, null) : ApiResponse.ok(BooleanNode.TRUE);
    }

    private ApiResponse delete(ModuleDef m, ApiRequest r) {
        records.delete(m, r.id("id"));
        return deleted();
    }

    private ApiResponse forget(ModuleDef m, ApiRequest r) {
        records.forget(m, r.id("id"));
        return deleted();
    }

    private ApiResponse bulkDestroy(ModuleDef m, ApiRequest r) {
        JsonNode body = r.json();
        JsonNode ids = body.path("selected_ids");
        if (!ids.isArray()) {
            throw ApiException.badRequest("type.invalid", "selected_ids");
        }
        if (ids.size() > settings().bulkMaxItems) {
            throw ApiException.badRequest("bulk.too_many", settings().bulkMaxItems);
        }
        List<Long> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong() && !(id.isTextual() && id.asText().matches("\\d+"))) {
                throw ApiException.badRequest("type.invalid", "selected_ids");
            }
            list.add(id.asLong());
        }
        int n = records.bulkDestroy(m, list, body.path("delete_associated_contacts_deals").asBoolean(false));
        ObjectNode out = F.objectNode();
        out.put("message", n + " " + m.name() + " deleted");
        return ApiResponse.ok(out);
    }

    private ApiResponse upsert(ModuleDef m, ApiRequest r) {
        JsonNode body = r.json();
        JsonNode ui = body.path("unique_identifier");
        if (!ui.isObject() || ui.isEmpty()) {
            throw ApiException.badRequest("upsert.identifier_missing");
        }
        if (ui.size() > 1) {
            throw ApiException.badRequest("upsert.identifier_single");
        }
        String field = ui.fieldNames().next();
        if (!upsertIdentifierAllowed(m, field)) {
            throw ApiException.badRequest("upsert.identifier_invalid", field);
        }
        JsonNode value = ui.get(field);
        if (!(value.isTextual() || value.isNumber() || (value.isArray() && value.size() == 1))) {
            throw ApiException.badRequest("type.invalid", field);
        }
        RecordService.Upserted u = records.upsert(m, field, value, r.record(m.root()));
        return ApiResponse.of(u.created() ? 201 : 200, wrap(m, u.doc(), r.include()));
    }

    /** Upsert identifiers: contacts emails / mobile_number, accounts name, any module a cf_ text or number field. */
    boolean upsertIdentifierAllowed(ModuleDef m, String field) {
        if (field.startsWith("cf_")) {
            FieldDef def = records.setup().fields().field(m.name(), field);
            return def != null && def.isCustom() && Set.of("text", "number").contains(def.type);
        }
        return switch (m.name()) {
            case "contacts" -> "emails".equals(field) || "mobile_number".equals(field);
            case "sales_accounts" -> "name".equals(field);
            default -> false;
        };
    }

    private ApiResponse bulkUpsert(ModuleDef m, ApiRequest r) {
        if (faults.bulkUpsert405()) {
            summary.fault("bulkUpsert405");
            throw new ApiException(405, "method.not_allowed");
        }
        long id = bulk.submit(m, r.json());
        ObjectNode out = F.objectNode();
        out.put("job_status_url", r.apiBaseUrl() + "/job_statuses/" + id);
        out.put("message", "Your request is being processed. Use the job_status_url to track its progress.");
        return ApiResponse.ok(out);
    }

    private ApiResponse view(ModuleDef m, ApiRequest r) {
        ViewCatalog.View v = ViewCatalog.find(m, settings(), r.id("view_id"));
        if (v == null) {
            throw new ApiException(404, "view.not_found");
        }
        ModuleTable t = records.store().table(m.name());
        IntPredicate filter = ViewCatalog.filter(v, t, records.setup().apiUserId());
        return listResponse(m, filter, r);
    }

    private ApiResponse listResponse(ModuleDef m, IntPredicate filter, ApiRequest r) {
        int page = r.page(null);
        int perPage = r.perPage(null);
        RecordService.Page p = records.list(m, filter, RecordService.Sort.of(r.query("sort"), r.query("sort_type")), page, perPage);
        List<ObjectNode> docs = p.docs();
        if (docs.size() == perPage && page < p.totalPages()) {
            int keep = faults.shortPage(perPage);
            if (keep >= 0) {
                summary.fault("shortPage");
                docs = docs.subList(0, keep);
            }
        }
        ObjectNode out = F.objectNode();
        ArrayNode arr = out.putArray(m.listRoot());
        Renderer renderer = records.renderer();
        Set<String> include = r.include();
        docs.forEach(d -> arr.add(renderer.render(m, d, Renderer.Detail.FULL, include)));
        out.putObject("meta").put("total_pages", p.totalPages()).put("total", p.total());
        return ApiResponse.ok(out);
    }

    private ApiResponse childList(ModuleDef parent, long parentId, ModuleDef child, ApiRequest r) {
        boolean exists = records.store().read(() -> {
            ModuleTable pt = records.store().table(parent.name());
            int slot = pt.slotOf(parentId);
            return slot >= 0 && !pt.isDeleted(slot);
        });
        if (!exists) {
            throw ApiException.notFound();
        }
        ModuleTable t = records.store().table(child.name());
        byte code = parent.code();
        return listResponse(child, s -> t.parentAt(s) == parentId && t.parentTypeAt(s) == code, r);
    }

    private ApiResponse activityList(ModuleDef m, ApiRequest r) {
        ModuleTable t = records.store().table(m.name());
        ZoneOffset offset = ZoneOffset.of(settings().accountUtcOffset);
        long now = records.clock().nowMillis();
        String filter = r.query("filter");
        IntPredicate pred;
        switch (m.name()) {
            case "tasks" -> {
                if (filter == null || !TASK_FILTERS.contains(filter)) {
                    throw ApiException.badRequest("filter.required", String.join(", ", TASK_FILTERS));
                }
                String today = Times.today(now, offset);
                String tomorrow = OffsetDateTime.ofInstant(Instant.ofEpochMilli(now), offset).toLocalDate().plusDays(1).toString();
                pred = s -> {
                    ObjectNode d = RecordCodec.decode(t.bytesAt(s));
                    int status = d.path("status").asInt();
                    long due = d.path("due_date").asLong();
                    String dueDay = d.has("due_date") ? Times.today(due, offset) : "";
                    return switch (filter) {
                        case "open" -> status == 0;
                        case "completed" -> status == 1;
                        case "overdue" -> status == 0 && d.has("due_date") && due < now;
                        case "due_today" -> status == 0 && today.equals(dueDay);
                        default -> status == 0 && tomorrow.equals(dueDay);
                    };
                };
            }
            case "appointments" -> {
                if (filter == null || !APPOINTMENT_FILTERS.contains(filter)) {
                    throw ApiException.badRequest("filter.required", String.join(", ", APPOINTMENT_FILTERS));
                }
                pred = s -> {
                    ObjectNode d = RecordCodec.decode(t.bytesAt(s));
                    return "past".equals(filter) ? d.path("end_date").asLong() < now : d.path("from_date").asLong() >= now;
                };
            }
            default -> pred = s -> true;
        }
        return listResponse(m, pred, r);
    }

    private ApiResponse selector(ApiRequest r) {
        String name = r.param("name");
        ObjectNode out = F.objectNode();
        if ("owners".equals(name)) {
            out.set("users", records.setup().users());
            return ApiResponse.ok(out);
        }
        if ("deal_products".equals(name)) {
            ArrayNode arr = out.putArray("deal_products");
            ModuleDef pm = module("products");
            records.store().read(() -> {
                ModuleTable t = records.store().table(pm.name());
                for (int s = 0; s < t.slots(); s++) {
                    if (!t.isForgotten(s) && !t.isDeleted(s)) {
                        ObjectNode d = RecordCodec.decode(t.bytesAt(s));
                        arr.addObject().put("id", d.path("id").asLong()).put("name", d.path("name").asText())
                                .put("position", arr.size());
                    }
                }
                return null;
            });
            return ApiResponse.ok(out);
        }
        ArrayNode list = records.setup().selector(name);
        if (list == null) {
            throw new ApiException(404, "route.not_found");
        }
        out.set(name, list);
        return ApiResponse.ok(out);
    }

    private ApiResponse fields(ApiRequest r) {
        String module = r.param("module");
        ModuleDef m = module(module);
        if (m == null || !records.setup().fields().hasModule(module) || (m.classicOnly() && !settings().classicMode)) {
            throw new ApiException(404, "route.not_found");
        }
        ObjectNode out = F.objectNode();
        ArrayNode arr = out.putArray("fields");
        for (FieldDef f : records.setup().fields().fields(module)) {
            ObjectNode o = arr.addObject();
            o.put("id", f.id).put("label", f.label).put("name", f.name).put("type", f.type).put("default", f.isDefault)
                    .put("actionable", true).put("position", f.position).put("required", f.required).put("visible", true)
                    .put("base_model", m.root()).putNull("field_group_id").put("creatable", true);
            ArrayNode choices = o.putArray("choices");
            for (FieldDef.Choice c : f.choices) {
                choices.addObject().put("id", c.id).put("value", c.value).put("position", c.position);
            }
            if (f.lookupModule != null) {
                o.put("auto_suggest_url", "/search?include=" + (module(f.lookupModule) == null ? f.lookupModule
                        : module(f.lookupModule).searchEntity()));
            }
        }
        return ApiResponse.ok(out);
    }

    static boolean isWrite(String method) {
        return !"GET".equals(method);
    }

    /** Used by tests and the catalogue check: every module with routes. */
    public static List<String> coreModules() {
        return CORE;
    }

}
