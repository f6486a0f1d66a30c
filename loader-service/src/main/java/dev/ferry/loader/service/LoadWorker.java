package dev.ferry.loader.service;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.messaging.OffsetTracker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The writer thread: takes ready batches from the accumulator and runs them through the processor; a finished Kafka
 * item's offset becomes committable. A batch that throws (database away, a bug) is retried with a growing pause;
 * after three failures its items are retried one at a time, so one bad command cannot hold the others back, and an
 * item that still fails alone is failed with cause {@code loader-error}.
 */
public class LoadWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(LoadWorker.class);
    private static final int BATCH_TRIES = 3;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final BatchAccumulator<WorkItem> accumulator;
    private final CommandProcessor processor;
    private final OffsetTracker tracker;
    private final Consumer<WorkItem> unprocessable;
    private volatile boolean running = true;
    private volatile boolean busy;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    /**
     * @param unprocessable fails an item that cannot be processed even alone (in its own transaction); may throw when
     *     the database is away, and is then retried
     */
    public LoadWorker(BatchAccumulator<WorkItem> accumulator, CommandProcessor processor, OffsetTracker tracker,
            Consumer<WorkItem> unprocessable) {
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
        for (int attempt = 1; attempt <= BATCH_TRIES; attempt++) {
            try {
                processor.process(batch);
                finished(batch);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("a batch of %d failed (attempt %d): %s: %s", batch.size(), attempt,
                        e.getClass().getSimpleName(), e.getMessage());
                pause(attempt);
            }
        }
        for (WorkItem item : batch) {
            processAlone(item);
        }
    }

    private void processAlone(WorkItem item) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt <= BATCH_TRIES) {
                    processor.process(List.of(item));
                } else {
                    unprocessable.accept(item);
                }
                finished(List.of(item));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("command %s failed alone (attempt %d): %s: %s", item.key(), attempt,
                        e.getClass().getSimpleName(), e.getMessage());
                pause(attempt);
            }
        }
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

    private static void pause(int attempt) throws InterruptedException {
        long ms = Math.min(MAX_PAUSE.toMillis(), 500L << Math.min(attempt, 10));
        Thread.sleep(ms);
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
