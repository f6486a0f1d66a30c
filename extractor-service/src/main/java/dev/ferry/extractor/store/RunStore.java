package dev.ferry.extractor.store;

import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.model.ExecutionSnapshot;
import dev.ferry.extractor.model.ResourceState;
import dev.ferry.extractor.model.RunState;
import dev.ferry.extractor.model.RunSummary;
import dev.ferry.extractor.model.RunView;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Runs and their resources in PostgreSQL; every state change goes through the state machines in {@code model}. */
@ApplicationScoped
public class RunStore {

    /** A resource as planned for a new run. */
    public record PlannedResource(SourceResource resource, String sourcePath, int level) {
    }

    /** The run id is taken. */
    public static class RunExists extends RuntimeException {
        public RunExists(String runId) {
            super("run " + runId + " already exists");
        }
    }

    /** No such run. */
    public static class RunNotFound extends RuntimeException {
        public RunNotFound(String runId) {
            super("no run " + runId);
        }
    }

    @Inject
    Clock clock;

    @Inject
    RecordLedgerStore ledger;

    @Transactional
    public void create(String runId, RunMode mode, String mappingVersion, List<PlannedResource> resources) {
        create(runId, mode, mappingVersion, null, resources);
    }

    /** @param mapSha256 the confirmed map's sha256 (issue 11), or null with the map gate off */
    @Transactional
    public void create(String runId, RunMode mode, String mappingVersion, String mapSha256,
            List<PlannedResource> resources) {
        if (ExtractionRun.findById(runId) != null) {
            throw new RunExists(runId);
        }
        ExtractionRun run = new ExtractionRun();
        run.runId = runId;
        run.mode = mode;
        run.state = RunState.QUEUED;
        run.mappingVersion = mappingVersion;
        run.mapSha256 = mapSha256;
        run.createdAt = clock.instant();
        run.persist();
        int position = 0;
        for (PlannedResource p : resources) {
            ResourceProgress r = new ResourceProgress();
            r.runId = runId;
            r.resource = p.resource().path();
            r.position = position++;
            r.level = p.level();
            r.sourcePath = p.sourcePath();
            r.state = ResourceState.PENDING;
            r.persist();
        }
    }

    /** QUEUED -> RUNNING: counts the attempt and fixes the snapshot instant on the first one. */
    @Transactional
    public ExecutionSnapshot start(String runId) {
        ExtractionRun run = lockRun(runId);
        run.moveTo(RunState.RUNNING);
        Instant now = clock.instant();
        run.attempts++;
        run.startedAt = now;
        run.finishedAt = null;
        run.failureReason = null;
        if (run.snapshotAt == null) {
            // PostgreSQL keeps microseconds: truncate now so a resumed attempt uses the very same bound.
            run.snapshotAt = now.truncatedTo(ChronoUnit.MICROS);
        }
        List<ExecutionSnapshot.Resource> resources = resourcesOf(runId).stream()
                .map(r -> new ExecutionSnapshot.Resource(r.sourceResource(), r.sourcePath, r.level, r.state))
                .toList();
        return new ExecutionSnapshot(run.runId, run.mode, run.mappingVersion, run.mapSha256, run.snapshotAt,
                run.runStartedPublished, resources);
    }

    @Transactional
    public void markRunStartedPublished(String runId) {
        lockRun(runId).runStartedPublished = true;
    }

    @Transactional
    public void resourceExtracting(String runId, SourceResource resource) {
        ResourceProgress r = resource(runId, resource);
        r.moveTo(ResourceState.EXTRACTING);
        r.failureReason = null;
        r.finishedAt = null;
        if (r.startedAt == null) {
            r.startedAt = clock.instant();
        }
    }

    @Transactional
    public void resourceVerifying(String runId, SourceResource resource) {
        resource(runId, resource).moveTo(ResourceState.VERIFYING);
    }

    @Transactional
    public void resourceRound(String runId, SourceResource resource, int round) {
        resource(runId, resource).verificationRounds = round;
    }

    /** VERIFYING -> COUNTED: the manifest numbers are fixed from now on, also across resumes. */
    @Transactional
    public void freezeCounts(String runId, SourceResource resource, long count, long deleted, long unverifiedTail) {
        ResourceProgress r = resource(runId, resource);
        r.moveTo(ResourceState.COUNTED);
        r.manifestCount = count;
        r.manifestDeleted = deleted;
        r.unverifiedTail = unverifiedTail;
    }

    /** The frozen manifest numbers: {count, deleted}. */
    @Transactional
    public long[] frozenCounts(String runId, SourceResource resource) {
        ResourceProgress r = resource(runId, resource);
        if (r.manifestCount == null) {
            throw new IllegalStateException(resource.path() + " of run " + runId + " has no frozen counts");
        }
        return new long[] {r.manifestCount, r.manifestDeleted};
    }

    @Transactional
    public void resourceDone(String runId, SourceResource resource) {
        ResourceProgress r = resource(runId, resource);
        r.moveTo(ResourceState.DONE);
        r.finishedAt = clock.instant();
    }

    @Transactional
    public void resourceFailed(String runId, SourceResource resource, String reason) {
        ResourceProgress r = resource(runId, resource);
        if (r.state.canMoveTo(ResourceState.FAILED)) {
            r.moveTo(ResourceState.FAILED);
        }
        r.failureReason = truncate(reason);
        r.finishedAt = clock.instant();
    }

    @Transactional
    public void fail(String runId, String reason) {
        ExtractionRun run = lockRun(runId);
        run.moveTo(RunState.FAILED);
        run.failureReason = truncate(reason);
        run.finishedAt = clock.instant();
    }

    /**
     * RUNNING -> COMPLETED, and the delta watermark of every resource moves to the run's catch-up bound; not for a
     * SAMPLE run, which read a few records only: a later delta must still read everything else.
     */
    @Transactional
    public void complete(String runId, Duration clockSkewMargin) {
        ExtractionRun run = lockRun(runId);
        run.moveTo(RunState.COMPLETED);
        Instant now = clock.instant();
        run.extractionFinishedPublished = true;
        run.finishedAt = now;
        if (run.mode == RunMode.SAMPLE) {
            return;
        }
        for (ResourceProgress r : resourcesOf(runId)) {
            DeltaWatermark w = DeltaWatermark.findById(r.resource, LockModeType.PESSIMISTIC_WRITE);
            if (w == null) {
                w = new DeltaWatermark();
                w.resource = r.resource;
            }
            w.watermark = run.snapshotAt.minus(clockSkewMargin);
            w.runId = runId;
            w.recordedAt = now;
            w.persist();
        }
    }

    /**
     * At start-up: runs that were RUNNING lost their worker and become INTERRUPTED; with {@code resume} those are
     * queued again. Returns the queued runs, oldest first, for the executor.
     */
    @Transactional
    public List<String> recoverAtStartup(boolean resume) {
        List<ExtractionRun> running = ExtractionRun.list("state", RunState.RUNNING);
        for (ExtractionRun run : running) {
            run.moveTo(RunState.INTERRUPTED);
            run.failureReason = "the extractor stopped while the run was running";
        }
        if (resume) {
            for (ExtractionRun run : running) {
                run.moveTo(RunState.QUEUED);
            }
        }
        return ExtractionRun.<ExtractionRun>list("state", Sort.by("createdAt"), RunState.QUEUED).stream()
                .map(r -> r.runId).toList();
    }

    /**
     * After PostgreSQL or Kafka was away mid-attempt ({@code reason} says which): a run left RUNNING becomes
     * INTERRUPTED and QUEUED again, to resume from its checkpoints. Returns the state it is in now (another state means
     * the attempt's end was recorded).
     */
    @Transactional
    public RunState requeueAfterOutage(String runId, String reason) {
        ExtractionRun run = lockRun(runId);
        if (run.state == RunState.RUNNING) {
            run.moveTo(RunState.INTERRUPTED);
            run.failureReason = reason;
            run.moveTo(RunState.QUEUED);
        }
        return run.state;
    }

    /** FAILED or INTERRUPTED -> QUEUED. A run that is already QUEUED stays so (and may be submitted again). */
    @Transactional
    public RunState requeue(String runId) {
        ExtractionRun run = lockRun(runId);
        if (run.state != RunState.QUEUED) {
            run.moveTo(RunState.QUEUED);
        }
        return run.state;
    }

    @Transactional
    public Optional<RunState> stateOf(String runId) {
        ExtractionRun run = ExtractionRun.findById(runId);
        return Optional.ofNullable(run).map(r -> r.state);
    }

    @Transactional
    public List<RunSummary> list(int limit) {
        List<ExtractionRun> runs = ExtractionRun.findAll(Sort.by("createdAt").descending())
                .page(Page.ofSize(Math.max(1, limit))).list();
        List<RunSummary> out = new ArrayList<>();
        for (ExtractionRun run : runs) {
            List<String> resources = resourcesOf(run.runId).stream().map(r -> r.resource).toList();
            out.add(new RunSummary(run.runId, run.mode, run.state, resources, run.createdAt, run.finishedAt,
                    run.failureReason));
        }
        return out;
    }

    @Transactional
    public Optional<RunView> view(String runId, Predicate<String> active) {
        ExtractionRun run = ExtractionRun.findById(runId);
        if (run == null) {
            return Optional.empty();
        }
        Map<String, long[]> records = ledger.recordCounts(runId);
        Map<String, Long> pages = ledger.pagesDone(runId);
        List<RunView.ResourceView> resources = new ArrayList<>();
        for (ResourceProgress r : resourcesOf(runId)) {
            long[] rc = records.getOrDefault(r.resource, new long[2]);
            resources.add(new RunView.ResourceView(r.resource, r.level, r.state, r.sourcePath, r.pageSize,
                    r.totalPages, pages.getOrDefault(r.resource, 0L), r.reportedTotal, rc[0], rc[1],
                    r.invalidRecords, r.verificationRounds, r.manifestCount, r.manifestDeleted, r.unverifiedTail,
                    r.failureReason, r.startedAt, r.finishedAt));
        }
        return Optional.of(new RunView(run.runId, run.mode, run.state, run.mappingVersion, run.mapSha256, run.snapshotAt,
                run.createdAt, run.startedAt, run.finishedAt, run.attempts, run.failureReason,
                active.test(runId), resources));
    }

    /** Manifest counts of a run whose resources are all counted, in the run's resource order. */
    @Transactional
    public Map<SourceResource, Long> manifestCounts(String runId) {
        Map<SourceResource, Long> counts = new LinkedHashMap<>();
        for (ResourceProgress r : resourcesOf(runId)) {
            if (r.manifestCount == null) {
                throw new IllegalStateException(r.resource + " of run " + runId + " is not counted");
            }
            counts.put(r.sourceResource(), r.manifestCount);
        }
        return counts;
    }

    private ExtractionRun lockRun(String runId) {
        ExtractionRun run = ExtractionRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw new RunNotFound(runId);
        }
        return run;
    }

    private ResourceProgress resource(String runId, SourceResource resource) {
        ResourceProgress r = ResourceProgress.findById(new ResourceProgress.Key(runId, resource.path()));
        if (r == null) {
            throw new IllegalStateException("run " + runId + " has no resource " + resource.path());
        }
        return r;
    }

    private static List<ResourceProgress> resourcesOf(String runId) {
        return ResourceProgress.list("runId", Sort.by("position"), runId);
    }

    private static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        return reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "...";
    }
}
