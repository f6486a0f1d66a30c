package dev.ferry.audit.ledger;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which outcome is a record's current state. The order is total, so the current state is the maximum of all outcomes
 * seen, whatever order they arrive in and however often: replays and reordering cannot change it.
 *
 * <ol>
 *   <li>A terminal outcome beats a non-terminal one ({@code DEFERRED}), whatever their times: a late or replayed
 *       {@code DEFERRED} never reopens a finished record.</li>
 *   <li>Otherwise the later {@code occurredAt} wins (the latest outcome is the record's state).</li>
 *   <li>Equal times: the higher attempt wins.</li>
 *   <li>Still equal: the higher {@link #kindRank kind rank} wins (an effect on the target beats a refusal, so a write
 *       that happened is never hidden by a tie).</li>
 *   <li>Still equal: the greater command id (plain code-point order) wins. Outcomes equal in all of these share the
 *       idempotency key (command id, kind, attempt) and are the same outcome.</li>
 * </ol>
 *
 * <p>The ledger applies the same order in SQL ({@code record_state} upsert, row comparison over
 * {@code (terminal, occurred_at, attempt, kind_rank, command_id)}); the rank numbers are stored, so changing them
 * needs a migration that rewrites {@code record_state.kind_rank}.
 */
public final class OutcomePrecedence {

    private static final Map<OutcomeKind, Integer> RANK = new EnumMap<>(OutcomeKind.class);

    static {
        RANK.put(OutcomeKind.DEFERRED, 0);
        RANK.put(OutcomeKind.REJECTED, 1);
        RANK.put(OutcomeKind.FAILED, 2);
        RANK.put(OutcomeKind.UNCHANGED, 3);
        RANK.put(OutcomeKind.LINKED, 4);
        RANK.put(OutcomeKind.UPDATED, 5);
        RANK.put(OutcomeKind.CREATED, 6);
        RANK.put(OutcomeKind.RESTORED, 7);
        RANK.put(OutcomeKind.DELETED, 8);
        // A rebuild-document entry is the only success a workflow or an integration has; it never meets a write.
        RANK.put(OutcomeKind.DOCUMENTED, 9);
        // Appended (stored ranks never change): a rollback that left a record alone on purpose.
        RANK.put(OutcomeKind.SKIPPED, 10);
        for (OutcomeKind kind : OutcomeKind.values()) {
            if (!RANK.containsKey(kind)) {
                throw new IllegalStateException("no precedence rank for outcome kind " + kind);
            }
        }
    }

    /** Lower sorts first; the current state is the greatest candidate. */
    public static final Comparator<StateCandidate> ORDER = Comparator
            .comparing((StateCandidate c) -> c.kind().isTerminal())
            .thenComparing(StateCandidate::occurredAt)
            .thenComparingInt(StateCandidate::attempt)
            .thenComparingInt(c -> kindRank(c.kind()))
            .thenComparing(StateCandidate::commandId, OutcomePrecedence::compareCodePoints);

    private OutcomePrecedence() {
    }

    /** The tie-break rank of a kind, as stored in {@code record_state.kind_rank}. */
    public static int kindRank(OutcomeKind kind) {
        return RANK.get(kind);
    }

    /** The candidate that is the record's state when both have been seen. */
    public static StateCandidate winner(StateCandidate current, StateCandidate incoming) {
        if (current == null) {
            return incoming;
        }
        return ORDER.compare(incoming, current) > 0 ? incoming : current;
    }

    /**
     * Code-point order, which is the byte order of UTF-8 and so the order of PostgreSQL's {@code "C"} collation used by
     * {@code record_state.command_id}. {@link String#compareTo} compares UTF-16 units and differs above U+FFFF.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * PostgreSQL keeps microseconds; comparing nanoseconds in Java and microseconds in SQL could pick different
     * winners, so every time is truncated before it is compared or stored.
     */
    public static Instant ledgerPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
