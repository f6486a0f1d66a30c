package dev.ferry.mapper.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.store.UnreadableStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ends the records a run waits for that will never arrive readable (issue 8, hole 5). A record whose raw message
 * cannot be decoded goes to {@code ferry.poison}; its resource then never reaches the manifest's count, and everything
 * that waits for that resource (a run's patients wait for all its clinics) waits forever. Once the manifest's ids
 * are in and every id the run has not delivered arrived unreadable, each gets {@code REJECTED record.unreadable} and
 * counts as delivered, so the rest goes on. A record merely late is never settled: some id is then not unreadable.
 */
@ApplicationScoped
public class UnreadableSettler {

    private static final Logger LOG = Logger.getLogger(UnreadableSettler.class);

    private final UnreadableStore store;
    private final RecordProcessor processor;
    private final PendingReleaser releaser;

    public UnreadableSettler(UnreadableStore store, RecordProcessor processor, PendingReleaser releaser) {
        this.store = store;
        this.processor = processor;
        this.releaser = releaser;
    }

    /**
     * Now and then, every resource that has unreadable records: the last readable record a run lacked may arrive
     * after its manifest and after the unreadable one (another partition), and then nothing else would ask.
     */
    @Scheduled(every = "${ferry.mapper.release-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            for (SourceResource resource : store.resourcesWithUnreadable()) {
                settleRunsShortOf(resource);
            }
        } catch (RuntimeException e) {
            // The database or Kafka away: the next sweep asks again.
            LOG.debugf("the unreadable-record sweep waits for the infrastructure: %s", e.getClass().getSimpleName());
        }
    }

    /** After an unreadable record of {@code resource}: every run short of that resource is checked. */
    public void settleRunsShortOf(SourceResource resource) {
        for (String runId : store.runsShortOf(resource)) {
            settle(runId, resource);
        }
    }

    /** After a run's manifest of {@code resource} (ids or count) arrived. */
    public void settle(String runId, SourceResource resource) {
        List<UnreadableStore.Unread> unread = store.shortfallIfAllUnreadable(runId, resource);
        for (UnreadableStore.Unread u : unread) {
            processor.rejectUnreadable(runId, resource, u.sourceId(), u.reason());
        }
        if (!unread.isEmpty()) {
            LOG.warnf("run %s: %d %s arrived unreadable and end rejected (record.unreadable); what waited for them goes"
                    + " on", runId, unread.size(), resource.path());
            releaser.trigger();
        }
    }
}
