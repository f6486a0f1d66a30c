package dev.ferry.extractor.rest;

import dev.ferry.contracts.RunMode;
import java.util.List;

/**
 * Body of {@code POST /runs}.
 *
 * @param mode FULL, SAMPLE or DELTA
 * @param resources contract resource names; empty = {@code ferry.extractor.resources}
 * @param runId optional; {@code run-<yyyyMMddHHmmss>-<4 hex>} when absent
 * @param mapVersion the confirmed map to run on: {@code latest} (default), {@code 3} or {@code v3} (issue 11)
 * @param mapSha256 optional: the sha256 the operator confirmed; the run is refused (409) when the map's is another
 * @param size SAMPLE only: the most records the sample holds, parents included (default 300; 200 to 500)
 */
public record StartRunRequest(RunMode mode, List<String> resources, String runId, String mapVersion,
        String mapSha256, Integer size) {

    public StartRunRequest(RunMode mode, List<String> resources, String runId) {
        this(mode, resources, runId, null, null, null);
    }

    public StartRunRequest(RunMode mode, List<String> resources, String runId, String mapVersion, String mapSha256) {
        this(mode, resources, runId, mapVersion, mapSha256, null);
    }
}
