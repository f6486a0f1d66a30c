package dev.ferry.extractor.model;

import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** What the executor needs to know about a run it (re)starts, read in one transaction. */
public record ExecutionSnapshot(String runId, RunMode mode, String mappingVersion, String mapSha256, Instant snapshotAt,
        boolean runStartedPublished, List<Resource> resources) {

    public ExecutionSnapshot {
        resources = List.copyOf(resources);
    }

    /** A resource of the run, as it stood when the run (re)started. */
    public record Resource(SourceResource resource, String sourcePath, int level, ResourceState state) {
    }

    /** Resources grouped by level, lowest first. */
    public List<List<Resource>> levels() {
        TreeMap<Integer, List<Resource>> byLevel = new TreeMap<>();
        for (Resource r : resources) {
            byLevel.computeIfAbsent(r.level(), l -> new ArrayList<>()).add(r);
        }
        return List.copyOf(byLevel.values());
    }

    public List<SourceResource> resourceList() {
        return resources.stream().map(Resource::resource).toList();
    }
}
