package dev.ferry.extractor.testing;

import dev.ferry.extractor.model.ModuleRecordId;
import dev.ferry.extractor.model.PagePlan;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.service.ModuleLedgers;
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
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ledger semantics of {@code RecordLedgerStore} without PostgreSQL, for unit tests of the algorithm. A new one is a
 * resource's ledger; {@link #modules()} gives the per-module views of {@code custom-module-records} over it, which, as
 * in PostgreSQL, store composite ids {@code {key}/{id}} in this ledger's records and keep their own page grid and
 * checkpoints.
 */
public final class InMemoryLedger implements ResourceLedger {

    private final AtomicReference<PagePlan> plan = new AtomicReference<>();
    private final Set<Integer> done = ConcurrentHashMap.newKeySet();
    /** Shared between a resource's ledger and its module views; composite ids for modules. */
    private final Map<String, RecordKey> records;
    private final AtomicInteger invalid;
    /** {@code {key}/} for a module view, else empty. */
    private final String prefix;
    private final Map<String, InMemoryLedger> moduleViews = new ConcurrentHashMap<>();
    private final Map<String, ModuleLedgers.Finished> finished = new ConcurrentSkipListMap<>();

    public InMemoryLedger() {
        this(new ConcurrentHashMap<>(), new AtomicInteger(), "");
    }

    private InMemoryLedger(Map<String, RecordKey> records, AtomicInteger invalid, String prefix) {
        this.records = records;
        this.invalid = invalid;
        this.prefix = prefix;
    }

    /** The per-module ledgers over this (resource-wide) ledger; a resumed run gets the same views back. */
    public ModuleLedgers modules() {
        return new ModuleLedgers() {
            @Override
            public ResourceLedger of(String moduleKey) {
                return module(moduleKey);
            }

            @Override
            public Map<String, Finished> finished() {
                return Map.copyOf(finished);
            }

            @Override
            public void finish(String moduleKey, Finished outcome) {
                finished.put(moduleKey, outcome);
            }
        };
    }

    /** One module's view. */
    public InMemoryLedger module(String moduleKey) {
        return moduleViews.computeIfAbsent(moduleKey,
                k -> new InMemoryLedger(records, invalid, ModuleRecordId.prefix(k)));
    }

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
    public void commitRecords(List<RecordKey> keys, int invalidCount) {
        synchronized (records) {
            mergeAll(keys, invalidCount);
        }
    }

    private void mergeAll(List<RecordKey> keys, int invalidCount) {
        for (RecordKey own : keys) {
            RecordKey k = new RecordKey(prefix + own.sourceId(), own.updatedAt(), own.deleted());
            records.merge(k.sourceId(), k, (old, neu) -> old.updatedAt() == null
                    || (neu.updatedAt() != null && !neu.updatedAt().isBefore(old.updatedAt())) ? neu : old);
        }
        invalid.addAndGet(invalidCount);
    }

    @Override
    public Map<String, Optional<Instant>> published(Collection<String> ids) {
        Map<String, Optional<Instant>> out = new java.util.HashMap<>();
        for (String id : ids) {
            RecordKey k = records.get(prefix + id);
            if (k != null) {
                out.put(id, Optional.ofNullable(k.updatedAt()));
            }
        }
        return out;
    }

    @Override
    public long count(Instant from, Instant to) {
        return mine().filter(k -> in(k.updatedAt(), from, to)).count();
    }

    @Override
    public List<Instant> splitPoints(Instant from, Instant to, int parts) {
        List<Instant> sorted = mine().map(RecordKey::updatedAt)
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
        return records.keySet().stream().filter(id -> id.startsWith(prefix)).sorted()
                .filter(id -> after == null || id.compareTo(prefix + after) > 0).limit(limit)
                .map(id -> id.substring(prefix.length())).toList();
    }

    /** The records of this ledger: all of them, or a module's. */
    private java.util.stream.Stream<RecordKey> mine() {
        return records.values().stream().filter(k -> k.sourceId().startsWith(prefix));
    }

    private static boolean in(Instant t, Instant from, Instant to) {
        if (t == null) {
            return from == null;
        }
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }

    /** Every record stored, under the ids stored (composite ones for modules). */
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
