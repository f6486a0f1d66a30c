package dev.ferry.mapper.mapping.expectation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.transform.Transform;
import dev.ferry.mapper.mapping.transform.TransformContext;
import dev.ferry.mapper.mapping.transform.TransformResult;
import dev.ferry.mapper.mapping.transform.Transforms;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the confirmed map promises a record holds in Freshsales: the sample diff's expectation (issue 11 step 4).
 *
 * <p>Why not the command the mapper sent: then a mistake in the mapping would be its own expectation and never show.
 * This reads the confirmed map's <em>text</em> (the document the operator confirmed, by its hash) on its own, not the
 * compiled spec the {@code MappingEngine} runs, and applies each field's declared correspondence: source path(s) or
 * constant, then the declared transform steps, to the raw source record. A rule the engine applies differently
 * (another source field, a lost or extra step, a value sent to another field, a field dropped by the engine's
 * orchestration, a value the loader or Freshsales changed on the way) shows as that field differing.
 *
 * <p>What it shares with the engine, deliberately: the transform steps themselves ({@link Transforms}: e-mail and
 * phone normalisation, the pick-list and lookup resolution against the run's target metadata). Those are the map's
 * vocabulary and have their own tests; re-implementing them here would make a second mapping, not an expectation.
 *
 * <p>What it does not promise (compared elsewhere or not at all): references (bound to Freshsales ids by the loader;
 * reconciliation checks links), owner, lifecycle, stage, line items, text and note rules, the practice's own
 * {@code custom-fields}, and fields a record-level rule moves (a family member's e-mail kept in
 * {@code cf_shared_email} by a {@code unique} rule is not promised on {@code emails}).
 * A value a step calls invalid is not promised either: the map then drops the field or rejects the record.
 */
public final class PromisedFields {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String CUSTOM_FIELD = "custom_field.";

    /** One promised field: where it goes, what it reads, how it is cleaned. */
    private record Promise(String to, List<String> from, JsonNode constant, List<Transform> steps) {
    }

    private record Resource(String collection, List<Promise> promises, List<String> uniqueSourceFields) {
    }

    private final Map<String, Resource> resources;

    private PromisedFields(Map<String, Resource> resources) {
        this.resources = resources;
    }

    /**
     * Reads a confirmed map's text. It was compiled when it was confirmed, so a problem here is a bug: thrown with the
     * place, never with data (the map holds none).
     */
    public static PromisedFields of(String confirmedMapText) {
        JsonNode root;
        try {
            root = YAML.readTree(confirmedMapText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the confirmed map is not readable as YAML");
        }
        Map<String, Map<String, List<String>>> lookups = lookups(root.path("lookups"));
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("mappings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            List<Promise> promises = new ArrayList<>();
            for (JsonNode f : m.getValue().path("fields")) {
                if (f.has("reference") || !f.hasNonNull("to") || !(f.has("from") || f.has("value"))) {
                    continue;
                }
                promises.add(new Promise(f.get("to").asText(), texts(f.get("from")), f.get("value"),
                        steps(f.path("transforms"), lookups, m.getKey() + "." + f.get("to").asText())));
            }
            List<String> unique = new ArrayList<>();
            for (JsonNode u : m.getValue().path("unique")) {
                if (u.hasNonNull("keep-in") || u.hasNonNull("field")) {
                    unique.add(u.path("field").asText());
                }
            }
            out.put(m.getKey(), new Resource(m.getValue().path("target").asText(""), promises, unique));
        }
        return new PromisedFields(out);
    }

    /**
     * The fields the map promises for this source record, in the payload's shape ({@code custom_field} nested); a
     * field whose value ends empty is promised empty (null). Empty when the map does not write the resource.
     *
     * @param keepsUnique whether the record holds its unique values (e-mail) itself; false for a record whose value a
     *     record with a lower id holds: the fields reading that source field are then not promised
     */
    public Optional<ObjectNode> promise(SourceResource resource, JsonNode record, TargetView target,
            String phoneRegion, boolean keepsUnique) {
        Resource r = resources.get(resource.path());
        if (r == null || r.promises().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode out = F.objectNode();
        for (Promise p : r.promises()) {
            if (!keepsUnique && p.from().stream().anyMatch(r.uniqueSourceFields()::contains)) {
                continue;
            }
            JsonNode value = p.constant() != null ? p.constant() : read(record, p.from());
            String targetName = p.to().startsWith(CUSTOM_FIELD) ? p.to().substring(CUSTOM_FIELD.length()) : p.to();
            TransformContext ctx = new TransformContext(String.join("+", p.from()), r.collection(), targetName,
                    target, phoneRegion);
            boolean valid = true;
            for (Transform step : p.steps()) {
                TransformResult result = step.apply(value, ctx);
                if (result.missingChoice() != null) {
                    // The map promises a choice the account's dropdown lacks: promised as that choice, so the diff
                    // shows it missing instead of hiding the unsatisfied checklist line.
                    value = F.textNode(result.missingChoice());
                    break;
                }
                if (result.isInvalid()) {
                    valid = false;
                    break;
                }
                value = result.value();
            }
            if (!valid) {
                continue;
            }
            JsonNode promised = value == null ? NullNode.getInstance() : value;
            if (p.to().startsWith(CUSTOM_FIELD)) {
                out.with("custom_field").set(targetName, promised);
            } else {
                out.set(p.to(), promised);
            }
        }
        return Optional.of(out);
    }

    /** One path's value, or a list of several paths' values (what a {@code join} step takes). */
    private static JsonNode read(JsonNode record, List<String> paths) {
        if (paths.size() == 1) {
            return at(record, paths.get(0));
        }
        ArrayNode list = F.arrayNode();
        paths.forEach(p -> list.add(at(record, p)));
        return list;
    }

    private static JsonNode at(JsonNode record, String dotted) {
        JsonNode n = record;
        for (String part : dotted.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n == null || n.isNull() ? null : n;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    private static List<Transform> steps(JsonNode chain, Map<String, Map<String, List<String>>> lookups,
            String where) {
        List<Transform> out = new ArrayList<>();
        for (JsonNode step : chain) {
            try {
                if (step.isTextual()) {
                    out.add(Transforms.create(step.asText(), null, lookups));
                } else if (step.isObject() && step.size() == 1) {
                    Map.Entry<String, JsonNode> e = step.fields().next();
                    out.add(Transforms.create(e.getKey(), e.getValue(), lookups));
                } else {
                    throw new IllegalArgumentException("a step is a name or {name: argument}");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("confirmed map, " + where + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, Map<String, List<String>>> lookups(JsonNode section) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> t = section.fields(); t.hasNext(); ) {
            Map.Entry<String, JsonNode> table = t.next();
            Map<String, List<String>> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> e = table.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = e.next();
                entries.put(entry.getKey(), texts(entry.getValue()));
            }
            out.put(table.getKey(), entries);
        }
        return out;
    }
}
