package dev.ferry.audit.it;

import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import java.util.List;

/** Outcomes as the mapper and loader would send them, with deterministic command ids. */
final class Outcomes {

    private Outcomes() {
    }

    static String commandId(String runId, SourceResource resource, String sourceId) {
        return CommandIds.of(runId, resource, sourceId, 0, "UPSERT");
    }

    static LoadOutcome of(String runId, SourceResource resource, String sourceId, OutcomeKind kind, int attempt,
            Instant at) {
        return new LoadOutcome(commandId(runId, resource, sourceId), runId, resource, sourceId, 0, target(resource),
                kind, kind.isSuccess() ? 1000L + Math.abs(sourceId.hashCode() % 1000) : null,
                kind == OutcomeKind.UPDATED ? List.of("mobile_number", "cf_treatment_type") : null, null, null, null,
                kind == OutcomeKind.DEFERRED ? "deferred: waiting for clinics C-1" : null, attempt, at);
    }

    static LoadOutcome rejected(String runId, SourceResource resource, String sourceId, String rule, String field,
            String message, Instant at) {
        return LoadOutcome.rejected(commandId(runId, resource, sourceId), runId, resource, sourceId,
                new Rejection(rule, field, message), at);
    }

    static LoadOutcome failed(String runId, SourceResource resource, String sourceId, int attempt, int status,
            List<String> messages, Instant at) {
        return new LoadOutcome(commandId(runId, resource, sourceId), runId, resource, sourceId, 0, target(resource),
                OutcomeKind.FAILED, null, null, null, null, new TargetFailure(status, messages, "target-refused"),
                "refused by Freshsales", attempt, at);
    }

    private static FreshsalesTarget target(SourceResource resource) {
        return switch (resource) {
            case CLINICS -> FreshsalesTarget.SALES_ACCOUNT;
            case PRACTITIONERS -> FreshsalesTarget.USER;
            default -> FreshsalesTarget.CONTACT;
        };
    }
}
