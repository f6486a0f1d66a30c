package dev.ferry.mapper.service;

import dev.ferry.contracts.SourceResource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code ferry_mapper_records_total{resource, result}}: what happened to each record read. */
@ApplicationScoped
public class MapperMetrics {

    /** What happened to a record. */
    public enum Result { COMMAND, REJECTED, LINKED, DOCUMENTED, HELD, RELEASED, REPLAY_SKIPPED, STALE_SKIPPED, POISON }

    private final MeterRegistry registry;

    public MapperMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(SourceResource resource, Result result) {
        registry.counter("ferry.mapper.records", "resource", resource == null ? "unknown" : resource.path(),
                "result", result.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }
}
