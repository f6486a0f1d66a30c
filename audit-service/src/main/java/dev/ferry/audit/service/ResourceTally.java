package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the ledger knows about one resource of one run: the manifest (if it arrived) and how many records are in each
 * current state.
 *
 * @param resource the resource's path
 * @param manifestCount records the extractor published, or null before {@code ManifestCounted} arrived
 * @param manifestDeleted how many of them were soft-deleted in the source (0 without a manifest)
 * @param byKind records per current-state kind (every record state of the resource, in the manifest or not); missing
 *     kinds count 0
 * @param ids the manifest's id set against the states, or null when the manifest is a count only (or absent)
 */
public record ResourceTally(String resource, Long manifestCount, long manifestDeleted, Map<OutcomeKind, Long> byKind,
        IdComparison ids) {

    /** A tally reconciled by counts (no id set). */
    public ResourceTally(String resource, Long manifestCount, long manifestDeleted, Map<OutcomeKind, Long> byKind) {
        this(resource, manifestCount, manifestDeleted, byKind, null);
    }

    public ResourceTally {
        EnumMap<OutcomeKind, Long> copy = new EnumMap<>(OutcomeKind.class);
        for (OutcomeKind kind : OutcomeKind.values()) {
            copy.put(kind, 0L);
        }
        if (byKind != null) {
            byKind.forEach((k, v) -> copy.put(k, v == null ? 0L : v));
        }
        byKind = Collections.unmodifiableMap(copy);
    }

    public long count(OutcomeKind kind) {
        return byKind.get(kind);
    }

    /** Records whose current state closes them (success or failure). */
    public long terminal() {
        return byKind.entrySet().stream().filter(e -> e.getKey().isTerminal()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Records the ledger has heard of at all. */
    public long seen() {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records whose latest word is not final (DEFERRED). */
    public long nonTerminal() {
        return seen() - terminal();
    }
}
