package dev.ferry.sim.dentes.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** A generated dataset read back from disk, for assertions. */
final class LoadedDataset {

    static final ObjectMapper MAPPER = new ObjectMapper();

    final Path dir;
    final JsonNode manifest;
    final Map<String, List<JsonNode>> records = new LinkedHashMap<>();

    LoadedDataset(Path dir) throws IOException {
        this.dir = dir;
        this.manifest = MAPPER.readTree(dir.resolve(DatasetLayout.MANIFEST).toFile());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                DatasetLayout.resourceOfFile(f.getFileName().toString()).ifPresent(resource -> {
                    List<JsonNode> list = new ArrayList<>();
                    try (Stream<String> lines = Files.lines(f)) {
                        lines.forEach(l -> {
                            try {
                                list.add(MAPPER.readTree(l));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    records.put(resource, list);
                });
            }
        }
    }

    List<JsonNode> of(String resource) {
        return records.getOrDefault(resource, List.of());
    }

    private final Map<String, Map<String, JsonNode>> byId = new HashMap<>();

    synchronized Map<String, JsonNode> byId(String resource) {
        return byId.computeIfAbsent(resource, k -> {
            Map<String, JsonNode> m = new HashMap<>();
            of(k).forEach(r -> m.put(r.path("id").asText(), r));
            return m;
        });
    }

    /** "resource|id|field" of every manifest entry of a trap. */
    Set<String> listed(String trap) {
        Set<String> s = new HashSet<>();
        manifest.path("traps").path(trap).forEach(e ->
                s.add(e.path("resource").asText() + "|" + e.path("id").asText() + "|" + e.path("field").asText()));
        return s;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static boolean deleted(JsonNode n) {
        return n.path("deleted").asBoolean(false);
    }
}
