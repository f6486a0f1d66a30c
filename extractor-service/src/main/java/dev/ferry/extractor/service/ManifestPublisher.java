package dev.ferry.extractor.service;

import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import java.time.Clock;
import java.util.List;

/**
 * Publishes the manifest of a counted resource: first the ids of the records the run published, in
 * {@link RunEvent.ManifestIds} chunks of at most {@link RunEvent.ManifestIds#MAX_IDS}, then the
 * {@link RunEvent.ManifestCounted} that names how many chunks there are. All go to {@code migration.runs} keyed by the
 * run id, so they stay in this order on one partition, and every one is acknowledged before the next is sent.
 *
 * <p>The ids come from the run's record ledger, which no longer changes once the counts are frozen, in the ledger's
 * stable order: a resumed run that repeats this step publishes the same chunks with the same command ids. Ids only,
 * never record content.
 */
public final class ManifestPublisher {

    /** Publishes one run event and returns once Kafka acknowledged it. */
    @FunctionalInterface
    public interface RunEvents {
        void publish(RunEvent event) throws ExtractionFailed, InterruptedException;
    }

    private ManifestPublisher() {
    }

    /**
     * @param count the frozen manifest count: the number of distinct ids the ledger must hold
     * @param deleted the frozen number of soft-deleted records among them
     * @return how many id chunks were published
     * @throws ExtractionFailed when the ledger does not hold exactly {@code count} ids (the counts and the ids would
     *     disagree, and reconciliation could never balance), or Kafka did not acknowledge an event
     */
    public static int publish(String runId, SourceResource resource, long count, long deleted, ResourceLedger ledger,
            RunEvents events, Clock clock) throws ExtractionFailed, InterruptedException {
        int chunks = RunEvent.ManifestIds.chunkCount(count);
        String after = null;
        long published = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            List<String> ids = ledger.idsAfter(after, RunEvent.ManifestIds.MAX_IDS);
            long expected = Math.min(RunEvent.ManifestIds.MAX_IDS, count - published);
            if (ids.size() != expected) {
                throw disagreement(resource, count, published + ids.size());
            }
            events.publish(new RunEvent.ManifestIds(null, runId, resource, chunk, chunks, ids, clock.instant()));
            published += ids.size();
            after = ids.get(ids.size() - 1);
        }
        if (!ledger.idsAfter(after, 1).isEmpty()) {
            throw disagreement(resource, count, published + 1);
        }
        events.publish(new RunEvent.ManifestCounted(null, runId, resource, count, deleted, chunks, clock.instant()));
        return chunks;
    }

    private static ExtractionFailed disagreement(SourceResource resource, long count, long atLeast) {
        return new ExtractionFailed("the manifest of " + resource.path() + " counts " + count
                + " records but the run's record ledger holds " + (atLeast > count ? "more" : atLeast)
                + " ids; the manifest is not published");
    }
}
