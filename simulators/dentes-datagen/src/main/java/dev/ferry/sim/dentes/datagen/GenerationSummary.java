package dev.ferry.sim.dentes.datagen;

import java.util.Map;

/**
 * What a generation run wrote.
 *
 * @param options the options it ran with (asOf and name resolved)
 * @param counts  lines per resource file, soft-deleted records included
 * @param deleted soft-deleted records per resource
 */
public record GenerationSummary(GeneratorOptions options, Map<String, Long> counts, Map<String, Long> deleted) {

    public long totalRecords() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
