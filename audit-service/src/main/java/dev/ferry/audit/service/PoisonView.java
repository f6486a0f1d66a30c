package dev.ferry.audit.service;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message some consumer could not decode or store. Never its content.
 *
 * @param consumer the service and channel that refused it
 * @param topic where it sat
 * @param partition its partition
 * @param offset its offset
 * @param key its key, when it was text
 * @param reason why it was refused
 * @param sizeBytes its size
 * @param refusedAt when it was refused
 * @param recordedAt when the audit stored it
 */
@Schema(description = "A poison message: where it sat and why it was refused")
public record PoisonView(String consumer, String topic, int partition, long offset,
        @Schema(nullable = true) String key, String reason, int sizeBytes, Instant refusedAt, Instant recordedAt) {
}
