package dev.ferry.extractor.config;

import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The extractable resources as configured: which ones a run takes by default, what each depends on, and the path the
 * tenant serves it at. Validated once at start-up so a typo fails the deployment, not a run.
 */
@ApplicationScoped
public class ResourceCatalog {

    private final List<SourceResource> defaults;
    private final Map<SourceResource, Set<SourceResource>> dependsOn;
    private final Map<SourceResource, String> paths;

    @Inject
    public ResourceCatalog(ExtractorConfig config) {
        this(config.resources(), config.dependsOn(), config.dentes().paths());
    }

    public ResourceCatalog(List<String> defaults, Map<String, List<String>> dependsOn, Map<String, String> paths) {
        this.defaults = parseAll(defaults, "ferry.extractor.resources");
        this.dependsOn = new EnumMap<>(SourceResource.class);
        dependsOn.forEach((name, deps) -> this.dependsOn.put(parse(name, "ferry.extractor.depends-on"),
                new LinkedHashSet<>(parseAll(deps, "ferry.extractor.depends-on." + name))));
        this.paths = new EnumMap<>(SourceResource.class);
        paths.forEach((name, path) -> this.paths.put(parse(name, "ferry.extractor.dentes.paths"), path));
        // One resource, one path per module: the tenant's path is a template (see ModuleRecordsPath).
        this.paths.putIfAbsent(SourceResource.CUSTOM_MODULE_RECORDS, ModuleRecordsPath.DEFAULT_TEMPLATE);
        ModuleRecordsPath.validate(this.paths.get(SourceResource.CUSTOM_MODULE_RECORDS),
                "ferry.extractor.dentes.paths.custom-module-records");
        // Fail at start-up on a cycle, not when the first run asks for the resources involved.
        ResourcePlan.of(List.of(SourceResource.values()), this.dependsOn);
    }

    public List<SourceResource> defaults() {
        return defaults;
    }

    /** The plan for the named resources (or the defaults when none are named). */
    public ResourcePlan plan(List<String> requested) {
        List<SourceResource> resources = requested == null || requested.isEmpty()
                ? defaults : parseAll(requested, "resources");
        return ResourcePlan.of(resources, dependsOn);
    }

    /**
     * The path the tenant serves the resource at, below {@code /api/v1/}. For {@code custom-module-records} a template
     * with a {@code {key}} placeholder per module ({@link ModuleRecordsPath}).
     */
    public String pathOf(SourceResource resource) {
        return paths.getOrDefault(resource, resource.path());
    }

    /** Parses resource names as the contract spells them; {@code where} names the setting for the error message. */
    public static List<SourceResource> parseAll(List<String> names, String where) {
        List<SourceResource> out = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                SourceResource r = parse(name.trim(), where);
                if (!out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static SourceResource parse(String name, String where) {
        try {
            return SourceResource.fromPath(name);
        } catch (IllegalArgumentException e) {
            throw new UnknownResourceException(where + ": unknown resource '" + name + "'");
        }
    }

    /** A resource name that is not one of the contract's resources. */
    public static class UnknownResourceException extends IllegalArgumentException {
        public UnknownResourceException(String message) {
            super(message);
        }
    }
}
