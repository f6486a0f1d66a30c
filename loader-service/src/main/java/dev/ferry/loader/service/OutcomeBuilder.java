package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import java.util.List;

/** The loader's outcomes, with the command's identity copied over. Details name source ids, never field values. */
final class OutcomeBuilder {

    private OutcomeBuilder() {
    }

    static LoadOutcome simple(LoadCommand c, OutcomeKind kind, Long freshsalesId, String detail, int attempt,
            Instant at) {
        return LoadOutcome.of(c, kind, freshsalesId, detail, attempt, at);
    }

    static LoadOutcome updated(LoadCommand c, long freshsalesId, List<String> changed, ObjectNode before,
            String detail, int attempt, Instant at) {
        return new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(),
                OutcomeKind.UPDATED, freshsalesId, changed, before, null, null, detail, attempt, at);
    }

    static LoadOutcome failed(LoadCommand c, Long freshsalesId, TargetFailure failure, String detail, int attempt,
            Instant at) {
        return new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(),
                OutcomeKind.FAILED, freshsalesId, null, null, null, failure, detail, attempt, at);
    }
}
