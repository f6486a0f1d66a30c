package dev.ferry.bench.table;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One Freshsales object type's calls in a run, by kind, against the minimum issue 13 defines: contacts and accounts at
 * 100 records per bulk job plus the polls a job needs, every other object one call per record.
 *
 * @param object the module ({@code contacts}, {@code sales_accounts}, {@code cm_imaging_record}, ...)
 * @param records records of this object the run left live in Freshsales (after minus before)
 * @param calls calls by kind (429s included: a refused call was made all the same)
 */
public record ObjectCalls(String object, long records, Map<EndpointKind, Long> calls) {

    /** Objects Freshsales can bulk-upsert, 100 to a job. */
    public static final Set<String> BULK_OBJECTS = Set.of("contacts", "sales_accounts");
    /** Most records in one bulk job. */
    public static final int BULK_SIZE = 100;

    public ObjectCalls {
        Map<EndpointKind, Long> copy = new EnumMap<>(EndpointKind.class);
        for (EndpointKind k : EndpointKind.values()) {
            copy.put(k, calls.getOrDefault(k, 0L));
        }
        calls = Map.copyOf(copy);
    }

    public long calls(EndpointKind kind) {
        return calls.get(kind);
    }

    public long total() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The fewest calls that write {@code records}: a bulk object needs one submit and {@code pollsPerJob} polls per job
     * of 100, anything else one call each.
     */
    public long minimum(int pollsPerJob) {
        if (records <= 0) {
            return 0;
        }
        if (BULK_OBJECTS.contains(object)) {
            long jobs = (records + BULK_SIZE - 1) / BULK_SIZE;
            return jobs * (1 + pollsPerJob);
        }
        return records;
    }

    /** Calls made ÷ the minimum; NaN when the minimum is 0 (nothing of this object was written). */
    public double ratio(int pollsPerJob) {
        long min = minimum(pollsPerJob);
        return min == 0 ? Double.NaN : total() / (double) min;
    }
}
