package dev.ferry.audit.ledger;

import java.time.Instant;

/**
 * Where a consumed message sat, and what may be said about it without quoting its content.
 *
 * @param topic its topic
 * @param partition its partition
 * @param offset its offset
 * @param key its key as text (a source id or run id, never patient data), shortened to {@link #MAX_KEY_LENGTH}
 * @param sizeBytes the value's size (0 for a tombstone)
 * @param timestamp the Kafka record timestamp
 */
public record InboundPosition(String topic, int partition, long offset, String key, int sizeBytes,
        Instant timestamp) {

    /** Keys are ids; anything longer is not a key we produced and is cut rather than stored whole. */
    public static final int MAX_KEY_LENGTH = 200;
}
