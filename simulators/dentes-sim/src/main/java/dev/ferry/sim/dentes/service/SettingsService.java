package dev.ferry.sim.dentes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.config.RuntimeSettings;
import dev.ferry.sim.dentes.config.SimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;

/** Holds the runtime settings; PUT merges a partial JSON object into them (objects deep, arrays replaced). */
@ApplicationScoped
public class SettingsService {

    private final ObjectMapper mapper = new ObjectMapper();
    private final SimConfig config;
    private volatile RuntimeSettings current;
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Inject
    public SettingsService(SimConfig config) {
        this.config = config;
        RuntimeSettings s = RuntimeSettings.from(config);
        s.validate();
        this.current = s;
    }

    public RuntimeSettings current() {
        return current;
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Applies a JSON merge; refuses (IllegalArgumentException) settings that do not validate or unknown keys. */
    public synchronized RuntimeSettings merge(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        ObjectNode base = mapper.valueToTree(current);
        deepMerge(base, (ObjectNode) patch, "");
        RuntimeSettings next;
        try {
            next = mapper.treeToValue(base, RuntimeSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not Jackson's message: it would quote the value, and a value may be a token.
            String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    ? m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                            .reduce((a, b) -> a + "." + b).orElse("?")
                    : "?";
            throw new IllegalArgumentException("invalid settings: wrong type at " + where);
        }
        next.validate();
        current = next;
        listeners.forEach(Runnable::run);
        return next;
    }

    /** Back to the start-up configuration. */
    public synchronized void restoreStartup() {
        RuntimeSettings s = RuntimeSettings.from(config);
        s.validate();
        current = s;
        listeners.forEach(Runnable::run);
    }

    private static void deepMerge(ObjectNode target, ObjectNode patch, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode existing = target.get(e.getKey());
            if (existing == null) {
                throw new IllegalArgumentException("unknown setting: " + path + e.getKey());
            }
            if (existing.isObject() && e.getValue().isObject()) {
                deepMerge((ObjectNode) existing, (ObjectNode) e.getValue(), path + e.getKey() + ".");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
