package dev.ferry.mapper.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetMetadata.Owner;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.MappingContext;
import dev.ferry.mapper.mapping.OwnerFallback;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.store.EmissionStore;
import dev.ferry.mapper.store.IndexStore;
import dev.ferry.mapper.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a run's records of one resource can be mapped: the run is announced, its spec is loaded, every
 * resource the mapping waits for is complete for the run (its manifest count reached), and the target metadata is
 * there. Completeness never goes back, so it is remembered once reached.
 */
@ApplicationScoped
public class RunContexts {

    private final RunStore runs;
    private final IndexStore index;
    private final SpecRegistry specs;
    private final TargetMetadataService metadata;
    private final MapperConfig config;
    private final EmissionStore emissions;
    private final Map<String, RunStore.RunInfo> knownRuns = new ConcurrentHashMap<>();
    private final Set<String> complete = ConcurrentHashMap.newKeySet();

    public RunContexts(RunStore runs, IndexStore index, SpecRegistry specs, TargetMetadataService metadata,
            MapperConfig config, EmissionStore emissions) {
        this.emissions = emissions;
        this.runs = runs;
        this.index = index;
        this.specs = specs;
        this.metadata = metadata;
        this.config = config;
    }

    public Readiness check(String runId, SourceResource resource) {
        Optional<RunStore.RunInfo> run = run(runId);
        if (run.isEmpty()) {
            return new Readiness.Waiting("the run's RUN_STARTED event on migration.runs");
        }
        Optional<CompiledSpec> spec = specs.forVersion(run.get().mappingVersion());
        if (spec.isEmpty()) {
            return new Readiness.Waiting("mapping spec " + run.get().mappingVersion() + ", which this mapper does not"
                    + " have (it has " + specs.all().stream().map(CompiledSpec::version).toList() + ")");
        }
        String promised = run.get().mapSha256();
        if (promised != null && !promised.equals(spec.get().sha256())) {
            // The run was started on a map with another text than the one this version holds now: never map it with
            // anything but what the operator confirmed (issue 11).
            return new Readiness.Waiting("mapping " + run.get().mappingVersion() + " with sha256 " + promised
                    + ", as the run was started on; this mapper's " + run.get().mappingVersion() + " has sha256 "
                    + spec.get().sha256());
        }
        Optional<ResourceMapping> mapping = spec.get().mappingFor(resource);
        if (mapping.isEmpty()) {
            return new Readiness.Unmapped(spec.get().version());
        }
        for (SourceResource dependency : mapping.get().waitFor()) {
            if (!run.get().covers(dependency)) {
                continue;
            }
            Optional<String> incomplete = incomplete(runId, dependency);
            if (incomplete.isPresent()) {
                return new Readiness.Waiting(incomplete.get());
            }
        }
        Optional<TargetView> target = metadata.forRun(runId);
        if (target.isEmpty()) {
            return new Readiness.Waiting("the target metadata from the loader (" + metadata.unavailableReason() + ")");
        }
        OwnerFallback fallback = fallback(target.get());
        MappingContext context = new MappingContext(runId, spec.get().version(), target.get(), index,
                index.ownersFor(runId), index, fallback, config.edition(), config.phoneRegion(),
                emissions.decisionsFor(runId), config.noteMaxLength().orElse(null),
                config.documentMaxBytes().orElse(null));
        return new Readiness.Ready(run.get(), spec.get(), mapping.get(), target.get(), fallback, context);
    }

    /** Empty when every record of the resource the run announced has arrived; else what is missing. */
    public Optional<String> incomplete(String runId, SourceResource resource) {
        String key = runId + "\u001f" + resource.path();
        if (complete.contains(key)) {
            return Optional.empty();
        }
        Optional<RunStore.Manifest> manifest = runs.manifest(runId, resource);
        if (manifest.isEmpty()) {
            return Optional.of("the run's manifest of " + resource.path() + " (MANIFEST_COUNTED)");
        }
        long seen = runs.seen(runId, resource);
        if (seen < manifest.get().count()) {
            return Optional.of("all " + manifest.get().count() + " " + resource.path() + " of the run (" + seen
                    + " read so far)");
        }
        complete.add(key);
        return Optional.empty();
    }

    /** True exactly once per run and resource in this process: when the resource is first seen complete. */
    public boolean becameComplete(String runId, SourceResource resource) {
        String key = runId + "\u001f" + resource.path();
        return !complete.contains(key) && incomplete(runId, resource).isEmpty();
    }

    public Optional<RunStore.RunInfo> run(String runId) {
        RunStore.RunInfo cached = knownRuns.get(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<RunStore.RunInfo> found = runs.find(runId);
        found.ifPresent(r -> knownRuns.put(runId, r));
        return found;
    }

    /** Forgets what is remembered of a run (a repeated RUN_STARTED or manifest may have changed it). */
    public void forget(String runId) {
        knownRuns.remove(runId);
        complete.removeIf(k -> k.startsWith(runId + "\u001f"));
    }

    /** The configured fallback owner as this run's metadata knows it; an inactive user is no fallback. */
    public OwnerFallback fallback(TargetView target) {
        Optional<String> email = config.fallbackOwnerEmail();
        if (email.isEmpty()) {
            return OwnerFallback.none();
        }
        Long id = target.ownerByEmail(email.get()).filter(Owner::active).map(Owner::id).orElse(null);
        return new OwnerFallback(email.get(), id);
    }
}
