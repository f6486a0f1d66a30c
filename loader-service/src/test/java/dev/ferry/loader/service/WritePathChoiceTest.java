package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import dev.ferry.loader.client.WriteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which commands the loader can execute, when a bulk job pays, and how a job's records are told created or not. */
class WritePathChoiceTest {

    private static LoadCommand command(CommandKind kind, FreshsalesTarget target, Map<String, String> identifier,
            ObjectNode fields) {
        return new LoadCommand(null, "run-1", kind, null, SourceResource.PATIENTS, "P-1", 0, target, null, identifier,
                fields, null, "v1", null, null);
    }

    private static WritePlan plan(String key, String value, String email) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        if (email != null) {
            f.put("emails", email);
        }
        LoadCommand c = command(CommandKind.UPSERT, FreshsalesTarget.CONTACT, Map.of(key, value), f);
        return new WritePlan(new WorkItem(c, new WorkItem.FromParking(1, false, "", 0)), f, "h", List.of(), null);
    }

    @Test
    void onlyUpsertsWithOneNonEmptyIdentifierOnAnUpsertTargetAreExecuted() {
        Map<String, String> id = Map.of("cf_dentes_id", "P-1");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.CONTACT, id, null))).isNull();
        TargetFailure delete = CommandProcessor.cannotExecute(command(CommandKind.DELETE, FreshsalesTarget.CONTACT, id, null));
        assertThat(delete.cause()).isEqualTo("unsupported");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.APPOINTMENT, id, null))
                .cause()).isEqualTo("unsupported");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.PRODUCT, id, null)))
                .as("a product is created, and found again by cf_dentes_id").isNull();
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.PRODUCT,
                Map.of("name", "Crown"), null)).cause()).as("only a custom field finds a product again")
                .isEqualTo("invalid-command");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.CONTACT, Map.of(), null))
                .cause()).isEqualTo("invalid-command");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.CONTACT,
                Map.of("cf_dentes_id", " "), null)).cause()).isEqualTo("invalid-command");
    }

    @Test
    void aNoteTaskOrActivityIsWrittenOnlyWhenItsParentListingCanFindItAgain() {
        ObjectNode task = JsonNodeFactory.instance.objectNode().put("title", "Recall").put("targetable_type", "Contact");
        task.set("targetable_id", new dev.ferry.contracts.TypedRef(dev.ferry.contracts.SourceResource.PATIENTS, "P-1",
                false).toNode());
        task.putObject("custom_field").put("cf_dentes_id", "R-1");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.TASK,
                Map.of("cf_dentes_id", "R-1"), task))).isNull();
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.TASK,
                Map.of("cf_dentes_id", "R-2"), task)).cause()).as("the marker must be in the fields")
                .isEqualTo("invalid-command");
        ObjectNode orphan = task.deepCopy();
        orphan.remove("targetable_type");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.SALES_ACTIVITY,
                Map.of("cf_dentes_id", "R-1"), orphan)).cause()).as("no parent to list").isEqualTo("invalid-command");
        ObjectNode note = task.deepCopy();
        note.remove("custom_field");
        note.put("description", "[clinical-notes N-1] Visit\nbody");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.NOTE,
                Map.of("first_line", "[clinical-notes N-1] Visit"), note))).isNull();
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.NOTE,
                Map.of("first_line", "[clinical-notes N-2] Visit"), note)).cause()).isEqualTo("invalid-command");
        assertThat(CommandProcessor.cannotExecute(command(CommandKind.UPSERT, FreshsalesTarget.NOTE,
                Map.of("cf_dentes_id", "N-1"), note)).cause()).as("notes have no custom fields")
                .isEqualTo("invalid-command");
    }

    @Test
    void aBulkJobPaysOnlyWhenMostOfItsRecordsCanBeFoundAgainWithoutALookupEach() {
        List<WritePlan> withEmails = new ArrayList<>();
        List<WritePlan> withoutEmails = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            withEmails.add(plan("cf_dentes_id", "P-" + i, "p" + i + "@x.test"));
            withoutEmails.add(plan("cf_dentes_id", "P-" + i, null));
        }
        WriteTarget deals = WriteTarget.of(FreshsalesTarget.DEAL);
        assertThat(TargetWriter.bulkPays(deals, withEmails)).isTrue();
        assertThat(TargetWriter.bulkPays(deals, withoutEmails)).isFalse();
        List<WritePlan> accounts = List.of(plan("name", "Clinic A", null), plan("name", "Clinic B", null));
        assertThat(TargetWriter.bulkPays(deals, accounts)).as("names are in search hits").isTrue();
        assertThat(TargetWriter.bulkPays(WriteTarget.of(FreshsalesTarget.CONTACT), withoutEmails))
                .as("contacts are found again in their all-records view, whatever their e-mails").isTrue();
    }

    @Test
    void aRecordCreatedNoEarlierThanTheJobWasCreatedByIt() {
        Instant job = Instant.parse("2025-03-01T10:00:00Z");
        ObjectNode same = JsonNodeFactory.instance.objectNode().put("created_at", "2025-03-01T06:00:00-04:00");
        ObjectNode older = JsonNodeFactory.instance.objectNode().put("created_at", "2025-02-01T06:00:00-04:00");
        assertThat(TargetWriter.createdByJob(same, job)).isTrue();
        assertThat(TargetWriter.createdByJob(older, job)).isFalse();
        assertThat(TargetWriter.createdByJob(JsonNodeFactory.instance.objectNode(), job)).isNull();
        assertThat(TargetWriter.createdByJob(same, null)).isNull();
    }
}
