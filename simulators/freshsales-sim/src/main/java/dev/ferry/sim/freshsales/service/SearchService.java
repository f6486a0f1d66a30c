package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.model.FieldDef;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Exact lookup, filtered search and the fuzzy global search. */
@ApplicationScoped
public class SearchService {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> OPERATORS = Set.of("is_in", "contains", "is_after", "is_before", "is");
    private static final Set<String> TIME_FIELDS = Set.of("created_at", "updated_at");

    private final RecordService records;

    @Inject
    public SearchService(RecordService records) {
        this.records = records;
    }

    /** GET /lookup?q=&f=&entities= : exact match, nested per entity: {"contacts":{"contacts":[...]}}. */
    public ObjectNode lookup(String q, String f, String entities) {
        if (q == null || q.isBlank() || f == null || f.isBlank() || entities == null || entities.isBlank()) {
            throw ApiException.badRequest("lookup.params");
        }
        ObjectNode out = F.objectNode();
        Renderer r = records.renderer();
        for (String entity : entities.split(",")) {
            ModuleDef m = records.setup().modules().bySearchEntity(entity.trim());
            if (m == null || (m.classicOnly() && !records.settings().classicMode) || m.isCustomModule()) {
                throw ApiException.badRequest("field.invalid", "entities");
            }
            ArrayNode arr = out.putObject(m.name()).putArray(m.name());
            String field = "emails".equals(f) ? "email" : f;
            if (!searchable(m, field)) {
                continue;
            }
            records.ensureIndex(m, field);
            List<ObjectNode> docs = records.store().read(() -> {
                List<ObjectNode> found = new ArrayList<>();
                for (long id : records.matchesLocked(m, field, q, false)) {
                    found.add(records.find(m, id));
                }
                return found;
            });
            docs.forEach(d -> arr.add(r.render(m, d, Renderer.Detail.FULL, Set.of())));
        }
        return out;
    }

    private boolean searchable(ModuleDef m, String field) {
        if (field.startsWith("cf_")) {
            FieldDef def = records.setup().fields().field(m.name(), field);
            return def != null && Set.of("text", "number", "dropdown").contains(def.type);
        }
        return switch (field) {
            case "email" -> m.fields().containsKey("emails") || m.fields().containsKey("email");
            case "name", "mobile_number", "external_id", "website" -> m.fields().containsKey(field);
            default -> false;
        };
    }

    /** POST /filtered_search/{entity}: every rule must hold; hits are thin; meta.total. */
    public ObjectNode filteredSearch(ModuleDef m, JsonNode body, int page, int perPage) {
        return filteredSearch(m, body, page, perPage, Renderer.Detail.THIN);
    }

    /**
     * The same search with records rendered at {@code detail}: {@code POST /cpq/products/filterize} answers whole
     * products, custom fields included (a guess: the reference documents the endpoint and its {@code filter_rule}, not
     * the shape of its hits), where {@code /filtered_search} answers thin hits.
     */
    public ObjectNode filteredSearch(ModuleDef m, JsonNode body, int page, int perPage, Renderer.Detail detail) {
        JsonNode rules = body.path("filter_rule");
        if (!rules.isMissingNode() && !rules.isArray()) {
            throw ApiException.badRequest("type.invalid", "filter_rule");
        }
        List<Rule> parsed = new ArrayList<>();
        boolean deleted = false;
        for (JsonNode r : rules) {
            String attr = r.path("attribute").asText("");
            String op = r.path("operator").asText("");
            if (!OPERATORS.contains(op)) {
                throw ApiException.badRequest("search.operator_unknown", op);
            }
            if ("deleted".equals(attr)) {
                deleted = "1".equals(r.path("value").asText()) || r.path("value").asBoolean(false);
                continue;
            }
            if (!knownAttribute(m, attr)) {
                throw ApiException.badRequest("search.attribute_unknown", attr);
            }
            parsed.add(new Rule(attr, op, r.path("value")));
        }
        boolean wantDeleted = deleted;
        ZoneOffset offset = ZoneOffset.of(records.settings().accountUtcOffset);
        List<ObjectNode> hits = records.store().read(() -> {
            ModuleTable t = records.store().table(m.name());
            List<ObjectNode> out = new ArrayList<>();
            for (int s = 0; s < t.slots(); s++) {
                if (t.isForgotten(s) || t.isDeleted(s) != wantDeleted) {
                    continue;
                }
                ObjectNode d = RecordCodec.decode(t.bytesAt(s));
                if (parsed.stream().allMatch(rule -> rule.test(d, offset))) {
                    out.add(d);
                }
            }
            return out;
        });
        RecordService.Sort sort = RecordService.Sort.of(body.path("sort").asText(null), body.path("sort_type").asText(null));
        RecordService.Page p = RecordService.pageOf(hits, sort, page, perPage);
        ObjectNode out = F.objectNode();
        ArrayNode arr = out.putArray(m.listRoot());
        Renderer r = records.renderer();
        p.docs().forEach(d -> arr.add(r.render(m, d, detail, Set.of())));
        out.putObject("meta").put("total", p.total());
        return out;
    }

    private boolean knownAttribute(ModuleDef m, String attr) {
        if (attr.startsWith("cf_")) {
            FieldDef def = records.setup().fields().field(m.name(), attr);
            return def != null && def.isCustom();
        }
        return m.fields().containsKey(attr) || TIME_FIELDS.contains(attr) || "id".equals(attr) || "email".equals(attr);
    }

    /** GET /search?q=&include=: substring on names and e-mails, a bare array of hits. */
    public ArrayNode globalSearch(String q, String include, int perPage) {
        ArrayNode out = F.arrayNode();
        if (q == null || q.isBlank()) {
            return out;
        }
        String needle = q.toLowerCase(Locale.ROOT);
        String inc = include == null || include.isBlank() ? "contact,sales_account,deal" : include;
        for (String entity : inc.split(",")) {
            ModuleDef m = records.setup().modules().bySearchEntity(entity.trim());
            if (m == null || (m.classicOnly() && !records.settings().classicMode)) {
                continue;
            }
            records.store().read(() -> {
                ModuleTable t = records.store().table(m.name());
                for (int s = 0; s < t.slots() && out.size() < perPage; s++) {
                    if (t.isForgotten(s) || t.isDeleted(s)) {
                        continue;
                    }
                    ObjectNode d = RecordCodec.decode(t.bytesAt(s));
                    String name = d.has("name") ? d.get("name").asText() : Renderer.displayName(d);
                    String email = Renderer.primaryEmail(d).asText("");
                    if (name.toLowerCase(Locale.ROOT).contains(needle) || email.toLowerCase(Locale.ROOT).contains(needle)) {
                        ObjectNode hit = out.addObject();
                        hit.put("id", d.path("id").asLong()).put("type", entity.trim()).put("name", name);
                        hit.put("email", email.isEmpty() ? null : email);
                        hit.set("owner", d.has("owner_id") ? F.objectNode().put("id", d.get("owner_id").asLong()) : F.nullNode());
                        hit.put("updated_at", Times.format(d.path("updated_at").asLong(),
                                ZoneOffset.of(records.settings().accountUtcOffset)));
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** One filter rule. */
    private record Rule(String attribute, String operator, JsonNode value) {

        boolean test(ObjectNode d, ZoneOffset offset) {
            List<String> actual = values(d);
            return switch (operator) {
                case "is" -> actual.stream().anyMatch(a -> same(a, value.asText()));
                case "is_in" -> {
                    List<String> wanted = new ArrayList<>();
                    if (value.isArray()) {
                        value.forEach(v -> wanted.add(v.asText()));
                    } else {
                        for (String v : value.asText().split(",")) {
                            wanted.add(v.trim());
                        }
                    }
                    yield actual.stream().anyMatch(a -> wanted.stream().anyMatch(w -> same(a, w)));
                }
                case "contains" -> actual.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT)
                        .contains(value.asText().toLowerCase(Locale.ROOT)));
                case "is_after", "is_before" -> {
                    Long bound = Times.parseDateTime(value.asText(), offset);
                    if (bound == null) {
                        throw ApiException.badRequest("value.datetime", attribute);
                    }
                    yield actual.stream().anyMatch(a -> {
                        Long t = a.matches("-?\\d+") && TIME_FIELDS.contains(attribute) ? Long.valueOf(a)
                                : Times.parseDateTime(a, offset);
                        return t != null && ("is_after".equals(operator) ? t > bound : t < bound);
                    });
                }
                default -> false;
            };
        }

        private List<String> values(ObjectNode d) {
            List<String> out = new ArrayList<>();
            if ("email".equals(attribute)) {
                d.path("emails").forEach(e -> out.add(e.path("value").asText()));
                if (d.path("email").isTextual()) {
                    out.add(d.get("email").asText());
                }
                return out;
            }
            JsonNode v = attribute.startsWith("cf_") ? d.path("custom_field").path(attribute) : d.path(attribute);
            if (v.isArray()) {
                v.forEach(x -> out.add(x.isObject() ? x.path("id").asText() : x.asText()));
            } else if (v.isNumber()) {
                out.add(v.decimalValue().stripTrailingZeros().toPlainString());
            } else if (!v.isMissingNode() && !v.isNull()) {
                out.add(v.asText());
            }
            if (attribute.equals("sales_account_id")) {
                d.path("sales_accounts").forEach(l -> out.add(l.path("id").asText()));
            }
            return out;
        }

        private static boolean same(String a, String b) {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
            } catch (NumberFormatException e) {
                return a.equalsIgnoreCase(b);
            }
        }
    }
}
