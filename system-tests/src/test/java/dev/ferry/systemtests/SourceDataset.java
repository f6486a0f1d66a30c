package dev.ferry.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A generated dataset folder read back for assertions: records by id, and which records carry which trap. */
final class SourceDataset {

    final Path folder;
    final JsonNode manifest;
    /** Records changed in the sandbox since it was generated ({@code /_sim/mutations}), by resource and id. */
    private final Map<String, Map<String, JsonNode>> changed = new java.util.HashMap<>();

    SourceDataset(Path folder) {
        this.folder = folder;
        try {
            this.manifest = FerryJson.mapper().readTree(folder.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sandbox now serves {@code record} in place of the generated one with its id: expectations follow it. */
    void change(String resource, JsonNode record) {
        changed.computeIfAbsent(resource, r -> new LinkedHashMap<>()).put(record.get("id").asText(), record);
    }

    /** Every record of a resource, by id, in file order, each in its latest version ({@link #change}). */
    Map<String, JsonNode> records(String resource) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(folder.resolve(resource + ".jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = FerryJson.mapper().readTree(line);
                    byId.put(n.get("id").asText(), n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        changed.getOrDefault(resource, Map.of()).forEach(byId::put);
        return byId;
    }

    /**
     * How many records the extractor reads of a resource: for {@code custom-module-records}, every module's records
     * ({@code custom-modules.<key>.records.jsonl} each).
     */
    int count(String resource) {
        if (!"custom-module-records".equals(resource)) {
            return records(resource).size();
        }
        int n = 0;
        for (JsonNode module : records("custom-modules").values()) {
            n += records("custom-modules." + module.path("key").asText() + ".records").size();
        }
        return n;
    }

    /** Ids of the records of {@code resource} that the generator marked with {@code trap}. */
    Set<String> trapped(String trap, String resource) {
        Set<String> ids = new HashSet<>();
        for (JsonNode t : manifest.path("traps").path(trap)) {
            if (resource.equals(t.path("resource").asText())) {
                ids.add(t.path("id").asText());
            }
        }
        return ids;
    }
}
