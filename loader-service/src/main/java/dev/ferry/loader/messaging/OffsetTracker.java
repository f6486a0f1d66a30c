package dev.ferry.loader.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, everything below the oldest record whose effect is not durable
 * yet. A record is "done" once its outcome is acknowledged by Kafka (or its parked row committed); records finish
 * out of order, the committed position only moves over a gap-free prefix.
 *
 * <p>Thread-safe: the worker marks records done, the consumer thread commits.
 */
public final class OffsetTracker {

    private static final class Partition {
        final TreeSet<Long> open = new TreeSet<>();
        /** Open records the writer holds right now (a batch it is writing). */
        final Set<Long> inHands = new HashSet<>();
        /** A rebalance is taking the partition away: nothing of it may start being written. */
        boolean revoking;
        long highestSeen = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    public synchronized void received(TopicPartition tp, long offset) {
        Partition p = partitions.computeIfAbsent(tp, t -> new Partition());
        if (p.highestSeen < 0) {
            // The consumer starts at the committed position: nothing below this record needs committing.
            p.committed = offset;
        }
        p.open.add(offset);
        p.highestSeen = Math.max(p.highestSeen, offset);
    }

    public synchronized void done(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p != null) {
            p.open.remove(offset);
            p.inHands.remove(offset);
        }
    }

    /**
     * The writer takes the record in hand: true when this consumer still owns it and may write it. Claim and
     * {@link #revoking} take the same lock, so either a rebalance sees the claim and waits for it, or the writer sees
     * the revocation and leaves the record to the next owner (issue 8, hole 3).
     */
    public synchronized boolean claim(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p == null || p.revoking || !p.open.contains(offset)) {
            return false;
        }
        p.inHands.add(offset);
        return true;
    }

    /** Whether a claimed record may still be written (its partition is neither revoked nor being revoked). */
    public synchronized boolean owns(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        return p != null && !p.revoking && p.open.contains(offset);
    }

    /** The writer lets go of a record it did not finish: it stays open (never committed past) for the next owner. */
    public synchronized void release(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p != null) {
            p.inHands.remove(offset);
        }
    }

    /** A rebalance takes these partitions away: from now on the writer claims nothing of them. */
    public synchronized void revoking(Collection<TopicPartition> tps) {
        tps.stream().map(partitions::get).filter(java.util.Objects::nonNull).forEach(p -> p.revoking = true);
    }

    /** Records of these partitions the writer holds right now. */
    public synchronized int inHands(Collection<TopicPartition> tps) {
        return tps.stream().map(partitions::get).filter(java.util.Objects::nonNull).mapToInt(p -> p.inHands.size()).sum();
    }

    /** Per partition, the offset to commit (the next record to read after a restart), where it moved. */
    public synchronized Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach((tp, p) -> {
            long next = p.open.isEmpty() ? p.highestSeen + 1 : p.open.first();
            if (next > p.committed) {
                out.put(tp, next);
            }
        });
        return out;
    }

    public synchronized void committed(Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, next) -> {
            Partition p = partitions.get(tp);
            if (p != null) {
                p.committed = Math.max(p.committed, next);
            }
        });
    }

    /** Forgets partitions this consumer no longer owns. */
    public synchronized void forget(Collection<TopicPartition> lost) {
        lost.forEach(partitions::remove);
    }

    /** Records read and not yet done, over every partition. */
    public synchronized int open() {
        return partitions.values().stream().mapToInt(p -> p.open.size()).sum();
    }

    /** Records read and not yet done in these partitions. */
    public synchronized int open(Collection<TopicPartition> tps) {
        return tps.stream().map(partitions::get).filter(java.util.Objects::nonNull).mapToInt(p -> p.open.size()).sum();
    }
}
