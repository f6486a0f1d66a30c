package dev.ferry.extractor.service;

import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.RunMode;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.client.RecordSource;
import dev.ferry.extractor.client.UnsettledClient;
import dev.ferry.extractor.config.ExtractorConfig;
import dev.ferry.extractor.config.ModuleRecordsPath;
import dev.ferry.extractor.config.ResourceCatalog;
import dev.ferry.extractor.messaging.KafkaAway;
import dev.ferry.extractor.messaging.KafkaPublisher;
import dev.ferry.extractor.model.ExecutionSnapshot;
import dev.ferry.extractor.model.RunState;
import dev.ferry.extractor.model.ResourceState;
import dev.ferry.extractor.store.DeltaStore;
import dev.ferry.extractor.store.RecordLedgerStore;
import dev.ferry.extractor.store.RunStore;
import dev.ferry.extractor.store.SampleStore;
import dev.ferry.extractor.sample.SampleCandidates;
import dev.ferry.extractor.sample.SampleSelection;
import dev.ferry.extractor.client.DentesCallFailed;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs extraction runs, one at a time in submission order (two runs against one tenant would only compete for its
 * rate limit). A run publishes {@code RunStarted}, extracts its resources level by level (a level's resources in
 * parallel), publishes per resource its manifest ({@code ManifestIds} chunks, then {@code ManifestCounted}; see
 * {@link ManifestPublisher}) and at the end {@code ExtractionFinished}; every step is recorded in
 * PostgreSQL first or right after its acknowledgement, so a resumed run repeats at most the step it was in.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final ExecutorService runs = Executors.newSingleThreadExecutor(named("ferry-run"));
    private final ExecutorService resources = Executors.newCachedThreadPool(named("ferry-resource"));
    private final ExecutorService pages = Executors.newCachedThreadPool(named("ferry-page"));
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    /** Set on shutdown: failures seen from then on are the shutdown's, and must not mark the run FAILED. */
    private volatile boolean stopping;

    @Inject
    RunStore store;

    @Inject
    RecordLedgerStore ledgers;

    @Inject
    KafkaPublisher publisher;

    @Inject
    PageSource source;

    @Inject
    ExtractorConfig config;

    @Inject
    Clock clock;

    @Inject
    PublishedFields fields;

    @Inject
    ResourceCatalog catalog;

    @Inject
    DeltaStore deltas;

    @Inject
    UnsettledClient audit;

    @Inject
    RecordSource records;

    @Inject
    SampleStore samples;

    /** Queues a run for execution (no-op when it is already queued or running here). */
    public void submit(String runId) {
        if (submitted.add(runId)) {
            runs.submit(() -> {
                try {
                    execute(runId);
                } finally {
                    submitted.remove(runId);
                }
            });
        }
    }

    /** Whether this extractor has the run queued or running. */
    public boolean isActive(String runId) {
        return submitted.contains(runId) || active.contains(runId);
    }

    /**
     * Runs the run to its end. PostgreSQL away (an outage, a failover) or Kafka away (no acknowledgement in time) is
     * waited out, never a failed run: the attempt stops, and after a pause (1 s, doubling to 8 s) the run resumes from
     * its checkpoints, as it does after a restart (issue 8, hole 4; the fault matrix's 20 s PostgreSQL outage failed a
     * run that nobody resumed, and its 90 s broker outage, on a slow machine, outlasted a page's 2-minute wait for
     * acknowledgements and failed the run's custom-module records).
     */
    void execute(String runId) {
        long pauseMillis = 1_000;
        while (true) {
            try {
                executeOnce(runId);
                return;
            } catch (DatabaseAway | KafkaAway away) {
                if (stopping) {
                    stoppedByShutdown(runId, away.getMessage());
                    return;
                }
                String what = away instanceof KafkaAway ? "Kafka" : "PostgreSQL";
                LOG.warnf("run %s: %s is away (%s); the run resumes from its checkpoints in %d ms", runId, what,
                        away.getMessage(), pauseMillis);
                pauseMillis = pauseThenRequeue(runId, pauseMillis, what + " was away");
                if (pauseMillis < 0) {
                    return;
                }
            }
        }
    }

    /**
     * Sleeps, then puts the run back in the queue once PostgreSQL answers (pausing again, doubling to 8 s, while it
     * does not), recording {@code reason} as why the attempt stopped. Returns the next pause, or -1 when the run is not
     * to be resumed here (shutdown, or its end recorded).
     */
    private long pauseThenRequeue(String runId, long pauseMillis, String reason) {
        long pause = pauseMillis;
        while (true) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            // A probe costs one query: a short cap ends the wait soon after the outage does.
            pause = Math.min(8_000, pause * 2);
            if (stopping) {
                return -1;
            }
            try {
                return store.requeueAfterOutage(runId, reason) == RunState.QUEUED ? pause : -1;
            } catch (RuntimeException e) {
                if (DatabaseAway.in(e) == null) {
                    throw e;
                }
            }
        }
    }

    private void executeOnce(String runId) {
        active.add(runId);
        try {
            ExecutionSnapshot run = store.start(runId);
            LOG.infof("run %s: started (attempt with snapshot %s)", runId, run.snapshotAt());
            if (!run.runStartedPublished()) {
                publisher.publishRunEvent(new RunEvent.RunStarted(null, runId, run.mode(), run.mappingVersion(),
                        run.resourceList(), clock.instant(), run.mapSha256()));
                store.markRunStartedPublished(runId);
            }
            FieldProjection projection = fields.forRun(runId, run.mappingVersion());
            if (run.mode() == RunMode.SAMPLE && !samples.selected(runId)) {
                chooseSample(runId);
            }
            for (List<ExecutionSnapshot.Resource> level : run.levels()) {
                List<Future<String>> results = new ArrayList<>();
                for (ExecutionSnapshot.Resource r : level) {
                    results.add(resources.submit(() -> extractResource(run, r, projection)));
                }
                List<String> failures = new ArrayList<>();
                ExecutionException first = null;
                for (Future<String> f : results) {
                    // Every resource of the level ends before the attempt does: a resumed attempt must never run
                    // beside a resource of the one it replaces.
                    try {
                        String failure = f.get();
                        if (failure != null) {
                            failures.add(failure);
                        }
                    } catch (ExecutionException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
                if (stopping) {
                    stoppedByShutdown(runId, failures.isEmpty() ? "between levels" : String.join("; ", failures));
                    return;
                }
                if (!failures.isEmpty()) {
                    String reason = String.join("; ", failures);
                    LOG.warnf("run %s: failed: %s", runId, reason);
                    store.fail(runId, reason);
                    return;
                }
            }
            Map<SourceResource, Long> counts = store.manifestCounts(runId);
            publisher.publishRunEvent(new RunEvent.ExtractionFinished(null, runId, counts, clock.instant()));
            store.complete(runId, config.consistency().clockSkewMargin());
            LOG.infof("run %s: extraction finished %s", runId, counts);
        } catch (InterruptedException e) {
            // Shutting down: the run stays RUNNING in PostgreSQL and is found INTERRUPTED at the next start.
            Thread.currentThread().interrupt();
            stoppedByShutdown(runId, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException) {
                stoppedByShutdown(runId, "interrupted");
            } else {
                rethrowOutage(e.getCause());
                failQuietly(runId, "unexpected: " + describe(e.getCause()));
            }
        } catch (ExtractionFailed e) {
            failQuietly(runId, e.getMessage());
        } catch (RuntimeException e) {
            rethrowOutage(e);
            if (stopping) {
                stoppedByShutdown(runId, describe(e));
                return;
            }
            LOG.errorf(e, "run %s: unexpected failure", runId);
            failQuietly(runId, "unexpected: " + describe(e));
        } finally {
            active.remove(runId);
        }
    }

    /** Extracts one resource; returns null on success, else the reason it failed (already recorded). */
    private String extractResource(ExecutionSnapshot run, ExecutionSnapshot.Resource r, FieldProjection projection)
            throws InterruptedException {
        String runId = run.runId();
        try {
            if (r.state().needsExtraction()) {
                store.resourceExtracting(runId, r.resource());
                ResourceExtraction.Progress progress = new ResourceExtraction.Progress() {
                    @Override
                    public void verifying() {
                        store.resourceVerifying(runId, r.resource());
                    }

                    @Override
                    public void round(int round, long prefixDeficit, long tailDeficit) {
                        store.resourceRound(runId, r.resource(), round);
                    }
                };
                long unverifiedTail = 0;
                int rounds = 0;
                if (run.mode() == RunMode.SAMPLE) {
                    readSample(run, r, projection);
                    // Read by id, each record exactly once: nothing to catch up on, the ledger's count is the count.
                    progress.verifying();
                } else {
                    ResourceExtraction.Result result = r.resource() == SourceResource.CUSTOM_MODULE_RECORDS
                            ? moduleRecords(run, r, projection, progress).run()
                            : extraction(run, r, r.sourcePath(), null, ledgers.forResource(runId, r.resource()),
                                    projection, progress).run();
                    unverifiedTail = result.unverifiedTail();
                    rounds = result.rounds();
                }
                if (run.mode() == RunMode.DELTA) {
                    readUnsettled(run, r, projection);
                }
                long[] counts = ledgers.recordCounts(runId).getOrDefault(r.resource().path(), new long[2]);
                store.freezeCounts(runId, r.resource(), counts[0], counts[1], unverifiedTail);
                LOG.infof("run %s: %s counted: %d records (%d deleted) after %d round(s)", runId,
                        r.resource().path(), counts[0], counts[1], rounds);
            }
            if (r.state() != ResourceState.DONE) {
                long[] frozen = store.frozenCounts(runId, r.resource());
                int chunks = ManifestPublisher.publish(runId, r.resource(), frozen[0], frozen[1],
                        ledgers.forResource(runId, r.resource()), publisher::publishRunEvent, clock);
                store.resourceDone(runId, r.resource());
                LOG.infof("run %s: %s manifest published: %d records in %d id chunk(s)", runId, r.resource().path(),
                        frozen[0], chunks);
            }
            return null;
        } catch (ExtractionFailed e) {
            return recordFailure(runId, r, e.getMessage());
        } catch (RuntimeException e) {
            rethrowOutage(e); // the whole run waits and resumes; the resource has not failed
            LOG.errorf(e, "run %s: %s: unexpected failure", runId, r.resource().path());
            return recordFailure(runId, r, "unexpected: " + describe(e));
        }
    }

    /**
     * The page pass and verification rounds over one path: a resource's, or one custom module's ({@code moduleKey}
     * given: its records are published under composite ids, see {@link KafkaPublisher#publishRecords}).
     */
    private ResourceExtraction extraction(ExecutionSnapshot run, ExecutionSnapshot.Resource r, String path,
            String moduleKey, ResourceLedger ledger, FieldProjection projection,
            ResourceExtraction.Progress progress) {
        return new ResourceExtraction(path, config.dentes().pageSize(),
                deltas.since(run.runId(), r.resource()).orElse(null), run.snapshotAt(),
                config.consistency().clockSkewMargin(), config.consistency().maxRounds(), config.maxConcurrency(),
                source, records -> publisher.publishRecords(run.runId(), run.mode(), r.resource(), moduleKey,
                        projection.apply(r.resource(), records)), ledger, pages, progress);
    }

    /**
     * A delta run's second half of a resource (issue 12): the records the audit says did not end in a success are
     * re-read by id and published ({@link UnsettledReads}). Without the audit's answer the resource fails (resumable):
     * a delta must never skip a failure silently.
     */
    private void readUnsettled(ExecutionSnapshot run, ExecutionSnapshot.Resource r, FieldProjection projection)
            throws ExtractionFailed, InterruptedException {
        List<String> ids;
        try {
            ids = audit.unsettled(r.resource().path());
        } catch (java.io.IOException e) {
            throw new ExtractionFailed("cannot learn from the audit service which records did not end in a success ("
                    + e.getMessage() + "); resume the run once it answers");
        }
        boolean modular = r.resource() == SourceResource.CUSTOM_MODULE_RECORDS;
        new UnsettledReads(records).read(r.resource().path(), ids, modular, key -> new UnsettledReads.Target() {
            @Override
            public String path() {
                return modular ? ModuleRecordsPath.of(r.sourcePath(), key) : r.sourcePath();
            }

            @Override
            public ResourceLedger ledger() {
                return modular ? ledgers.forModules(run.runId()).of(key)
                        : ledgers.forResource(run.runId(), r.resource());
            }

            @Override
            public PagePublisher publisher() {
                return batch -> publisher.publishRecords(run.runId(), run.mode(), r.resource(), key,
                        projection.apply(r.resource(), batch));
            }
        });
    }

    /**
     * A sample run's first step (issue 11 step 4): reads the candidates from the tenant and records the chosen
     * records, so that a resumed attempt extracts the same ones. Ids and counts only in the log.
     */
    private void chooseSample(String runId) throws ExtractionFailed, InterruptedException {
        int size = samples.size(runId).orElseThrow(() -> new ExtractionFailed("the sample run has no size"));
        SampleSelection.Result chosen;
        try {
            chosen = new SampleCandidates(source, catalog::pathOf, config.dentes().pageSize()).select(size);
        } catch (DentesCallFailed e) {
            throw new ExtractionFailed("choosing the sample: " + e.getMessage() + "; resume the run");
        }
        samples.recordSelection(runId, chosen);
        LOG.infof("run %s: sample of %d records chosen (%d stratified, the rest their parents); not covered within"
                + " the size: %s", runId, chosen.size(), chosen.roots(),
                chosen.uncovered().isEmpty() ? "none" : chosen.uncovered());
    }

    /** A sample run's resource: exactly its chosen records, read by id (none published twice on a resume). */
    private void readSample(ExecutionSnapshot run, ExecutionSnapshot.Resource r, FieldProjection projection)
            throws ExtractionFailed, InterruptedException {
        List<String> ids = samples.ids(run.runId(), r.resource());
        new UnsettledReads(records, "chosen for the sample").read(r.resource().path(), ids, false,
                key -> new UnsettledReads.Target() {
                    @Override
                    public String path() {
                        return r.sourcePath();
                    }

                    @Override
                    public ResourceLedger ledger() {
                        return ledgers.forResource(run.runId(), r.resource());
                    }

                    @Override
                    public PagePublisher publisher() {
                        return batch -> publisher.publishRecords(run.runId(), run.mode(), r.resource(), null,
                                projection.apply(r.resource(), batch));
                    }
                });
    }

    /**
     * {@code custom-module-records}: one extraction per module key the tenant's {@code custom-modules} lists, over the
     * run's path template ({@code run_resource.source_path}, e.g. {@code custom-modules/{key}/records}).
     */
    private ModuleRecordsExtraction moduleRecords(ExecutionSnapshot run, ExecutionSnapshot.Resource r,
            FieldProjection projection, ResourceExtraction.Progress progress) {
        return new ModuleRecordsExtraction(
                () -> ModuleKeys.read(source, catalog.pathOf(SourceResource.CUSTOM_MODULES),
                        config.dentes().pageSize()),
                ledgers.forModules(run.runId()),
                (key, ledger, moduleProgress) -> extraction(run, r, ModuleRecordsPath.of(r.sourcePath(), key), key,
                        ledger, projection, moduleProgress),
                progress);
    }

    private String recordFailure(String runId, ExecutionSnapshot.Resource r, String reason) {
        String full = r.resource().path() + ": " + reason;
        if (stopping) {
            // Interrupted mid-request or mid-transaction by the shutdown: the run stays RUNNING and is resumed.
            return full;
        }
        LOG.warnf("run %s: %s", runId, full);
        try {
            store.resourceFailed(runId, r.resource(), reason);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: cannot record the failure of %s", runId, r.resource().path());
        }
        return full;
    }

    private void failQuietly(String runId, String reason) {
        if (stopping) {
            stoppedByShutdown(runId, reason);
            return;
        }
        LOG.warnf("run %s: failed: %s", runId, reason);
        try {
            store.fail(runId, reason);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: cannot record the failure", runId);
        }
    }

    /**
     * The one line every shutdown path writes (operators and KillAndRestartIT look for it): the run stays RUNNING in
     * PostgreSQL and the next process resumes it. What the shutdown broke (an interrupted wait, a closed producer or
     * pool) goes after it; those messages name resources, topics and exception classes, never record content.
     */
    private static void stoppedByShutdown(String runId, String detail) {
        LOG.infof("run %s: stopped by shutdown; it resumes from its checkpoints (%s)", runId, detail);
    }

    /** Throws the outage in {@code e}'s causes ({@link Outage#in}), if there is one. */
    private static void rethrowOutage(Throwable e) {
        RuntimeException away = Outage.in(e);
        if (away != null) {
            throw away;
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops runs when shutdown begins, before any bean is destroyed. Regression (CI 2026-12-06): stopping only in
     * {@code @PreDestroy} raced the Kafka producer's and the datasource's own {@code @PreDestroy}; a resource whose
     * publish or checkpoint failed on the closed producer or pool was recorded as failed ("cannot record the failure
     * of patients [Error Occurred After Shutdown]") and the run logged no shutdown line at all.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        runs.shutdownNow();
        resources.shutdownNow();
        pages.shutdownNow();
        try {
            runs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
