package dev.ferry.extractor.model;

import dev.ferry.contracts.RunMode;
import java.time.Instant;
import java.util.List;

/** A run as {@code GET /runs} lists it. */
public record RunSummary(String runId, RunMode mode, RunState state, List<String> resources, Instant createdAt,
        Instant finishedAt, String failureReason) {
}
