package dev.ferry.extractor.service;

import dev.ferry.extractor.model.PagePlan;
import dev.ferry.extractor.model.RecordKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run remembers about one resource: the page grid, the checkpointed pages, and the distinct records it
 * published (id, {@code updated_at}, deleted). PostgreSQL in the service; in memory in unit tests.
 */
public interface ResourceLedger {

    Optional<PagePlan> plan();

    void savePlan(PagePlan plan);

    /** Pages of the page pass whose records Kafka acknowledged and whose checkpoint is committed. */
    Set<Integer> donePages();

    /** Checkpoints a page of the page pass together with its records, in one transaction. */
    void commitPage(int page, List<RecordKey> records, int invalid);

    /** Remembers records read outside the page grid (catch-up and repair reads). */
    void commitRecords(List<RecordKey> records, int invalid);

    /**
     * Of {@code ids}, those this run already published, with the newest {@code updated_at} published (null values
     * allowed). Lets a re-read page publish only what is new to the run.
     */
    Map<String, Optional<Instant>> published(Collection<String> ids);

    /**
     * Distinct records published whose last-seen {@code updated_at} lies in {@code [from, to)}; a null bound is open.
     * Records without {@code updated_at} count as older than everything.
     */
    long count(Instant from, Instant to);

    /**
     * Up to {@code parts - 1} distinct {@code updated_at} values strictly inside {@code (from, to)} that split the
     * records published in that range into roughly equal parts, ascending.
     */
    List<Instant> splitPoints(Instant from, Instant to, int parts);

    /**
     * Up to {@code limit} distinct ids published, in ascending order, strictly after {@code after} (null: from the
     * first). The order is the store's and the same on every call, so paging through it with the last id of each page
     * yields every id once, in the same chunks each time (a resumed run re-publishes identical manifest chunks).
     */
    List<String> idsAfter(String after, int limit);
}
