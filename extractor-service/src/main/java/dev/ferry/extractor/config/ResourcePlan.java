package dev.ferry.extractor.config;

import dev.ferry.contracts.SourceResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources of one run grouped into dependency levels: every resource of level {@code n} depends only on
 * resources of lower levels, so a level starts when the one before it is complete, and the resources of one level
 * run in parallel. Built from data ({@code ferry.extractor.depends-on}); a cycle is a configuration error.
 */
public record ResourcePlan(List<List<SourceResource>> levels) {

    public ResourcePlan {
        levels = levels.stream().map(List::copyOf).toList();
    }

    /**
     * Orders {@code requested} by {@code dependsOn}. Dependencies on resources that are not requested are ignored (the
     * operator chose to leave them out); the order of {@code requested} breaks ties within a level.
     */
    public static ResourcePlan of(List<SourceResource> requested, Map<SourceResource, Set<SourceResource>> dependsOn) {
        Set<SourceResource> wanted = new LinkedHashSet<>(requested);
        Map<SourceResource, Set<SourceResource>> pending = new LinkedHashMap<>();
        for (SourceResource r : wanted) {
            Set<SourceResource> deps = new LinkedHashSet<>(dependsOn.getOrDefault(r, Set.of()));
            deps.retainAll(wanted);
            deps.remove(r);
            pending.put(r, deps);
        }
        List<List<SourceResource>> levels = new ArrayList<>();
        Set<SourceResource> done = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            List<SourceResource> level = new ArrayList<>();
            for (Map.Entry<SourceResource, Set<SourceResource>> e : pending.entrySet()) {
                if (done.containsAll(e.getValue())) {
                    level.add(e.getKey());
                }
            }
            if (level.isEmpty()) {
                throw new IllegalArgumentException("ferry.extractor.depends-on has a cycle among " + pending.keySet());
            }
            level.forEach(pending::remove);
            done.addAll(level);
            levels.add(level);
        }
        return new ResourcePlan(levels);
    }

    /** All resources, level by level. */
    public List<SourceResource> ordered() {
        return levels.stream().flatMap(Collection::stream).toList();
    }

    /** The level of {@code resource} (0 = no dependencies). */
    public int levelOf(SourceResource resource) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).contains(resource)) {
                return i;
            }
        }
        throw new IllegalArgumentException(resource.path() + " is not part of this plan");
    }
}
