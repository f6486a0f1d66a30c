package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything the ledger holds about one source record, across runs.
 *
 * @param resource the resource's path
 * @param sourceId the record's source id
 * @param states the record's current state in each run it took part in
 * @param outcomes every outcome, oldest first (by occurredAt, then arrival)
 */
@Schema(description = "The outcome history of one source record")
public record RecordHistory(String resource, String sourceId, List<RunState> states, List<OutcomeView> outcomes) {

    /**
     * The record's current state in one run.
     *
     * @param runId the run
     * @param kind the winning outcome's kind
     * @param terminal whether it closes the record
     * @param occurredAt when it was decided
     * @param commandId the command it answers
     * @param attempt its attempt
     * @param freshsalesId the target id, when one exists
     */
    public record RunState(String runId, OutcomeKind kind, boolean terminal, Instant occurredAt, String commandId,
            int attempt, Long freshsalesId) {
    }
}
