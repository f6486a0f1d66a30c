package dev.ferry.sim.freshsales.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Holds the current settings snapshot and applies {@code PUT /_sim/config} patches (deep merge). */
@ApplicationScoped
public class SettingsHolder {

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Consumer<SimSettings>> listeners = new CopyOnWriteArrayList<>();
    private volatile SimSettings current;
    private SimSettings initial;

    @Inject
    public SettingsHolder(SimConfig config) {
        this(fromConfig(config));
    }

    public SettingsHolder(SimSettings initial) {
        this.initial = initial;
        this.current = copy(initial);
    }

    /** The current snapshot; never mutate it. */
    public SimSettings get() {
        return current;
    }

    /** Registers a callback run after every change (the fault dice re-seed through it). */
    public void onChange(Consumer<SimSettings> listener) {
        listeners.add(listener);
    }

    public JsonNode asJson() {
        return mapper.valueToTree(current);
    }

    /**
     * What {@code GET /_sim/config} adds to the settings: worked out from them, never set. A person who reads the
     * document, edits it and writes it back sends this key too, so {@link #merge} ignores it rather than refusing.
     */
    public static final String EFFECTIVE_STORAGE_QUOTA_BYTES = "effectiveStorageQuotaBytes";

    /** Deep-merges a partial settings document; throws IllegalArgumentException when the result is invalid. */
    public synchronized SimSettings merge(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("settings patch must be a JSON object");
        }
        ObjectNode merged = (ObjectNode) mapper.valueToTree(current);
        ObjectNode p = ((ObjectNode) patch).deepCopy();
        p.remove(EFFECTIVE_STORAGE_QUOTA_BYTES);
        if (p.has("plan")) {
            Plan plan = Plan.parse(p.get("plan").asText());
            if (!p.has("perHourLimit")) {
                p.put("perHourLimit", plan.perHour);
            }
            if (!p.has("perMinuteLimit")) {
                p.put("perMinuteLimit", plan.perMinute);
            }
        }
        deepMerge(merged, p);
        SimSettings next;
        try {
            next = mapper.treeToValue(merged, SimSettings.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid settings: " + e.getMessage(), e);
        }
        validate(next);
        publish(next);
        return next;
    }

    /** Back to the start-up settings. */
    public synchronized void resetToInitial() {
        publish(copy(initial));
    }

    private void publish(SimSettings next) {
        current = next;
        for (Consumer<SimSettings> l : listeners) {
            l.accept(next);
        }
    }

    static void deepMerge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode po && !"createStatus".equals(e.getKey())) {
                deepMerge(eo, po);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    static void validate(SimSettings s) {
        Plan.parse(s.plan);
        require(s.perHourLimit >= 0, "perHourLimit must be >= 0");
        require(s.perMinuteLimit >= 0, "perMinuteLimit must be >= 0");
        require(s.timeScale > 0, "timeScale must be > 0");
        require(s.apiKeys != null && !s.apiKeys.isEmpty(), "apiKeys must not be empty");
        ZoneOffset.of(s.accountUtcOffset);
        require(s.noteMaxLength > 0, "noteMaxLength must be > 0");
        require(s.bulkMaxItems > 0, "bulkMaxItems must be > 0");
        require(s.bulkJobStartDelayMs >= 0 && s.bulkJobItemDelayMs >= 0, "bulk job delays must be >= 0");
        require(s.maxFileSizeBytes > 0, "maxFileSizeBytes must be > 0");
        SimSettings.Faults f = s.faults;
        for (double rate : new double[] {f.serverErrorRate, f.dropResponseAfterCommitRate, f.bulkUpsert405Rate, f.shortPageRate}) {
            require(rate >= 0 && rate <= 1, "fault rates must be between 0 and 1");
        }
        require(f.latencyMs >= 0 && f.latencyJitterMs >= 0 && f.dropTimeoutMs >= 0, "fault delays must be >= 0");
        require(!f.serverErrorStatuses.isEmpty() && f.serverErrorStatuses.stream().allMatch(c -> c >= 500 && c <= 599),
                "serverErrorStatuses must be 5xx codes");
        require(List.of("en", "nl", "tr").contains(f.errorLanguage), "errorLanguage must be en, nl or tr");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private SimSettings copy(SimSettings s) {
        return mapper.convertValue(mapper.valueToTree(s), SimSettings.class);
    }

    static SimSettings fromConfig(SimConfig c) {
        SimSettings s = new SimSettings();
        Plan plan = Plan.parse(c.plan());
        s.plan = c.plan();
        s.perHourLimit = c.perHourLimit().orElse(plan.perHour);
        s.perMinuteLimit = c.perMinuteLimit().orElse(plan.perMinute);
        s.timeScale = c.timeScale();
        s.apiKeys = new ArrayList<>(c.apiKeys());
        s.accountUtcOffset = c.accountUtcOffset();
        s.classicMode = c.classicMode();
        s.faults.seed = c.faults().seed();
        s.faults.serverErrorRate = c.faults().serverErrorRate();
        s.faults.latencyMs = c.faults().latencyMs();
        s.faults.dropResponseAfterCommitRate = c.faults().dropResponseAfterCommitRate();
        s.faults.bulkUpsert405Rate = c.faults().bulkUpsert405Rate();
        s.faults.shortPageRate = c.faults().shortPageRate();
        s.faults.errorLanguage = c.faults().errorLanguage();
        if (c.settingsFile().isPresent()) {
            SettingsHolder tmp = new SettingsHolder(s);
            tmp.merge(readDocument(Path.of(c.settingsFile().get())));
            s = tmp.get();
        }
        validate(s);
        return s;
    }

    /** Reads a JSON or YAML document (YAML is a superset, so one parser reads both). */
    public static JsonNode readDocument(Path path) {
        try {
            return new YAMLMapper().readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
