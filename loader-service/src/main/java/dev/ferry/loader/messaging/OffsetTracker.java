package dev.ferry.loader.messaging;

import java.util.Collection;
import java.util.HashMap;
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
        }
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
