package dev.ferry.extractor.service;

import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.config.ExtractorConfig;
import dev.ferry.extractor.config.ResourceCatalog;
import dev.ferry.extractor.config.ResourcePlan;
import dev.ferry.extractor.model.RunState;
import dev.ferry.extractor.model.RunSummary;
import dev.ferry.extractor.model.RunView;
import dev.ferry.extractor.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the REST API can ask of runs: start one, resume one, look at them. */
@ApplicationScoped
public class RunService {

    /** The request cannot be served as asked; {@link #status} is the HTTP status that says why. */
    public static class RunRequestRefused extends RuntimeException {
        private final int status;

        public RunRequestRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    @Inject
    RunStore store;

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

    @Inject
    DeltaRuns deltaRuns;

    @Inject
    SampleRuns sampleRuns;

    /** Creates and queues a run on the latest confirmed map; returns its id. */
    public String start(RunMode mode, List<String> resources, String requestedRunId) {
        return start(mode, resources, requestedRunId, null, null);
    }

    /**
     * Creates and queues a run on a confirmed map ({@link MapGate}); returns its id.
     *
     * @param mapVersion the confirmed map: {@code latest} (or null), {@code 3}, {@code v3}
     * @param mapSha256 the hash the caller confirmed, or null
     */
    public String start(RunMode mode, List<String> resources, String requestedRunId, String mapVersion,
            String mapSha256) {
        return start(mode, resources, requestedRunId, mapVersion, mapSha256, null);
    }

    /**
     * As {@link #start(RunMode, List, String, String, String)}, with a SAMPLE run's size.
     *
     * @param sampleSize the most records a SAMPLE run holds, parents included (null: the default); only for SAMPLE
     */
    public String start(RunMode mode, List<String> resources, String requestedRunId, String mapVersion,
            String mapSha256, Integer sampleSize) {
        if (mode == null) {
            throw new RunRequestRefused(400, "mode is required (FULL, SAMPLE, DELTA)");
        }
        if (sampleSize != null && mode != RunMode.SAMPLE) {
            throw new RunRequestRefused(400, "size is for SAMPLE runs only");
        }
        switch (mode) {
            case FULL -> {
            }
            case DELTA -> {
                return deltaRuns.start(resources, requestedRunId, mapVersion, mapSha256);
            }
            case SAMPLE -> {
                if (resources != null && !resources.isEmpty()) {
                    throw new RunRequestRefused(400, "a SAMPLE run chooses its own records and resources; name none");
                }
                return sampleRuns.start(sampleSize, requestedRunId, mapVersion, mapSha256);
            }
            default -> throw new RunRequestRefused(400, mode + " is not an extraction mode (FULL, SAMPLE, DELTA)");
        }
        String runId = requestedRunId == null || requestedRunId.isBlank() ? RunIds.next(clock) : requestedRunId;
        if (!RunIds.valid(runId)) {
            throw new RunRequestRefused(400, "runId may hold letters, digits, '.', '_' and '-' (at most 100)");
        }
        ResourcePlan plan;
        try {
            plan = catalog.plan(resources);
        } catch (ResourceCatalog.UnknownResourceException e) {
            throw new RunRequestRefused(400, e.getMessage());
        }
        if (plan.ordered().isEmpty()) {
            throw new RunRequestRefused(400, "no resources to extract");
        }
        List<RunStore.PlannedResource> planned = new ArrayList<>();
        for (SourceResource r : plan.ordered()) {
            planned.add(new RunStore.PlannedResource(r, catalog.pathOf(r), plan.levelOf(r)));
        }
        // Last, so a malformed request is told what is wrong with it before the mapper is asked.
        MapGate.Passed map = mapGate.check(mapVersion, mapSha256);
        try {
            store.create(runId, mode, map.mappingVersion(), map.mapSha256(), planned);
        } catch (RunStore.RunExists e) {
            throw new RunRequestRefused(409, e.getMessage());
        }
        executor.submit(runId);
        return runId;
    }

    /** Queues a failed or interrupted run again; it continues from its checkpoints. */
    public void resume(String runId) {
        RunState state = store.stateOf(runId).orElseThrow(() -> new RunRequestRefused(404, "no run " + runId));
        if (executor.isActive(runId)) {
            throw new RunRequestRefused(409, "run " + runId + " is already " + state + " here");
        }
        if (!state.resumable() && state != RunState.QUEUED) {
            throw new RunRequestRefused(409, "a " + state + " run cannot be resumed");
        }
        store.requeue(runId);
        executor.submit(runId);
    }

    public List<RunSummary> list(int limit) {
        return store.list(limit);
    }

    public Optional<RunView> view(String runId) {
        return store.view(runId, executor::isActive);
    }
}
