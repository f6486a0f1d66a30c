package dev.ferry.extractor.rest;

/** Answer of {@code POST /runs}. */
public record StartRunResponse(String runId) {
}
