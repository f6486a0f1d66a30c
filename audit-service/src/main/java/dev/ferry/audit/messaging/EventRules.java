package dev.ferry.audit.messaging;

import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.RunEvent;
import java.util.Optional;

/**
 * What makes a decoded event unusable for the ledger. Reasons name fields, never their values. A missing time is not
 * a refusal: the ledger falls back to the Kafka record timestamp (see README, "Missing times").
 */
public final class EventRules {

    private EventRules() {
    }

    public static Optional<String> outcome(LoadOutcome o) {
        if (o.commandId().isBlank()) {
            return Optional.of("commandId is blank");
        }
        if (o.runId().isBlank()) {
            return Optional.of("runId is blank");
        }
        if (o.sourceId().isBlank()) {
            return Optional.of("sourceId is blank");
        }
        if (o.attempt() < 0) {
            return Optional.of("attempt is negative");
        }
        if (o.part() < 0) {
            return Optional.of("part is negative");
        }
        return Optional.empty();
    }

    public static Optional<String> runEvent(RunEvent e) {
        if (e.runId() == null || e.runId().isBlank()) {
            return Optional.of("runId is missing");
        }
        if (e instanceof RunEvent.ManifestCounted m) {
            if (m.count() < 0 || m.deleted() < 0) {
                return Optional.of("count or deleted is negative");
            }
            if (m.deleted() > m.count()) {
                return Optional.of("deleted exceeds count");
            }
            if (m.idChunks() != null && m.idChunks() < 0) {
                return Optional.of("idChunks is negative");
            }
        }
        if (e instanceof RunEvent.ManifestIds ids) {
            if (ids.chunks() < 1 || ids.chunk() < 0 || ids.chunk() >= ids.chunks()) {
                return Optional.of("chunk is not within 0..chunks-1");
            }
            if (ids.ids().stream().anyMatch(String::isBlank)) {
                return Optional.of("ids holds a blank id");
            }
        }
        if (e instanceof RunEvent.RunFinished f && (f.status() == null || f.status().isBlank())) {
            return Optional.of("status is missing");
        }
        return Optional.empty();
    }

    public static Optional<String> poison(PoisonRecord p) {
        if (p.consumer() == null || p.consumer().isBlank()) {
            return Optional.of("consumer is missing");
        }
        if (p.topic() == null || p.topic().isBlank()) {
            return Optional.of("topic is missing");
        }
        if (p.partition() < 0 || p.offset() < 0) {
            return Optional.of("partition or offset is negative");
        }
        if (p.reason() == null || p.reason().isBlank()) {
            return Optional.of("reason is missing");
        }
        return Optional.empty();
    }
}
