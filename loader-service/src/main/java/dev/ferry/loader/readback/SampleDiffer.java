package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.loader.client.WriteTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a sample's records back, one target at a time, and compares each with what the confirmed map promises. The
 * checks come in the order the records were asked for, whatever the order they were read in.
 */
public final class SampleDiffer {

    private final TargetReadBack readBack;

    public SampleDiffer(TargetReadBack readBack) {
        this.readBack = readBack;
    }

    public SampleDiff diff(String runId, List<ExpectedRecord> sample) throws InterruptedException {
        return diff(runId, sample, t -> TargetFields.ANY);
    }

    /** @param fieldsOf the fields each target's module can hold (a Classic lead's are fewer than the map promises) */
    public SampleDiff diff(String runId, List<ExpectedRecord> sample, Function<WriteTarget, TargetFields> fieldsOf)
            throws InterruptedException {
        Map<WriteTarget, List<Integer>> byTarget = new LinkedHashMap<>();
        RecordCheck[] checks = new RecordCheck[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            ExpectedRecord r = sample.get(i);
            if (r.target() == null || r.freshsalesId() == null) {
                // Never written (rejected, or not loaded yet): nothing to read, every promised field is missing.
                checks[i] = new RecordCheck(r.resource(), r.sourceId(), r.target() == null ? null : r.target().path(),
                        null, false, FieldComparison.compare(r.expected(), null));
            } else {
                byTarget.computeIfAbsent(r.target(), t -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<WriteTarget, List<Integer>> e : byTarget.entrySet()) {
            List<Long> ids = e.getValue().stream().map(i -> sample.get(i).freshsalesId()).distinct().toList();
            Map<Long, ObjectNode> held = readBack.read(e.getKey(), ids);
            for (int i : e.getValue()) {
                ExpectedRecord r = sample.get(i);
                ObjectNode actual = held.get(r.freshsalesId());
                checks[i] = new RecordCheck(r.resource(), r.sourceId(), r.target().path(), r.freshsalesId(),
                        actual != null, FieldComparison.compare(r.expected(), actual, fieldsOf.apply(r.target())));
            }
        }
        return SampleDiff.of(runId, List.of(checks));
    }
}
