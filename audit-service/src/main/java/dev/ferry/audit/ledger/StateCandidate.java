package dev.ferry.audit.ledger;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One outcome of a record's main write, reduced to what decides whether it becomes the record's current state.
 *
 * @param key the record within its run
 * @param commandId the command the outcome answers
 * @param kind what happened
 * @param attempt the loader's attempt number
 * @param occurredAt when the outcome was decided, already truncated to the ledger's microsecond precision
 * @param freshsalesId the target id, when one exists
 */
public record StateCandidate(RecordKey key, String commandId, OutcomeKind kind, int attempt, Instant occurredAt,
        Long freshsalesId) {

    public StateCandidate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
