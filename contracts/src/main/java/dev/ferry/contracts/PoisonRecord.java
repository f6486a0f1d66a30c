package dev.ferry.contracts;

import java.time.Instant;

/**
 * A message a consumer could not decode, published to {@link Topics#POISON} instead of blocking its partition.
 * It carries where the message was and why it failed, never the message's content (which may hold patient data).
 *
 * @param consumer the service and channel that refused it
 * @param topic where it was read
 * @param partition its partition
 * @param offset its offset
 * @param key the record key, when it decoded as text (a source id, never patient data)
 * @param reason why it could not be processed
 * @param sizeBytes the value's size, for a person looking for it
 * @param at when it was refused
 */
public record PoisonRecord(String consumer, String topic, int partition, long offset, String key, String reason,
        int sizeBytes, Instant at) {
}
