package dev.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A link from one source record to another (patient to clinic, case to patient), carried inside a command's fields
 * as {@code {"ref": {"resource": "clinics", "id": "C-7"}}} and bound to the Freshsales id by the loader at write time.
 *
 * @param resource the referenced record's source resource
 * @param id the referenced record's source id
 * @param optional when true, a reference that can never be bound is dropped from the write instead of failing it
 *     (a contact whose clinic failed still loads, without its account); when false, the referring record waits for
 *     the parent and fails with the parent's reason if the parent fails for good
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record TypedRef(SourceResource resource, String id, boolean optional) {

    /** The single key that marks an object node as a reference. */
    public static final String MARKER = "ref";

    public TypedRef {
        Objects.requireNonNull(resource, "resource");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a reference needs a source id");
        }
    }

    public static TypedRef required(SourceResource resource, String id) {
        return new TypedRef(resource, id, false);
    }

    public static TypedRef optional(SourceResource resource, String id) {
        return new TypedRef(resource, id, true);
    }

    /** The JSON node that stands in a command's fields where the Freshsales id will go. */
    public ObjectNode toNode() {
        ObjectNode inner = JsonNodeFactory.instance.objectNode();
        inner.put("resource", resource.path());
        inner.put("id", id);
        if (optional) {
            inner.put("optional", true);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set(MARKER, inner);
        return node;
    }

    /** Reads a reference node, or returns null when the node is not one. */
    public static TypedRef fromNode(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1 || !node.has(MARKER)) {
            return null;
        }
        JsonNode inner = node.get(MARKER);
        if (!inner.isObject() || !inner.hasNonNull("resource") || !inner.hasNonNull("id")) {
            return null;
        }
        return new TypedRef(SourceResource.fromPath(inner.get("resource").asText()), inner.get("id").asText(),
                inner.path("optional").asBoolean(false));
    }

    /** A reference together with where it sits in a fields tree, as a JSON Pointer ({@code /sales_accounts/0/id}). */
    public record Located(String pointer, TypedRef ref) {
    }

    /** Every reference in a fields tree, depth first, in document order. */
    public static List<Located> findAll(JsonNode fields) {
        List<Located> found = new ArrayList<>();
        collect(fields, "", found);
        return found;
    }

    private static void collect(JsonNode node, String pointer, List<Located> found) {
        TypedRef ref = fromNode(node);
        if (ref != null) {
            found.add(new Located(pointer, ref));
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), pointer + "/" + escape(e.getKey()), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
