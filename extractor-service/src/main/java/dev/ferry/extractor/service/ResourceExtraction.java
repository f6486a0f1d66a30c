package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.model.PagePlan;
import dev.ferry.extractor.model.Published;
import dev.ferry.extractor.model.RecordKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Extracts one resource for one run: the page pass, then catch-up-and-verify rounds. See README, "Consistency".
 *
 * <p><b>Page pass.</b> Pages 1..N of {@code sort=updated_at&include_deleted=true}, N taken from the first page and kept
 * for resumes, fetched in parallel (at most {@code window} pages of this resource at a time). A page is checkpointed
 * after Kafka acknowledged its records, together with their ids, so a resumed run skips it.
 *
 * <p><b>Why more is needed.</b> Sorted by {@code updated_at} ascending, a record that changes during the pass jumps to the
 * end, and every record behind its old place moves one place forward: one of them can slip from a page not yet read
 * into a page already read, and be missed. New records only append. So the part of the resource older than the
 * snapshot ({@code updated_at < snapshot - skew}, the "prefix") can only shrink during the run, and everything that
 * changed lands in the "tail" ({@code updated_at >= snapshot - skew}).
 *
 * <p><b>Rounds.</b> Each round re-reads the tail (which also refreshes the {@code updated_at} we hold for records that
 * moved), then compares the tenant's count of prefix records ({@code meta.total} of two one-record probes) with the
 * distinct prefix records published. A deficit means records were skipped: the prefix is bisected at quantiles of the
 * published {@code updated_at}s, ranges where the tenant has more records than were published are re-read, and the
 * next round checks again. The prefix must balance within {@code maxRounds}, else the resource fails (resumable).
 * A tail deficit after the last round is reported, not fatal: those are records created after the snapshot, which the
 * delta run picks up from the watermark.
 */
public final class ResourceExtraction {

    private static final Logger LOG = Logger.getLogger(ResourceExtraction.class);
    /** How many sub-ranges a range with missing records is split into per bisection step. */
    static final int FANOUT = 8;
    private static final int MAX_DEPTH = 8;

    /** Told when the extraction moves from the page pass to verification, and what each round found. */
    public interface Progress {
        void verifying();

        void round(int round, long prefixDeficit, long tailDeficit);

        Progress NONE = new Progress() {
            @Override
            public void verifying() {
            }

            @Override
            public void round(int round, long prefixDeficit, long tailDeficit) {
            }
        };
    }

    /**
     * How it ended.
     *
     * @param rounds verification rounds used
     * @param unverifiedTail records the tenant had in the tail that were not published (created after the snapshot)
     */
    public record Result(int rounds, long unverifiedTail) {
    }

    private final String path;
    private final int requestedPageSize;
    private final Instant tailSince;
    /** Delta runs (issue 12): the inclusive lower bound of everything this extraction reads; null reads it all. */
    private final Instant since;
    private final int maxRounds;
    private final int window;
    private final PageSource source;
    private final PagePublisher publisher;
    private final ResourceLedger ledger;
    private final ExecutorService pool;
    private final Progress progress;

    /**
     * @param path the tenant's path of the resource
     * @param snapshotAt the run's snapshot instant
     * @param skew allowed clock difference to the tenant; the tail starts this long before the snapshot
     * @param window most pages of this resource in flight at once
     * @param pool runs page tasks; must allow {@code window} tasks at once
     */
    public ResourceExtraction(String path, int pageSize, Instant snapshotAt, Duration skew, int maxRounds, int window,
            PageSource source, PagePublisher publisher, ResourceLedger ledger, ExecutorService pool,
            Progress progress) {
        this(path, pageSize, null, snapshotAt, skew, maxRounds, window, source, publisher, ledger, pool, progress);
    }

    /**
     * A delta extraction (issue 12): the same page pass and rounds over the records with {@code updated_at >= since}
     * only. The "prefix" the rounds verify is then {@code [since, snapshot - skew)}; a record that changes during the
     * pass still lands in the tail.
     *
     * @param since inclusive lower bound on {@code updated_at} (the delta watermark), or null for every record
     */
    public ResourceExtraction(String path, int pageSize, Instant since, Instant snapshotAt, Duration skew,
            int maxRounds, int window, PageSource source, PagePublisher publisher, ResourceLedger ledger,
            ExecutorService pool, Progress progress) {
        this.path = path;
        this.requestedPageSize = pageSize;
        this.since = since;
        Instant tail = snapshotAt.minus(skew);
        // A watermark at or after the tail bound (a clock that went back) leaves no prefix: all of it is tail.
        this.tailSince = since != null && since.isAfter(tail) ? since : tail;
        this.maxRounds = Math.max(1, maxRounds);
        this.window = Math.max(1, window);
        this.source = source;
        this.publisher = publisher;
        this.ledger = ledger;
        this.pool = pool;
        this.progress = progress;
    }

    public Result run() throws ExtractionFailed, InterruptedException {
        PagePlan plan = pagePass();
        progress.verifying();
        return verify(plan.pageSize());
    }

    // ------------------------------------------------------------------------------------------------ page pass

    private PagePlan pagePass() throws ExtractionFailed, InterruptedException {
        PagePlan plan = ledger.plan().orElse(null);
        boolean resumed = plan != null;
        if (plan == null) {
            DentesPage first = fetch(new PageQuery(path, 1, requestedPageSize, since));
            int pageSize = first.meta().perPage() > 0 ? first.meta().perPage() : requestedPageSize;
            plan = new PagePlan(pageSize, first.meta().totalPages(), first.meta().total());
            ledger.savePlan(plan);
            if (first.meta().totalPages() >= 1) {
                Published published = publishNew(first.records());
                ledger.commitPage(1, published.keys(), first.invalid() + published.invalid());
            }
        }
        Set<Integer> done = ledger.donePages();
        List<Integer> todo = new ArrayList<>();
        for (int p = 1; p <= plan.totalPages(); p++) {
            if (!done.contains(p)) {
                todo.add(p);
            }
        }
        if (resumed) {
            LOG.infof("%s: %d of %d pages already checkpointed, reading the other %d", path, done.size(),
                    plan.totalPages(), todo.size());
        }
        int pageSize = plan.pageSize();
        inParallel(todo, p -> {
            DentesPage page = fetch(new PageQuery(path, p, pageSize, since));
            Published published = publishNew(page.records());
            ledger.commitPage(p, published.keys(), page.invalid() + published.invalid());
        });
        return plan;
    }

    // ---------------------------------------------------------------------------------------------- verification

    private Result verify(int pageSize) throws ExtractionFailed, InterruptedException {
        for (int round = 1; ; round++) {
            readTail(pageSize);
            long serverAll = probe(since);
            long serverTail = probe(tailSince);
            long oursPrefix = ledger.count(since, tailSince);
            long oursTail = ledger.count(tailSince, null);
            long prefixDeficit = (serverAll - serverTail) - oursPrefix;
            long tailDeficit = serverTail - oursTail;
            progress.round(round, prefixDeficit, tailDeficit);
            if (prefixDeficit > 0) {
                if (round >= maxRounds) {
                    throw new ExtractionFailed(path + ": after " + round + " rounds the tenant still reports "
                            + prefixDeficit + " record(s) older than the snapshot that were not read; the source"
                            + " changes faster than it can be verified. Resume the run to try again.");
                }
                LOG.infof("%s: round %d: %d record(s) older than the snapshot were skipped by shifting pages;"
                        + " re-reading the ranges that lack them", path, round, prefixDeficit);
                repair(since, tailSince, serverAll, serverTail, pageSize, 0);
                continue;
            }
            if (tailDeficit > 0 && round < maxRounds) {
                continue;
            }
            long unverified = Math.max(0, tailDeficit);
            if (unverified > 0) {
                LOG.infof("%s: %d record(s) changed or created after the snapshot are not in this run; the next"
                        + " delta run reads them", path, unverified);
            }
            return new Result(round, unverified);
        }
    }

    /** Reads everything changed since the tail bound, in parallel after the first page. */
    private void readTail(int pageSize) throws ExtractionFailed, InterruptedException {
        DentesPage first = fetch(new PageQuery(path, 1, pageSize, tailSince));
        commitRecords(first, first.records());
        List<Integer> rest = new ArrayList<>();
        for (int p = 2; p <= first.meta().totalPages(); p++) {
            rest.add(p);
        }
        inParallel(rest, p -> {
            DentesPage page = fetch(new PageQuery(path, p, pageSize, tailSince));
            commitRecords(page, page.records());
        });
    }

    /**
     * Finds and re-reads the records of {@code [lo, hi)} the tenant has and this run did not publish.
     *
     * @param suffixLo the tenant's count of records with {@code updated_at >= lo} (all records when lo is null)
     * @param suffixHi the same for {@code hi}
     */
    private void repair(Instant lo, Instant hi, long suffixLo, long suffixHi, int pageSize, int depth)
            throws ExtractionFailed, InterruptedException {
        long server = suffixLo - suffixHi;
        long ours = ledger.count(lo, hi);
        if (server <= ours) {
            return;
        }
        List<Instant> splits = server <= 2L * pageSize || depth >= MAX_DEPTH
                ? List.of() : ledger.splitPoints(lo, hi, FANOUT);
        if (splits.isEmpty()) {
            readRange(lo, hi, pageSize);
            return;
        }
        List<Instant> bounds = new ArrayList<>();
        bounds.add(lo);
        bounds.addAll(splits);
        bounds.add(hi);
        long[] suffix = new long[bounds.size()];
        suffix[0] = suffixLo;
        suffix[bounds.size() - 1] = suffixHi;
        for (int i = 1; i < bounds.size() - 1; i++) {
            suffix[i] = probe(bounds.get(i));
        }
        for (int i = 0; i < bounds.size() - 1; i++) {
            repair(bounds.get(i), bounds.get(i + 1), suffix[i], suffix[i + 1], pageSize, depth + 1);
        }
    }

    /** Reads {@code [lo, hi)} page by page from {@code updated_since=lo} until a record at or after {@code hi}. */
    private void readRange(Instant lo, Instant hi, int pageSize) throws ExtractionFailed, InterruptedException {
        for (int p = 1; ; p++) {
            DentesPage page = fetch(new PageQuery(path, p, pageSize, lo));
            List<ObjectNode> inRange = new ArrayList<>(page.records().size());
            boolean beyond = false;
            for (ObjectNode r : page.records()) {
                Instant at = RecordKey.updatedAtOf(r);
                if (at != null && !at.isBefore(hi)) {
                    beyond = true;
                } else {
                    inRange.add(r);
                }
            }
            commitRecords(page, inRange);
            if (beyond || page.records().isEmpty() || p >= page.meta().totalPages()) {
                return;
            }
        }
    }

    private void commitRecords(DentesPage page, List<ObjectNode> records) throws ExtractionFailed,
            InterruptedException {
        Published published = publishNew(records);
        ledger.commitRecords(published.keys(), page.invalid() + published.invalid());
    }

    /**
     * Publishes the records this run has not published yet in this version or a newer one. Pages overlap (the tail
     * read covers records the page pass read, a repair re-reads a whole range for a few missing records), and without
     * this every overlap would reach the mapper twice.
     */
    private Published publishNew(List<ObjectNode> records) throws ExtractionFailed, InterruptedException {
        List<String> ids = new ArrayList<>(records.size());
        for (ObjectNode r : records) {
            String id = RecordKey.idOf(r);
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, Optional<Instant>> known = ids.isEmpty() ? Map.of() : ledger.published(ids);
        List<ObjectNode> fresh = new ArrayList<>(records.size());
        for (ObjectNode r : records) {
            String id = RecordKey.idOf(r);
            Optional<Instant> seen = id == null ? null : known.get(id);
            if (seen == null || isNewer(RecordKey.updatedAtOf(r), seen.orElse(null))) {
                fresh.add(r);
            }
        }
        return fresh.isEmpty() ? new Published(List.of(), 0) : publisher.publishAndAwait(fresh);
    }

    private static boolean isNewer(Instant candidate, Instant seen) {
        return candidate != null && (seen == null || candidate.isAfter(seen));
    }

    private long probe(Instant since) throws ExtractionFailed, InterruptedException {
        return fetch(new PageQuery(path, 1, 1, since)).meta().total();
    }

    private DentesPage fetch(PageQuery q) throws ExtractionFailed, InterruptedException {
        try {
            return source.fetch(q);
        } catch (DentesCallFailed e) {
            throw new ExtractionFailed(e.getMessage());
        }
    }

    // -------------------------------------------------------------------------------------------------- parallel

    @FunctionalInterface
    private interface PageTask {
        void run(int page) throws ExtractionFailed, InterruptedException;
    }

    /**
     * Runs {@code task} for each page, at most {@code window} at a time, in page order. The first failure stops new
     * pages from starting; pages already running finish (and checkpoint), so a resume repeats as little as possible.
     */
    private void inParallel(List<Integer> pages, PageTask task) throws ExtractionFailed, InterruptedException {
        if (pages.isEmpty()) {
            return;
        }
        Semaphore slots = new Semaphore(window);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int page : pages) {
                slots.acquire();
                if (failure.get() != null) {
                    slots.release();
                    break;
                }
                running.add(pool.submit(() -> {
                    try {
                        task.run(page);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            // the task catches everything it throws; this would be an Error
            throw new IllegalStateException("page task died", e.getCause());
        }
        Exception e = failure.get();
        if (e == null) {
            return;
        }
        if (e instanceof ExtractionFailed f) {
            throw f;
        }
        if (e instanceof InterruptedException i) {
            throw i;
        }
        RuntimeException away = Outage.in(e);
        if (away != null) {
            // PostgreSQL or Kafka away: the run waits it out and resumes; the resource has not failed. (The broker row
            // of the fault matrix, 2026-12-07: a page's KafkaAway became "KafkaAway while storing a page" here.)
            throw away;
        }
        throw new ExtractionFailed(path + ": " + e.getClass().getSimpleName() + " while storing a page: "
                + e.getMessage());
    }
}
