package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

    @Test
    void sameOperationSameId() {
        assertThat(CommandIds.of("run-1", SourceResource.PATIENTS, "P-1", 0, "UPSERT"))
                .isEqualTo(CommandIds.of("run-1", SourceResource.PATIENTS, "P-1", 0, "UPSERT"))
                // pinned: a change of algorithm would make every replay after an upgrade look new
                .isEqualTo("61925ad0-29a2-3854-b4c2-8e1f86b4b7fe");
    }

    @Test
    void everyComponentChangesTheId() {
        Set<String> ids = new HashSet<>();
        ids.add(CommandIds.of("run-1", SourceResource.PATIENTS, "P-1", 0, "UPSERT"));
        ids.add(CommandIds.of("run-2", SourceResource.PATIENTS, "P-1", 0, "UPSERT"));
        ids.add(CommandIds.of("run-1", SourceResource.CLINICS, "P-1", 0, "UPSERT"));
        ids.add(CommandIds.of("run-1", SourceResource.PATIENTS, "P-2", 0, "UPSERT"));
        ids.add(CommandIds.of("run-1", SourceResource.PATIENTS, "P-1", 1, "UPSERT"));
        ids.add(CommandIds.of("run-1", SourceResource.PATIENTS, "P-1", 0, "DELETE"));
        assertThat(ids).hasSize(6);
    }

    @Test
    void componentsCannotBleedIntoEachOther() {
        // "P-1" + part 12 must not collide with "P-11" + part 2
        assertThat(CommandIds.of("r", SourceResource.PATIENTS, "P-1", 12, "UPSERT"))
                .isNotEqualTo(CommandIds.of("r", SourceResource.PATIENTS, "P-11", 2, "UPSERT"));
    }

    @Test
    void commandsAndEventsGetTheirIdWhenNoneIsGiven() {
        LoadCommand a = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, null, null, null, null, "v1", null, null);
        LoadCommand b = new LoadCommand(null, "run-1", CommandKind.UPSERT, CommandOrigin.MAPPER, SourceResource.CLINICS,
                "C-1", 0, FreshsalesTarget.SALES_ACCOUNT, null, null, null, null, "v2", "2026-01-01T00:00:00Z", null);
        assertThat(a.commandId()).isEqualTo(b.commandId())
                .isEqualTo(CommandIds.of("run-1", SourceResource.CLINICS, "C-1", 0, "UPSERT"));
        assertThat(new RunEvent.RunFinished(null, "run-1", "COMPLETED", null).commandId())
                .isEqualTo(new RunEvent.RunFinished(null, "run-1", "STOPPED", null).commandId());
        assertThat(CommandIds.ofExtraction("r", SourceResource.PATIENTS, "P-1", "2026-01-01T00:00:00+03:00"))
                .isNotEqualTo(CommandIds.ofExtraction("r", SourceResource.PATIENTS, "P-1", "2026-01-02T00:00:00+03:00"));
    }
}
