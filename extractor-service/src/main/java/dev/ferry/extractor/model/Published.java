package dev.ferry.extractor.model;

import java.util.List;

/**
 * Records Kafka acknowledged.
 *
 * @param keys one per published record
 * @param invalid records that could not be published (no usable id); counted, never logged
 */
public record Published(List<RecordKey> keys, int invalid) {
    public Published {
        keys = List.copyOf(keys);
    }
}
