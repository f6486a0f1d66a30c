package dev.ferry.extractor.rest;

import dev.ferry.contracts.RunMode;
import java.util.List;

/**
 * Body of {@code POST /runs}.
 *
 * @param mode FULL (SAMPLE and DELTA answer 501 for now)
 * @param resources contract resource names; empty = {@code ferry.extractor.resources}
 * @param runId optional; {@code run-<yyyyMMddHHmmss>-<4 hex>} when absent
 */
public record StartRunRequest(RunMode mode, List<String> resources, String runId) {
}
