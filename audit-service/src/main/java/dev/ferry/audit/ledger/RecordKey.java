package dev.ferry.audit.ledger;

import java.util.Comparator;
import java.util.Objects;

/**
 * A source record within one run: the unit reconciliation counts.
 *
 * @param runId the run
 * @param resource the source resource's path ({@code patients})
 * @param sourceId the record's id in the source
 */
public record RecordKey(String runId, String resource, String sourceId) implements Comparable<RecordKey> {

    private static final Comparator<RecordKey> ORDER = Comparator.comparing(RecordKey::runId)
            .thenComparing(RecordKey::resource)
            .thenComparing(RecordKey::sourceId);

    public RecordKey {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /** Upserts touch rows in this order, so two transactions on overlapping records cannot deadlock. */
    @Override
    public int compareTo(RecordKey other) {
        return ORDER.compare(this, other);
    }
}
