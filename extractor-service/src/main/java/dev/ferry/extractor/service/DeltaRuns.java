package dev.ferry.extractor.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.config.ResourceCatalog;
import dev.ferry.extractor.config.ResourcePlan;
import dev.ferry.extractor.store.DeltaStore;
import dev.ferry.extractor.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts DELTA runs (issue 12): each resource is read from the delta watermark the last completed run of it left
 * ({@code updated_since}, soft-deleted records included), and then every record of it whose last outcome is not a
 * terminal success is read again by id ({@link UnsettledReads}). The run is otherwise a run like any other: manifests
 * of ids, the same mapper, loader and audit, and at its end the watermark moves to its own snapshot (minus the
 * clock-skew margin).
 */
@ApplicationScoped
public class DeltaRuns {

    @Inject
    DeltaStore store;

    @Inject
    RunExecutor executor;

    @Inject
    ResourceCatalog catalog;

    @Inject
    Clock clock;

    @Inject
    MapGate mapGate;

    /** Creates and queues a delta run; returns its id. Same request rules as a full run's. */
    public String start(List<String> resources, String requestedRunId, String mapVersion, String mapSha256) {
        String runId = requestedRunId == null || requestedRunId.isBlank() ? RunIds.next(clock) : requestedRunId;
        if (!RunIds.valid(runId)) {
            throw new RunService.RunRequestRefused(400,
                    "runId may hold letters, digits, '.', '_' and '-' (at most 100)");
        }
        ResourcePlan plan;
        try {
            plan = catalog.plan(resources);
        } catch (ResourceCatalog.UnknownResourceException e) {
            throw new RunService.RunRequestRefused(400, e.getMessage());
        }
        if (plan.ordered().isEmpty()) {
            throw new RunService.RunRequestRefused(400, "no resources to extract");
        }
        List<RunStore.PlannedResource> planned = new ArrayList<>();
        for (SourceResource r : plan.ordered()) {
            planned.add(new RunStore.PlannedResource(r, catalog.pathOf(r), plan.levelOf(r)));
        }
        MapGate.Passed map = mapGate.check(mapVersion, mapSha256);
        try {
            store.create(runId, map.mappingVersion(), map.mapSha256(), planned);
        } catch (RunStore.RunExists e) {
            throw new RunService.RunRequestRefused(409, e.getMessage());
        }
        executor.submit(runId);
        return runId;
    }
}
