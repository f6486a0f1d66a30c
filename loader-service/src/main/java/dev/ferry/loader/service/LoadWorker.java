package dev.ferry.loader.service;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.budget.Sleeper;
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
 */
public class LoadWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(LoadWorker.class);
    private static final int BATCH_TRIES = 3;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final BatchAccumulator<WorkItem> accumulator;
    private final CommandProcessor processor;
    private final OffsetTracker tracker;
    private final Consumer<WorkItem> unprocessable;
    private final Sleeper sleeper;
    private volatile boolean running = true;
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

    void processWithRetries(List<WorkItem> batch) throws InterruptedException {
        int failures = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                processor.process(batch);
                settled();
                finished(batch);
                return;
            } catch (RuntimeException e) {
                if (InfrastructureTrouble.isInfrastructure(e)) {
                    if (!running) {
                        // Stopping: the batch's offsets stay uncommitted and its intents open, so whoever takes the
                        // partitions next reads the commands again and settles them by lookup.
                        return;
                    }
                    waiting(e, batch.size(), attempt);
                } else {
                    failures++;
                    LOG.warnf("a batch of %d failed (attempt %d): %s: %s", batch.size(), attempt,
                            e.getClass().getSimpleName(), e.getMessage());
                    if (failures >= BATCH_TRIES) {
                        break;
                    }
                }
                pause(attempt);
            }
        }
        for (WorkItem item : batch) {
            processAlone(item);
        }
    }

    private void processAlone(WorkItem item) throws InterruptedException {
        int failures = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                if (failures < BATCH_TRIES) {
                    processor.process(List.of(item));
                } else {
                    unprocessable.accept(item);
                }
                settled();
                finished(List.of(item));
                return;
            } catch (RuntimeException e) {
                if (InfrastructureTrouble.isInfrastructure(e)) {
                    if (!running) {
                        return;
                    }
                    waiting(e, 1, attempt);
                } else {
                    failures++;
                    LOG.warnf("command %s failed alone (attempt %d): %s: %s", item.key(), attempt,
                            e.getClass().getSimpleName(), e.getMessage());
                }
                pause(attempt);
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

    private void pause(int attempt) throws InterruptedException {
        long ms = Math.min(MAX_PAUSE.toMillis(), 500L << Math.min(attempt, 10));
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
