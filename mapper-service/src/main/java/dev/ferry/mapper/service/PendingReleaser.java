package dev.ferry.mapper.service;

import dev.ferry.contracts.ContractViolation;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.messaging.PoisonReporter;
import dev.ferry.mapper.store.PendingStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Maps held records once what they wait for is complete. Runs on its own thread, never on a Kafka consumer's (a run's
 * worth of patients can take longer than the consumer's 60 s unprocessed-record limit). Woken by run events and by
 * records that complete a manifest; also every {@code ferry.mapper.release-interval} as a safety net (another replica
 * may have recorded the event). Rows are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work, and
 * so do the {@code ferry.mapper.release-parallelism} threads that map one batch ({@link ParallelRelease}); groups stay
 * in order, parents before children.
 */
@ApplicationScoped
public class PendingReleaser {

    private static final Logger LOG = Logger.getLogger(PendingReleaser.class);

    private final PendingStore pending;
    private final RunContexts contexts;
    private final RecordProcessor processor;
    private final OwnerReportService ownerReports;
    private final PoisonReporter poison;
    private final MapperMetrics metrics;
    private final MapperConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-mapper-releaser");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ParallelRelease parallel;

    public PendingReleaser(PendingStore pending, RunContexts contexts, RecordProcessor processor,
            OwnerReportService ownerReports, PoisonReporter poison, MapperMetrics metrics, MapperConfig config) {
        this.pending = pending;
        this.contexts = contexts;
        this.processor = processor;
        this.ownerReports = ownerReports;
        this.poison = poison;
        this.metrics = metrics;
        this.config = config;
        this.parallel = new ParallelRelease(config.releaseParallelism());
    }

    /** Asks for a release pass; passes asked for while one is queued are one pass. */
    public void trigger() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(this::pass);
            } catch (RejectedExecutionException stopping) {
                // Shutting down: the held rows stay in the table for the next start.
                queued.set(false);
            }
        }
    }

    @Scheduled(every = "${ferry.mapper.release-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void safetyNet() {
        trigger();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        parallel.close();
    }

    private void pass() {
        queued.set(false);
        try {
            if (releaseAll() > 0 && !pending.groups().isEmpty()) {
                // What this pass mapped may be the parents that held records wait for: go again at once rather than
                // after release-interval. Each such pass released something, so this ends.
                trigger();
            }
            ownerReports.logCompletedSummaries();
        } catch (RuntimeException e) {
            // The rows stay held; the next pass (at the latest after release-interval) tries again.
            LOG.warnf("release pass stopped: %s (%s); held records stay held until the next pass",
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** One pass over every held group; returns how many records were released. */
    long releaseAll() {
        long released = 0;
        // Parents before children (clinics, patients, then their cases): a child's parent is decided in the same pass.
        List<PendingStore.Group> groups = new java.util.ArrayList<>(pending.groups());
        groups.sort(java.util.Comparator.comparing((PendingStore.Group g) -> g.resource().ordinal()));
        for (PendingStore.Group group : groups) {
            Readiness readiness = contexts.check(group.runId(), group.resource());
            if (readiness instanceof Readiness.Waiting) {
                continue;
            }
            while (true) {
                List<String> ids = pending.ids(group.runId(), group.resource(), config.releaseBatchSize());
                if (ids.isEmpty()) {
                    break;
                }
                long batch = parallel.each(ids, id -> {
                    boolean done = pending.release(group.runId(), group.resource(), id, held -> map(held, readiness));
                    if (done) {
                        metrics.count(group.resource(), MapperMetrics.Result.RELEASED);
                    }
                    return done;
                });
                released += batch;
                if (batch == 0) {
                    break; // everything left is locked by another replica
                }
            }
        }
        if (released > 0) {
            LOG.infof("released %d held records", released);
        }
        return released;
    }

    /** Maps a held record; false when it must stay held (a record it links to is not decided yet). */
    private boolean map(PendingStore.Held held, Readiness readiness) {
        SourceRecordEnvelope envelope;
        try {
            envelope = FerryJson.decode(held.envelope(), SourceRecordEnvelope.class);
        } catch (ContractViolation e) {
            report(held, e.getMessage(), null);
            return true;
        }
        try {
            if (readiness instanceof Readiness.Ready ready) {
                return processor.process(envelope, ready);
            } else if (readiness instanceof Readiness.Unmapped unmapped) {
                processor.rejectUnmapped(envelope, unmapped.specVersion());
            }
        } catch (MappingFailure e) {
            report(held, e.getMessage(), envelope);
        }
        return true;
    }

    private void report(PendingStore.Held held, String reason, SourceRecordEnvelope envelope) {
        PendingStore.Origin o = held.origin();
        poison.report("pending", o.topic(), o.partition(), o.offset(), envelope == null ? null : envelope.sourceId(),
                reason, held.envelope().length, envelope == null ? null : envelope.resource());
    }
}
