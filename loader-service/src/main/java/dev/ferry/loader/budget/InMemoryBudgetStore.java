package dev.ferry.loader.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A budget store inside one JVM, on an injectable clock. It runs the same {@link BudgetArithmetic} as the PostgreSQL
 * store; it exists so the arithmetic can be tested against a fake clock. One JVM's memory can never be the budget of
 * several replicas: production uses {@link PgBudgetStore}.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    private final Clock clock;
    private final Map<String, BudgetState> states = new HashMap<>();
    private final Map<String, MemoryLog> logs = new HashMap<>();

    public InMemoryBudgetStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized BudgetDecision tryTake(String account, int calls, BudgetLimits limits) {
        return BudgetArithmetic.tryTake(clock.instant(), calls, limits, state(account), log(account));
    }

    @Override
    public synchronized void accepted(String account, ServerView view, BudgetLimits limits) {
        states.put(account, BudgetArithmetic.accepted(clock.instant(), view, limits, state(account), log(account)));
    }

    @Override
    public synchronized void refused(String account, ServerView view, BudgetLimits limits) {
        states.put(account, BudgetArithmetic.refused(clock.instant(), view, limits, state(account), log(account)));
    }

    @Override
    public synchronized BudgetStatus status(String account, BudgetLimits limits) {
        return BudgetStatus.of(account, clock.instant(), limits, state(account), log(account));
    }

    private BudgetState state(String account) {
        return states.getOrDefault(account, BudgetState.FRESH);
    }

    private MemoryLog log(String account) {
        return logs.computeIfAbsent(account, a -> new MemoryLog());
    }

    /** Entries kept sorted by time; {@code scope} null means a call, counted in both budgets. */
    private static final class MemoryLog implements GrantLog {
        private record Entry(Instant at, Bucket scope) {
        }

        private final List<Entry> entries = new ArrayList<>();

        @Override
        public int countSince(Bucket bucket, Instant from) {
            int n = 0;
            for (Entry e : entries) {
                if (counts(e, bucket, from)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public Instant nthSince(Bucket bucket, Instant from, int index) {
            int seen = 0;
            for (Entry e : entries) {
                if (counts(e, bucket, from) && seen++ == index) {
                    return e.at;
                }
            }
            return null;
        }

        @Override
        public int[] countsBySlot(Bucket bucket, Instant now, java.time.Duration span, int slots) {
            int[] counts = new int[slots];
            Instant from = now.minus(span);
            long slotNanos = Math.max(1, span.toNanos() / slots);
            for (Entry e : entries) {
                if (counts(e, bucket, from) && !e.at.isAfter(now)) {
                    long index = java.time.Duration.between(from, e.at).toNanos() / slotNanos;
                    counts[(int) Math.min(slots - 1, index)]++;
                }
            }
            return counts;
        }

        @Override
        public void addCalls(Instant at, int count) {
            insert(at, null, count);
        }

        @Override
        public void addServerUsage(Bucket bucket, Instant at, int count) {
            insert(at, bucket, count);
        }

        private void insert(Instant at, Bucket scope, int count) {
            int i = entries.size();
            while (i > 0 && entries.get(i - 1).at.isAfter(at)) {
                i--;
            }
            for (int k = 0; k < count; k++) {
                entries.add(i, new Entry(at, scope));
            }
        }

        private static boolean counts(Entry e, Bucket bucket, Instant from) {
            return e.at.isAfter(from) && (e.scope == null || e.scope == bucket);
        }
    }
}
