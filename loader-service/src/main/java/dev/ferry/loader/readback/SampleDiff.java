package dev.ferry.loader.readback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field-level diff of a sample run: every record's checks and, per resource and field, how the sample fared.
 *
 * @param runId the sample run
 * @param records one entry per sampled record
 * @param fields the summary per resource and field, sorted
 */
public record SampleDiff(String runId, List<RecordCheck> records, List<FieldSummary> fields) {

    /**
     * One mapped field across the sample.
     *
     * @param resource the source resource
     * @param field the target path
     * @param notApplicable records written where the field cannot be (a Classic lead's module lacks it): not compared
     */
    public record FieldSummary(String resource, String field, int equal, int different, int missing,
            int notApplicable) {
        public boolean allEqual() {
            return different == 0 && missing == 0;
        }
    }

    /** The report of these checks, with the summary computed from them. */
    public static SampleDiff of(String runId, List<RecordCheck> records) {
        Map<String, int[]> tallies = new TreeMap<>();
        for (RecordCheck r : records) {
            for (FieldCheck f : r.fields()) {
                int[] t = tallies.computeIfAbsent(r.resource() + "\u0000" + f.field(), k -> new int[FieldVerdict.values().length]);
                t[f.verdict().ordinal()]++;
            }
        }
        List<FieldSummary> summary = new ArrayList<>();
        tallies.forEach((key, t) -> {
            int cut = key.indexOf('\u0000');
            summary.add(new FieldSummary(key.substring(0, cut), key.substring(cut + 1), t[0], t[1], t[2], t[3]));
        });
        return new SampleDiff(runId, List.copyOf(records), List.copyOf(summary));
    }

    /** Whether every promised field of every sampled record is equal. */
    public boolean allEqual() {
        return fields.stream().allMatch(FieldSummary::allEqual);
    }

    /** The fields that are not equal everywhere, as {@code resource.field}. */
    public List<String> fieldsNotEqual() {
        return fields.stream().filter(f -> !f.allEqual()).map(f -> f.resource() + "." + f.field()).toList();
    }
}
