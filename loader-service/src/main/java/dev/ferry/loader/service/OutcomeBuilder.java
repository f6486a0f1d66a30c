package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
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
        return LoadOutcome.of(c, kind, freshsalesId, withEntity(c, detail), attempt, at);
    }

    /** A record Ferry created, naming every field the create wrote (the audit log's operation lists them). */
    static LoadOutcome created(LoadCommand c, long freshsalesId, List<String> written, String detail, int attempt,
            Instant at) {
        return new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(),
                OutcomeKind.CREATED, freshsalesId, written, null, null, null, withEntity(c, detail), attempt, at);
    }

    static LoadOutcome updated(LoadCommand c, long freshsalesId, List<String> changed, ObjectNode before,
            String detail, int attempt, Instant at) {
        return new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(),
                OutcomeKind.UPDATED, freshsalesId, changed, before, null, null, withEntity(c, detail), attempt, at);
    }

    static LoadOutcome failed(LoadCommand c, Long freshsalesId, TargetFailure failure, String detail, int attempt,
            Instant at) {
        return new LoadOutcome(c.commandId(), c.runId(), c.resource(), c.sourceId(), c.part(), c.target(),
                OutcomeKind.FAILED, freshsalesId, null, null, null, failure, withEntity(c, detail), attempt, at);
    }

    /**
     * A custom-module record's detail names its module: the outcome's target ({@code custom_module}) does not, and the
     * id alone does not say where the record is.
     */
    static String withEntity(LoadCommand c, String detail) {
        if (c.target() != FreshsalesTarget.CUSTOM_MODULE_RECORD
                || !FreshsalesTarget.isCustomModuleEntity(c.customModuleEntity())) {
            return detail;
        }
        String module = "custom module " + c.customModuleEntity();
        return detail == null || detail.isBlank() ? module : module + "; " + detail;
    }
}
