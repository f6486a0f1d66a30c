package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.model.AccountSetup;
import dev.ferry.sim.freshsales.model.FieldKind;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.model.SystemField;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import dev.ferry.sim.freshsales.store.RecordStore;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Turns a stored (sparse) document into the API's record shape: every system field present (null when unset),
 * timestamps with the account offset, custom fields under custom_field, server-computed fields.
 */
public final class Renderer {

    /** How much to show. */
    public enum Detail {
        /** A single-record or list response; link fields only with include=. */
        FULL,
        /** filtered_search hits: a handful of fields, no custom_field. */
        THIN,
        /** /_sim/state: the full shape plus the link fields as stored (sales_accounts, contact_ids, products). */
        STATE
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<FieldKind> DATETIMES = Set.of(FieldKind.DATETIME);

    private final AccountSetup setup;
    private final RecordStore store;
    private final ZoneOffset offset;
    private final boolean classic;
    private final String linkPrefix;

    public Renderer(AccountSetup setup, RecordStore store, ZoneOffset offset, boolean classic) {
        this.setup = setup;
        this.store = store;
        this.offset = offset;
        this.classic = classic;
        this.linkPrefix = classic ? "" : "/crm/sales";
    }

    public ObjectNode render(ModuleDef m, ObjectNode doc, Detail detail, Set<String> include) {
        ObjectNode full = renderFull(m, doc, detail, include);
        if (detail != Detail.THIN || m.thinFields().isEmpty()) {
            return full;
        }
        ObjectNode thin = F.objectNode();
        for (String f : m.thinFields()) {
            thin.set(f, full.path(f).isMissingNode() ? F.nullNode() : full.get(f));
        }
        return thin;
    }

    private ObjectNode renderFull(ModuleDef m, ObjectNode doc, Detail detail, Set<String> include) {
        ObjectNode out = F.objectNode();
        long id = doc.path("id").asLong();
        out.put("id", id);
        for (SystemField f : m.fields().values()) {
            if (!f.render()) {
                continue;
            }
            if ("targetable_type".equals(f.name()) || "targetable_id".equals(f.name())) {
                if (suiteTargetables(m)) {
                    continue;
                }
            }
            JsonNode v = doc.get(f.name());
            if (f.kind() == FieldKind.EMAIL) {
                out.set("email", primaryEmail(doc));
            } else if (f.kind() == FieldKind.EMAILS) {
                ArrayNode emails = out.putArray("emails");
                for (JsonNode e : doc.path("emails")) {
                    ObjectNode o = emails.addObject();
                    o.set("id", e.get("id"));
                    o.set("value", e.get("value"));
                    o.put("is_primary", e.path("is_primary").asBoolean());
                    o.set("label", e.path("label").isMissingNode() ? F.nullNode() : e.get("label"));
                    o.put("_destroy", false);
                }
            } else if (v == null) {
                out.set(f.name(), f.kind() == FieldKind.TAGS ? F.arrayNode() : F.nullNode());
            } else if (DATETIMES.contains(f.kind()) && v.isNumber()) {
                out.put(f.name(), Times.format(v.asLong(), offset));
            } else {
                out.set(f.name(), v);
            }
        }
        if (suiteTargetables(m)) {
            ArrayNode t = out.putArray("targetables");
            if (doc.hasNonNull("targetable_id")) {
                t.addObject().put("id", doc.get("targetable_id").asLong()).put("type", doc.path("targetable_type").asText());
            }
        }
        switch (m.name()) {
            case "contacts", "leads" -> out.put("display_name", displayName(doc));
            case "deals" -> {
                out.set("base_currency_amount", doc.path("amount").isMissingNode() ? F.nullNode() : doc.get("amount"));
                out.set("stage_updated_time", doc.has("stage_updated_time")
                        ? F.textNode(Times.format(doc.get("stage_updated_time").asLong(), offset)) : F.nullNode());
                out.put("has_products", doc.path("products").size() > 0);
            }
            case "tasks" -> out.set("completed_date", doc.has("completed_date")
                    ? F.textNode(Times.format(doc.get("completed_date").asLong(), offset)) : F.nullNode());
            case "documents" -> out.put("content_file_size_readable", readable(doc.path("content_file_size").asLong()));
            case "appointments" -> out.put("provider", "freshsales");
            default -> { }
        }
        if (detail != Detail.THIN) {
            out.set("custom_field", doc.has("custom_field") ? doc.get("custom_field") : F.objectNode());
        }
        links(m, doc, out, detail, include);
        out.put("is_deleted", doc.path("is_deleted").asBoolean(false));
        if (m.recordTypeId() != null) {
            out.put("record_type_id", m.recordTypeId());
        }
        out.set("creater_id", doc.path("creater_id").isMissingNode() ? F.nullNode() : doc.get("creater_id"));
        out.set("updater_id", doc.path("updater_id").isMissingNode() ? F.nullNode() : doc.get("updater_id"));
        out.put("created_at", Times.format(doc.path("created_at").asLong(), offset));
        out.put("updated_at", Times.format(doc.path("updated_at").asLong(), offset));
        if (m.core() && !m.isCustomModule()) {
            ObjectNode links = out.putObject("links");
            String base = linkPrefix + "/" + m.name() + "/" + id;
            links.put("conversations", base + "/conversations/all?include=email_conversation_recipients%2Ctargetable&per_page=3");
            links.put("notes", base + "/notes?include=creater");
            links.put("document_associations", base + "/document_associations");
        }
        return out;
    }

    private boolean suiteTargetables(ModuleDef m) {
        return !classic && (m.name().equals("tasks") || m.name().equals("appointments"));
    }

    private void links(ModuleDef m, ObjectNode doc, ObjectNode out, Detail detail, Set<String> include) {
        boolean state = detail == Detail.STATE;
        if (m.name().equals("contacts") && (state || include.contains("sales_accounts"))) {
            ArrayNode arr = out.putArray("sales_accounts");
            for (JsonNode l : doc.path("sales_accounts")) {
                ObjectNode o = arr.addObject();
                o.put("id", l.path("id").asLong());
                if (!state) {
                    ObjectNode acc = load("sales_accounts", l.path("id").asLong());
                    o.set("name", acc == null ? F.nullNode() : acc.get("name"));
                    o.put("partial", true);
                }
                o.put("is_primary", l.path("is_primary").asBoolean());
            }
        }
        if (m.name().equals("deals")) {
            if (state) {
                ArrayNode ids = out.putArray("contact_ids");
                doc.path("contact_ids").forEach(ids::add);
            } else if (include.contains("contacts")) {
                ArrayNode arr = out.putArray("contacts");
                for (JsonNode cid : doc.path("contact_ids")) {
                    ObjectNode c = load("contacts", cid.asLong());
                    if (c != null) {
                        arr.add(render(setup.modules().get("contacts"), c, Detail.THIN, Set.of()));
                    }
                }
            }
            if (state || include.contains("products")) {
                ArrayNode arr = out.putArray("products");
                for (JsonNode l : doc.path("products")) {
                    ObjectNode o = arr.addObject();
                    o.put("id", l.path("id").asLong());
                    if (!state) {
                        ObjectNode p = load("products", l.path("id").asLong());
                        o.set("name", p == null ? F.nullNode() : p.get("name"));
                    }
                    o.set("quantity", l.path("quantity"));
                    o.set("unit_price", l.path("unit_price").isMissingNode() ? F.nullNode() : l.get("unit_price"));
                }
            }
        }
    }

    private ObjectNode load(String module, long id) {
        ModuleTable t = store.table(module);
        int slot = t.slotOf(id);
        return slot < 0 ? null : RecordCodec.decode(t.bytesAt(slot));
    }

    static JsonNode primaryEmail(ObjectNode doc) {
        for (JsonNode e : doc.path("emails")) {
            if (e.path("is_primary").asBoolean()) {
                return e.get("value");
            }
        }
        return doc.path("email").isTextual() ? doc.get("email") : F.nullNode();
    }

    static String displayName(ObjectNode doc) {
        String first = doc.path("first_name").asText("");
        String last = doc.path("last_name").asText("");
        String name = (first + " " + last).trim();
        if (!name.isEmpty()) {
            return name;
        }
        JsonNode email = primaryEmail(doc);
        if (!email.isNull()) {
            return email.asText();
        }
        return doc.path("mobile_number").asText("");
    }

    private static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
