package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@code POST /sample-diff} is asked: a sample run and, per sampled record, what the confirmed map promises it
 * holds (the mapper's {@code PromisedFields}); the loader finds where each record was written in its id ledger.
 *
 * @param runId the sample run (named in the report)
 * @param records the promises
 */
public record SampleDiffRequest(String runId, List<Promise> records) {

    /**
     * @param resource the source resource ({@code patients})
     * @param sourceId the Dr.DENTES id
     * @param expected the promised fields, {@code custom_field} nested
     */
    public record Promise(String resource, String sourceId, ObjectNode expected) {
    }
}
