package dev.ferry.loader.messaging;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.service.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The loader's own poll loop on {@code freshsales.commands}. It decodes (poison goes to {@code ferry.poison} and its
 * offset moves on), hands commands to the batch accumulator, and commits, every commit interval, exactly the offsets
 * below the oldest command whose effect is not durable yet.
 *
 * <p>Writing happens on another thread, so this loop keeps polling however long the rate budget makes the writer
 * wait: the consumer never exceeds {@code max.poll.interval.ms} and never leaves its group for being slow. When too
 * many commands are waiting it pauses its partitions (and resumes them when the writer has caught up), so memory
 * stays bounded. This replaces SmallRye's throttled commit strategy, whose 60 s unprocessed-record limit a budget
 * wait would break.
 */
public class CommandConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final CommandDecoder decoder;
    private final PoisonPublisher poison;
    private final BatchAccumulator<WorkItem> accumulator;
    private final OffsetTracker tracker;
    private final int maxBuffered;
    private final Duration commitInterval;
    private final Duration revokeTimeout;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile Instant lastLoop;
    private volatile boolean paused;
    private volatile boolean subscribed;
    /** Partitions this member owns, kept by the rebalance callbacks: the consumer itself is the poll thread's alone. */
    private volatile int partitions;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong poisons = new AtomicLong();
    private Instant lastCommit = Instant.EPOCH;
    private volatile String lastTrouble;
    private final Sleeper sleeper;
    /** Longest pause after a failed round ({@code ferry.loader.retry.outage-max-pause}). */
    private volatile Duration maxPause;

    public CommandConsumer(Consumer<byte[], byte[]> consumer, String topic, CommandDecoder decoder,
            PoisonPublisher poison, BatchAccumulator<WorkItem> accumulator, OffsetTracker tracker, int maxBuffered,
            Duration commitInterval, Duration revokeTimeout, Clock clock) {
        this(consumer, topic, decoder, poison, accumulator, tracker, maxBuffered, commitInterval, revokeTimeout, clock,
                Sleeper.REAL);
    }

    /** With the pause after a failed round made by {@code sleeper} (tests pass a manual clock's). */
    CommandConsumer(Consumer<byte[], byte[]> consumer, String topic, CommandDecoder decoder,
            PoisonPublisher poison, BatchAccumulator<WorkItem> accumulator, OffsetTracker tracker, int maxBuffered,
            Duration commitInterval, Duration revokeTimeout, Clock clock, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.maxPause = Duration.ofSeconds(30);
        this.consumer = consumer;
        this.topic = topic;
        this.decoder = decoder;
        this.poison = poison;
        this.accumulator = accumulator;
        this.tracker = tracker;
        this.maxBuffered = maxBuffered;
        this.commitInterval = commitInterval;
        this.revokeTimeout = revokeTimeout;
        this.clock = clock;
        this.lastLoop = clock.instant();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            subscribed = true;
            int troubles = 0;
            while (running) {
                lastLoop = clock.instant();
                try {
                    pollOnce();
                    if (troubles > 0) {
                        LOG.infof("the command consumer polls and commits again after %d failed rounds", troubles);
                    }
                    troubles = 0;
                } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    // A broker away, a commit refused after a rebalance, a timeout: the loop waits and goes on (issue 8,
                    // hole 4). Offsets not committed stay in the tracker and go with the next commit; a rebalance
                    // has already told the tracker what this consumer lost.
                    troubles++;
                    lastTrouble = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.warnf("the command consumer's round failed (%d in a row), trying again: %s", troubles,
                            lastTrouble);
                    pauseAfterTrouble(troubles);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf("the command consumer stopped: %s", e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        } finally {
            try {
                commit(tracker.committable());
            } catch (RuntimeException e) {
                LOG.warnf("final commit failed (%s); the uncommitted commands will be read again", e.getClass().getSimpleName());
            }
            consumer.close(Duration.ofSeconds(5));
            subscribed = false;
        }
    }

    private void pollOnce() throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                if (!accept(r)) {
                    // Poison that could not be recorded: read it again next time, nothing after it yet.
                    consumer.seek(tp, r.offset());
                    break;
                }
            }
        }
        applyBackPressure();
        if (!clock.instant().isBefore(lastCommit.plus(commitInterval))) {
            commit(tracker.committable());
        }
    }

    /** Sets the longest pause after a failed round while Kafka or PostgreSQL is away (default 30 s). */
    public void outageMaxPause(Duration max) {
        maxPause = max;
    }

    private void pauseAfterTrouble(int troubles) throws InterruptedException {
        sleeper.sleep(Duration.ofMillis(Math.min(maxPause.toMillis(), 200L << Math.min(troubles, 8))));
    }

    /** The last error a round of the loop ended with (no record data), or null when none has yet. */
    public String lastTrouble() {
        return lastTrouble;
    }

    /** Returns false when a poison record could not be recorded (it must be read again). */
    private boolean accept(ConsumerRecord<byte[], byte[]> r) throws InterruptedException {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        CommandDecoder.Decoded d = decoder.decode(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                clock.instant());
        if (d instanceof CommandDecoder.Command c) {
            tracker.received(tp, r.offset());
            commands.incrementAndGet();
            accumulator.add(new WorkItem(c.command(), new WorkItem.FromKafka(tp, r.offset())));
            return true;
        }
        CommandDecoder.Poison p = (CommandDecoder.Poison) d;
        if (!poison.publish(p.record())) {
            return false;
        }
        poisons.incrementAndGet();
        tracker.received(tp, r.offset());
        tracker.done(tp, r.offset());
        return true;
    }

    private void applyBackPressure() {
        int open = tracker.open();
        Set<TopicPartition> assigned = consumer.assignment();
        if (!paused && open >= maxBuffered) {
            consumer.pause(assigned);
            paused = true;
            LOG.debugf("paused %d partitions: %d commands waiting for the writer", assigned.size(), open);
        } else if (paused && open <= maxBuffered / 2) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void commit(Map<TopicPartition, Long> offsets) {
        lastCommit = clock.instant();
        if (offsets.isEmpty()) {
            return;
        }
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, next) -> {
            if (owned.contains(tp)) {
                commit.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (commit.isEmpty()) {
            return;
        }
        consumer.commitSync(commit);
        Map<TopicPartition, Long> done = new HashMap<>();
        commit.forEach((tp, o) -> done.put(tp, o.offset()));
        tracker.committed(done);
    }

    /** Stops the loop after its current poll; the final commit happens on the loop's thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public Instant lastLoop() {
        return lastLoop;
    }

    public boolean running() {
        return running;
    }

    public boolean subscribed() {
        return subscribed;
    }

    public boolean paused() {
        return paused;
    }

    /** How many partitions this member owns now (0 before its first assignment and while it has none). */
    public int partitions() {
        return partitions;
    }

    public long commands() {
        return commands.get();
    }

    public long poisons() {
        return poisons.get();
    }

    /**
     * Partitions taken away: commands not started yet are dropped (their new owner reads them again); the writer lets
     * go of the ones it holds at its next check, or finishes the call in flight (up to the revoke timeout); then
     * whatever is done is committed, and nothing past the first record not done.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> lost) {
            if (lost.isEmpty()) {
                return;
            }
            Set<TopicPartition> parts = new HashSet<>(lost);
            // From here on the writer claims nothing of these partitions and lets go of what it holds at its next
            // check (before each attempt, and after each budget wait): the wait below lasts one call, not a budget wait.
            tracker.revoking(parts);
            List<WorkItem> dropped = accumulator.removeIf(i -> i.origin() instanceof WorkItem.FromKafka k
                    && parts.contains(k.partition()));
            Instant deadline = clock.instant().plus(revokeTimeout);
            try {
                while (tracker.inHands(parts) > 0 && clock.instant().isBefore(deadline)) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (tracker.inHands(parts) > 0) {
                LOG.warnf("partitions %s handed over while the writer still holds %d of their records (a call longer"
                        + " than the revoke timeout %s): their next owner settles them by lookup", parts,
                        tracker.inHands(parts), revokeTimeout);
            }
            Map<TopicPartition, Long> offsets = new HashMap<>(tracker.committable());
            offsets.keySet().retainAll(parts);
            try {
                commit(offsets);
            } catch (RuntimeException e) {
                LOG.infof("commit on revocation failed (%s); the new owner reads those commands again",
                        e.getClass().getSimpleName());
            }
            tracker.forget(parts);
            partitions = Math.max(0, partitions - parts.size());
            LOG.infof("partitions revoked: %s (%d waiting commands handed over)", parts, dropped.size());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            LOG.debugf("partitions assigned: %s", assigned);
            partitions += assigned.size();
            if (paused) {
                consumer.pause(assigned);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            accumulator.removeIf(i -> i.origin() instanceof WorkItem.FromKafka k && lost.contains(k.partition()));
            tracker.forget(lost);
            partitions = Math.max(0, partitions - lost.size());
        }
    }

    List<TopicPartition> assignment() {
        return new ArrayList<>(consumer.assignment());
    }
}
