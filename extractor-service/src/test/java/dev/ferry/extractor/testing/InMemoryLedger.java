package dev.ferry.extractor.testing;

import dev.ferry.extractor.model.PagePlan;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.service.ResourceLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The ledger semantics of {@code RecordLedgerStore} without PostgreSQL, for unit tests of the algorithm. */
public final class InMemoryLedger implements ResourceLedger {

    private final AtomicReference<PagePlan> plan = new AtomicReference<>();
    private final Set<Integer> done = ConcurrentHashMap.newKeySet();
    private final Map<String, RecordKey> records = new ConcurrentHashMap<>();
    private final AtomicInteger invalid = new AtomicInteger();

    @Override
    public Optional<PagePlan> plan() {
        return Optional.ofNullable(plan.get());
    }

    @Override
    public void savePlan(PagePlan p) {
        plan.set(p);
    }

    @Override
    public Set<Integer> donePages() {
        return Set.copyOf(done);
    }

    @Override
    public void commitPage(int page, List<RecordKey> keys, int invalidCount) {
        commitRecords(keys, invalidCount);
        done.add(page);
    }

    @Override
    public synchronized void commitRecords(List<RecordKey> keys, int invalidCount) {
        for (RecordKey k : keys) {
            records.merge(k.sourceId(), k, (old, neu) -> old.updatedAt() == null
                    || (neu.updatedAt() != null && !neu.updatedAt().isBefore(old.updatedAt())) ? neu : old);
        }
        invalid.addAndGet(invalidCount);
    }

    @Override
    public Map<String, Optional<Instant>> published(Collection<String> ids) {
        Map<String, Optional<Instant>> out = new java.util.HashMap<>();
        for (String id : ids) {
            RecordKey k = records.get(id);
            if (k != null) {
                out.put(id, Optional.ofNullable(k.updatedAt()));
            }
        }
        return out;
    }

    @Override
    public long count(Instant from, Instant to) {
        return records.values().stream().filter(k -> in(k.updatedAt(), from, to)).count();
    }

    @Override
    public List<Instant> splitPoints(Instant from, Instant to, int parts) {
        List<Instant> sorted = records.values().stream().map(RecordKey::updatedAt)
                .filter(t -> t != null && (from == null || t.isAfter(from)) && (to == null || t.isBefore(to)))
                .sorted().toList();
        TreeSet<Instant> out = new TreeSet<>(Comparator.naturalOrder());
        for (int i = 1; i < parts && !sorted.isEmpty(); i++) {
            // percentile_disc: the first value whose cumulative share reaches i/parts
            int idx = (int) Math.ceil((double) i / parts * sorted.size()) - 1;
            out.add(sorted.get(Math.max(0, idx)));
        }
        return new ArrayList<>(out);
    }

    @Override
    public List<String> idsAfter(String after, int limit) {
        return records.keySet().stream().sorted().filter(id -> after == null || id.compareTo(after) > 0).limit(limit)
                .toList();
    }

    private static boolean in(Instant t, Instant from, Instant to) {
        if (t == null) {
            return from == null;
        }
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }

    public Map<String, RecordKey> records() {
        return Map.copyOf(records);
    }

    public int invalid() {
        return invalid.get();
    }

    /** Marks pages as done without records, as a resumed run finds them. */
    public void markDone(int... pages) {
        for (int p : pages) {
            done.add(p);
        }
    }
}
