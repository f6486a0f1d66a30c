package dev.ferry.deploy.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** One overlay as {@code kubectl kustomize} renders it: its text and its objects, rendered once per test run. */
public final class Manifests {

    private static final Map<Overlay, Manifests> RENDERED = new EnumMap<>(Overlay.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Overlay overlay;
    private final String text;
    private final List<ObjectNode> objects;

    private Manifests(Overlay overlay, String text, List<ObjectNode> objects) {
        this.overlay = overlay;
        this.text = text;
        this.objects = List.copyOf(objects);
    }

    public static synchronized Manifests of(Overlay overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> parse(o, Kubectl.kustomize(o.path())));
    }

    static Manifests parse(Overlay overlay, String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode o && !o.isEmpty()) {
                    objects.add(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered " + overlay + " is not YAML", e);
        }
        return new Manifests(overlay, yaml, objects);
    }

    public Overlay overlay() {
        return overlay;
    }

    public String text() {
        return text;
    }

    public List<ObjectNode> all() {
        return objects;
    }

    public List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    public ObjectNode named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new NoSuchElementException(overlay + " renders no " + kind + " " + name));
    }

    /** The typed object of the given class (parsed strictly, see {@link StrictModels}). */
    public <T> T typed(ObjectNode object, Class<T> type) {
        return StrictModels.parse(object, type);
    }

    public <T> List<T> typed(String kind, Class<T> type) {
        return ofKind(kind).stream().map(o -> StrictModels.parse(o, type)).toList();
    }

    public static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }
}
