package dev.ferry.extractor.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.config.ExtractorConfig;
import dev.ferry.extractor.config.ResourceCatalog;
import dev.ferry.extractor.config.ResourcePlan;
import dev.ferry.extractor.sample.SampleCandidates;
import dev.ferry.extractor.store.RunStore;
import dev.ferry.extractor.store.SampleStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts SAMPLE runs (issue 11 step 4): on a confirmed map only, like a full run; the run's first attempt chooses the
 * records ({@code SampleSelection}: stratified, with the parents their links need) and every resource extracts
 * exactly those, by id. Otherwise a run like any other: manifests, the same mapper, loader and audit, so the sample is
 * loaded for real and a later full run updates the same Freshsales records. It never moves a delta watermark.
 */
@ApplicationScoped
public class SampleRuns {

    @Inject
    SampleStore store;

    @Inject
    RunExecutor executor;

    @Inject
    ResourceCatalog catalog;

    @Inject
    ExtractorConfig config;

    @Inject
    Clock clock;

    @Inject
    MapGate mapGate;

    /**
     * Creates and queues a sample run; returns its id.
     *
     * @param size the most records, parents included; null for the default
     */
    public String start(Integer size, String requestedRunId, String mapVersion, String mapSha256) {
        ExtractorConfig.Sample limits = config.sample();
        int n = size == null ? limits.defaultSize() : size;
        if (n < limits.minSize() || n > limits.maxSize()) {
            throw new RunService.RunRequestRefused(400, "a sample holds " + limits.minSize() + " to "
                    + limits.maxSize() + " records (size " + n + ")");
        }
        String runId = requestedRunId == null || requestedRunId.isBlank() ? RunIds.next(clock) : requestedRunId;
        if (!RunIds.valid(runId)) {
            throw new RunService.RunRequestRefused(400,
                    "runId may hold letters, digits, '.', '_' and '-' (at most 100)");
        }
        ResourcePlan plan = catalog.plan(SampleCandidates.RESOURCES.stream().map(SourceResource::path).toList());
        List<RunStore.PlannedResource> planned = new ArrayList<>();
        for (SourceResource r : plan.ordered()) {
            planned.add(new RunStore.PlannedResource(r, catalog.pathOf(r), plan.levelOf(r)));
        }
        MapGate.Passed map = mapGate.check(mapVersion, mapSha256);
        try {
            store.create(runId, n, map.mappingVersion(), map.mapSha256(), planned);
        } catch (RunStore.RunExists e) {
            throw new RunService.RunRequestRefused(409, e.getMessage());
        }
        executor.submit(runId);
        return runId;
    }
}
