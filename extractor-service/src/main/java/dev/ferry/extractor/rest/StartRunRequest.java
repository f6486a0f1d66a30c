package dev.ferry.extractor.rest;

import dev.ferry.contracts.RunMode;
import java.util.List;

/**
 * Body of {@code POST /runs}.
 *
 * @param mode FULL (SAMPLE and DELTA answer 501 for now)
 * @param resources contract resource names; empty = {@code ferry.extractor.resources}
 * @param runId optional; {@code run-<yyyyMMddHHmmss>-<4 hex>} when absent
 * @param mapVersion the confirmed map to run on: {@code latest} (default), {@code 3} or {@code v3} (issue 11)
 * @param mapSha256 optional: the sha256 the operator confirmed; the run is refused (409) when the map's is another
 */
public record StartRunRequest(RunMode mode, List<String> resources, String runId, String mapVersion,
        String mapSha256) {

    public StartRunRequest(RunMode mode, List<String> resources, String runId) {
        this(mode, resources, runId, null, null);
    }
}
