package dev.ferry.loader.service;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.CallGuard;
import dev.ferry.loader.messaging.OffsetTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The writer thread: takes ready batches from the accumulator and runs them through the processor; a finished Kafka
 * item's offset becomes committable.
 *
 * <p>A batch that throws because PostgreSQL, Kafka or Freshsales is away ({@link InfrastructureTrouble}) is tried
 * again with a growing pause (at most 30 s) for as long as the trouble lasts: the writer is then visibly waiting
 * ({@link #waitingSince()}, the {@code /status} endpoint), and no record ends for that reason (issue 8, hole 1). A
 * batch that throws for any other reason (a bug, data the code cannot handle) is tried three times, then its items
 * one at a time, so one bad command cannot hold the others back; an item that still fails alone is failed with cause
 * {@code loader-error}.
 *
 * <p>The writer writes only records its consumer still owns: it claims a batch's records from the offset tracker, and
 * before each attempt, and before each call once its rate budget is granted ({@link CallGuard}), it lets go of those
 * a rebalance is taking away. A rebalance waits for the records in the writer's hands, so two replicas never write
 * the same record at once (issue 8, hole 3).
 */
public class LoadWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(LoadWorker.class);
    private static final int BATCH_TRIES = 3;

    private final BatchAccumulator<WorkItem> accumulator;
    private final CommandProcessor processor;
    private final OffsetTracker tracker;
    private final Consumer<WorkItem> unprocessable;
    private final Sleeper sleeper;
    private volatile boolean running = true;
    /** Longest pause between tries while the infrastructure is away ({@code ferry.loader.retry.outage-max-pause}). */
    private volatile Duration maxPause = Duration.ofSeconds(30);
    private volatile boolean busy;
    private volatile Instant waitingSince;
    private volatile String waitingFor;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    /**
     * @param unprocessable fails an item that cannot be processed even alone (in its own transaction); may throw when
     *     the database is away, and is then retried
     */
    public LoadWorker(BatchAccumulator<WorkItem> accumulator, CommandProcessor processor, OffsetTracker tracker,
            Consumer<WorkItem> unprocessable) {
        this(accumulator, processor, tracker, unprocessable, Sleeper.REAL);
    }

    /** With the pause between attempts made by {@code sleeper} (tests move a manual clock instead of waiting). */
    LoadWorker(BatchAccumulator<WorkItem> accumulator, CommandProcessor processor, OffsetTracker tracker,
            Consumer<WorkItem> unprocessable, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.accumulator = accumulator;
        this.processor = processor;
        this.tracker = tracker;
        this.unprocessable = unprocessable;
    }

    @Override
    public void run() {
        try {
            while (running) {
                accumulator.awaitWork(Duration.ofMillis(500));
                Optional<List<WorkItem>> batch = accumulator.pollReady(false);
                if (batch.isEmpty()) {
                    continue;
                }
                busy = true;
                try {
                    processWithRetries(batch.get());
                } finally {
                    busy = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void processWithRetries(List<WorkItem> taken) throws InterruptedException {
        List<WorkItem> batch = claim(taken);
        try {
            List<WorkItem> left = untilDone(batch, BATCH_TRIES, (b, failures) -> guarded(b));
            // The batch failed for a reason of its own: each item alone, so one bad command holds no other back;
            // one that still fails its tries alone is failed for good.
            for (WorkItem item : left) {
                untilDone(List.of(item), Integer.MAX_VALUE, (b, failures) -> {
                    if (failures < BATCH_TRIES) {
                        guarded(b);
                    } else {
                        unprocessable.accept(item);
                    }
                });
            }
        } finally {
            release(batch);
        }
    }

    /** One attempt at some items, told how many attempts failed for a reason other than the infrastructure. */
    @FunctionalInterface
    private interface Step {
        void run(List<WorkItem> items, int failures) throws InterruptedException;
    }

    /**
     * Runs {@code step} on what is still owned of {@code items} until it succeeds: infrastructure trouble is waited
     * out for as long as it lasts, records a rebalance takes away are let go. Returns the items when {@code giveUpAfter}
     * attempts failed for another reason; empty when they are done, handed over, or the writer is stopping.
     */
    private List<WorkItem> untilDone(List<WorkItem> items, int giveUpAfter, Step step) throws InterruptedException {
        List<WorkItem> batch = items;
        int failures = 0;
        for (int attempt = 1; ; attempt++) {
            batch = stillOwned(batch);
            if (batch.isEmpty()) {
                return List.of();
            }
            try {
                step.run(batch, failures);
                settled();
                finished(batch);
                return List.of();
            } catch (CallGuard.Abandoned e) {
                // A rebalance took some of it away while a call waited: the rest goes again at once.
                LOG.infof("%s; %d records go on without those handed over", e.getMessage(), batch.size());
                continue;
            } catch (RuntimeException e) {
                if (InfrastructureTrouble.isInfrastructure(e)) {
                    if (!running) {
                        // Stopping: the offsets stay uncommitted and the intents open, so whoever takes the
                        // partitions next reads the commands again and settles them by lookup.
                        return List.of();
                    }
                    waiting(e, batch.size(), attempt);
                } else {
                    failures++;
                    LOG.warnf("%s failed (attempt %d): %s: %s", batch.size() == 1 ? "command " + batch.get(0).key()
                            : "a batch of " + batch.size(), attempt, e.getClass().getSimpleName(), e.getMessage());
                    if (failures >= giveUpAfter) {
                        return batch;
                    }
                }
            }
            pause(attempt);
        }
    }

    /** Processes the items with every call checked, once its budget is granted, against the items' ownership. */
    private void guarded(List<WorkItem> items) throws InterruptedException {
        CallGuard.during(() -> owned(items), () -> processor.process(items));
    }

    /**
     * Takes the batch's Kafka records in hand; a record whose partition a rebalance is taking away is left (unwritten,
     * uncommitted) to its next owner (issue 8, hole 3). Parked rows are this replica's to finish.
     */
    private List<WorkItem> claim(List<WorkItem> taken) {
        return taken.stream().filter(i -> !(i.origin() instanceof WorkItem.FromKafka k)
                || tracker.claim(k.partition(), k.offset())).toList();
    }

    /** The batch without the records handed over since it was claimed; those are let go. */
    private List<WorkItem> stillOwned(List<WorkItem> batch) {
        List<WorkItem> kept = new java.util.ArrayList<>(batch.size());
        for (WorkItem i : batch) {
            if (owned(List.of(i))) {
                kept.add(i);
            } else if (i.origin() instanceof WorkItem.FromKafka k) {
                tracker.release(k.partition(), k.offset());
            }
        }
        return kept.size() == batch.size() ? batch : kept;
    }

    private boolean owned(List<WorkItem> batch) {
        for (WorkItem i : batch) {
            if (i.origin() instanceof WorkItem.FromKafka k && !tracker.owns(k.partition(), k.offset())) {
                return false;
            }
        }
        return true;
    }

    /** Lets go of whatever of the batch did not finish (finished records left the writer's hands already). */
    private void release(List<WorkItem> batch) {
        for (WorkItem i : batch) {
            if (i.origin() instanceof WorkItem.FromKafka k) {
                tracker.release(k.partition(), k.offset());
            }
        }
    }

    private void waiting(RuntimeException e, int size, int attempt) {
        if (waitingSince == null) {
            waitingSince = Instant.now();
        }
        waitingFor = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warnf("waiting for the infrastructure with a batch of %d (attempt %d, since %s): %s", size, attempt,
                waitingSince, waitingFor);
    }

    private void settled() {
        if (waitingSince != null) {
            LOG.infof("the infrastructure answers again after waiting since %s", waitingSince);
        }
        waitingSince = null;
        waitingFor = null;
    }

    /** Since when the writer has been waiting for PostgreSQL, Kafka or Freshsales to come back; null when it is not. */
    public Instant waitingSince() {
        return waitingSince;
    }

    /** What the writer is waiting for (the last error, no record data); null when it is not waiting. */
    public String waitingFor() {
        return waitingFor;
    }

    private void finished(List<WorkItem> batch) {
        batches.incrementAndGet();
        items.addAndGet(batch.size());
        for (WorkItem item : batch) {
            if (item.origin() instanceof WorkItem.FromKafka k) {
                tracker.done(k.partition(), k.offset());
            }
        }
    }

    /** Sets the longest pause between tries while the infrastructure is away (default 30 s). */
    public void outageMaxPause(Duration max) {
        maxPause = max;
    }

    private void pause(int attempt) throws InterruptedException {
        long ms = Math.min(maxPause.toMillis(), 500L << Math.min(attempt, 10));
        sleeper.sleep(Duration.ofMillis(ms));
    }

    public void stop() {
        running = false;
        accumulator.wake();
    }

    public boolean busy() {
        return busy;
    }

    public long batches() {
        return batches.get();
    }

    public long items() {
        return items.get();
    }
}
