package dev.ferry.loader.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Groups work items by a key (the Freshsales target) into batches: a batch is ready when its group holds
 * {@code maxSize} items or its oldest item has waited {@code linger}. Within a group items keep their arrival order,
 * and a batch never holds two items for the same record (the second would race the first inside one bulk job): it
 * ends just before the repeat.
 *
 * <p>Thread-safe; the consumer thread adds, the worker thread takes.
 */
public final class BatchAccumulator<T> {

    private record Queued<T>(T item, Instant since) {
    }

    private final int maxSize;
    private final Duration linger;
    private final Clock clock;
    private final Function<T, String> groupOf;
    private final Function<T, Object> recordOf;
    private final Map<String, ArrayDeque<Queued<T>>> groups = new LinkedHashMap<>();
    private int size;

    public BatchAccumulator(int maxSize, Duration linger, Clock clock, Function<T, String> groupOf,
            Function<T, Object> recordOf) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one item");
        }
        this.maxSize = maxSize;
        this.linger = linger;
        this.clock = clock;
        this.groupOf = groupOf;
        this.recordOf = recordOf;
    }

    public synchronized void add(T item) {
        groups.computeIfAbsent(groupOf.apply(item), g -> new ArrayDeque<>()).addLast(new Queued<>(item, clock.instant()));
        size++;
        notifyAll();
    }

    /**
     * The next ready batch, if any: groups that can fill a whole batch first, then groups whose oldest item has
     * lingered long enough. {@code flush} makes every non-empty group ready.
     */
    public synchronized Optional<List<T>> pollReady(boolean flush) {
        Instant now = clock.instant();
        String chosen = null;
        for (Map.Entry<String, ArrayDeque<Queued<T>>> e : groups.entrySet()) {
            if (e.getValue().size() >= maxSize) {
                chosen = e.getKey();
                break;
            }
        }
        if (chosen == null) {
            for (Map.Entry<String, ArrayDeque<Queued<T>>> e : groups.entrySet()) {
                Queued<T> oldest = e.getValue().peekFirst();
                if (oldest != null && (flush || !oldest.since.plus(linger).isAfter(now))) {
                    chosen = e.getKey();
                    break;
                }
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        ArrayDeque<Queued<T>> queue = groups.get(chosen);
        List<T> batch = new ArrayList<>(Math.min(maxSize, queue.size()));
        Set<Object> records = new HashSet<>();
        while (!queue.isEmpty() && batch.size() < maxSize && records.add(recordOf.apply(queue.peekFirst().item))) {
            batch.add(queue.pollFirst().item);
        }
        size -= batch.size();
        if (queue.isEmpty()) {
            groups.remove(chosen);
        } else {
            // Fairness: a group that still has items goes to the back of the line.
            groups.remove(chosen);
            groups.put(chosen, queue);
        }
        return Optional.of(batch);
    }

    /** How long until some group is ready on its own (zero when one is ready now, null when empty). */
    public synchronized Duration untilReady() {
        Instant now = clock.instant();
        Duration best = null;
        for (ArrayDeque<Queued<T>> q : groups.values()) {
            if (q.size() >= maxSize) {
                return Duration.ZERO;
            }
            Duration d = Duration.between(now, q.peekFirst().since.plus(linger));
            if (d.isNegative()) {
                d = Duration.ZERO;
            }
            if (best == null || d.compareTo(best) < 0) {
                best = d;
            }
        }
        return best;
    }

    /** Removes (and returns) the waiting items that match, e.g. those of partitions this consumer lost. */
    public synchronized List<T> removeIf(Predicate<T> which) {
        List<T> removed = new ArrayList<>();
        for (Iterator<ArrayDeque<Queued<T>>> g = groups.values().iterator(); g.hasNext(); ) {
            ArrayDeque<Queued<T>> q = g.next();
            for (Iterator<Queued<T>> it = q.iterator(); it.hasNext(); ) {
                Queued<T> e = it.next();
                if (which.test(e.item)) {
                    removed.add(e.item);
                    it.remove();
                }
            }
            if (q.isEmpty()) {
                g.remove();
            }
        }
        size -= removed.size();
        return removed;
    }

    /** Waits until an item may be ready or {@code max} has passed. */
    public synchronized void awaitWork(Duration max) throws InterruptedException {
        Duration d = untilReady();
        Duration wait = d == null || d.compareTo(max) > 0 ? max : d;
        if (!wait.isZero()) {
            wait(Math.max(1, wait.toMillis()));
        }
    }

    /** Wakes a worker waiting in {@link #awaitWork}. */
    public synchronized void wake() {
        notifyAll();
    }

    public synchronized int size() {
        return size;
    }
}
