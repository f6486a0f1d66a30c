package dev.ferry.sim.freshsales.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account's field metadata and custom-module definitions, read from a JSON/YAML document shaped like
 * {@code seed/fields.yaml}. Immutable once built; replacing fields builds a new catalog.
 */
public final class FieldCatalog {

    /** A custom module definition. */
    public record CustomModule(long id, String entityName, String label, String singularLabel) {
    }

    private static final Set<String> TYPES = Set.of("text", "textarea", "paragraph", "number", "dropdown",
            "multi_select_dropdown", "date", "date_time", "checkbox", "lookup", "auto_complete", "group_field");

    private final Map<String, List<FieldDef>> byModule;
    private final List<CustomModule> customModules;
    private final JsonNode source;

    private FieldCatalog(Map<String, List<FieldDef>> byModule, List<CustomModule> customModules, JsonNode source) {
        this.byModule = byModule;
        this.customModules = customModules;
        this.source = source;
    }

    /** Builds a catalog, assigning deterministic ids to fields and choices that have none. */
    public static FieldCatalog from(JsonNode doc) {
        ObjectMapper m = new ObjectMapper();
        Map<String, List<FieldDef>> byModule = new LinkedHashMap<>();
        long[] nextId = {72_000_000_001L};
        JsonNode modules = doc.path("modules");
        Iterator<Map.Entry<String, JsonNode>> it = modules.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            byModule.put(e.getKey(), parseFields(m, e.getKey(), e.getValue(), nextId));
        }
        List<CustomModule> cms = new ArrayList<>();
        long cmId = 73_000_000_001L;
        for (JsonNode cm : doc.path("custom_modules")) {
            String entity = cm.path("entity_name").asText();
            if (!entity.matches("cm_[a-z0-9_]+")) {
                throw new IllegalArgumentException("custom module entity_name must match cm_[a-z0-9_]+: " + entity);
            }
            cms.add(new CustomModule(cmId++, entity, cm.path("label").asText(entity),
                    cm.path("singular_label").asText(cm.path("label").asText(entity))));
            byModule.put(entity, parseFields(m, entity, cm.path("fields"), nextId));
        }
        return new FieldCatalog(byModule, List.copyOf(cms), doc.deepCopy());
    }

    private static List<FieldDef> parseFields(ObjectMapper m, String module, JsonNode arr, long[] nextId) {
        if (!arr.isArray()) {
            throw new IllegalArgumentException("fields of " + module + " must be a list");
        }
        List<FieldDef> out = new ArrayList<>();
        int pos = 1;
        for (JsonNode n : arr) {
            FieldDef f = m.convertValue(n, FieldDef.class);
            if (f.name == null || f.type == null || !TYPES.contains(f.type)) {
                throw new IllegalArgumentException("field of " + module + " needs a name and a known type: " + n);
            }
            if (f.isCustom() == f.isDefault) {
                throw new IllegalArgumentException("custom fields start with cf_ and have default: false: " + f.name);
            }
            if (f.label == null) {
                f.label = f.name;
            }
            if (f.id == null) {
                f.id = nextId[0]++;
            }
            if (f.position == null) {
                f.position = pos;
            }
            pos++;
            int cp = 1;
            for (FieldDef.Choice c : f.choices) {
                if (c.id == null) {
                    c.id = nextId[0]++;
                }
                if (c.position == null) {
                    c.position = cp;
                }
                cp++;
            }
            out.add(f);
        }
        return Collections.unmodifiableList(out);
    }

    /** The same catalog with one module's field list replaced (or a single field added/replaced). */
    public FieldCatalog withModuleFields(String module, JsonNode fields) {
        ObjectNode doc = source.deepCopy();
        boolean isCm = module.startsWith("cm_");
        if (isCm) {
            for (JsonNode cm : doc.withArray("custom_modules")) {
                if (module.equals(cm.path("entity_name").asText())) {
                    ((ObjectNode) cm).set("fields", fields);
                    return from(doc);
                }
            }
            throw new IllegalArgumentException("unknown custom module " + module);
        }
        doc.with("modules").set(module, fields);
        return from(doc);
    }

    /** The same catalog with one field upserted by name. */
    public FieldCatalog withField(String module, JsonNode field) {
        ArrayNode list = new ObjectMapper().createArrayNode();
        boolean replaced = false;
        for (FieldDef f : fields(module)) {
            JsonNode fn = new ObjectMapper().valueToTree(f);
            if (f.name.equals(field.path("name").asText())) {
                list.add(field);
                replaced = true;
            } else {
                list.add(fn);
            }
        }
        if (!replaced) {
            list.add(field);
        }
        return withModuleFields(module, list);
    }

    public List<FieldDef> fields(String module) {
        return byModule.getOrDefault(module, List.of());
    }

    public boolean hasModule(String module) {
        return byModule.containsKey(module);
    }

    public FieldDef field(String module, String name) {
        for (FieldDef f : fields(module)) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }

    public List<CustomModule> customModules() {
        return customModules;
    }

    public JsonNode source() {
        return source;
    }
}
