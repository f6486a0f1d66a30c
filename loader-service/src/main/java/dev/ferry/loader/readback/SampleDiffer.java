package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.loader.client.WriteTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a sample's records back, one target at a time, and compares each with what the confirmed map promises. */
public final class SampleDiffer {

    private final TargetReadBack readBack;

    public SampleDiffer(TargetReadBack readBack) {
        this.readBack = readBack;
    }

    public SampleDiff diff(String runId, List<ExpectedRecord> sample) throws InterruptedException {
        Map<WriteTarget, List<ExpectedRecord>> byTarget = new LinkedHashMap<>();
        List<RecordCheck> checks = new ArrayList<>();
        for (ExpectedRecord r : sample) {
            if (r.target() == null || r.freshsalesId() == null) {
                // Never written (rejected, or not loaded yet): nothing to read, every promised field is missing.
                checks.add(new RecordCheck(r.resource(), r.sourceId(), r.target() == null ? null : r.target().path(),
                        null, false, FieldComparison.compare(r.expected(), null)));
            } else {
                byTarget.computeIfAbsent(r.target(), t -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<WriteTarget, List<ExpectedRecord>> e : byTarget.entrySet()) {
            List<Long> ids = e.getValue().stream().map(ExpectedRecord::freshsalesId)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            Map<Long, ObjectNode> held = readBack.read(e.getKey(), ids);
            for (ExpectedRecord r : e.getValue()) {
                ObjectNode actual = held.get(r.freshsalesId());
                checks.add(new RecordCheck(r.resource(), r.sourceId(), r.target().path(), r.freshsalesId(),
                        actual != null, FieldComparison.compare(r.expected(), actual)));
            }
        }
        return SampleDiff.of(runId, checks);
    }
}
