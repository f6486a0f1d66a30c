package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.UpsertResult;
import dev.ferry.loader.client.WriteTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leads on Freshsales Classic (issue 10): {@code /leads} has no upsert and no {@code /lookup} entity (reference 5.4,
 * 5.14), so a lead is created behind a write-ahead intent, searched for by {@code cf_dentes_id} with
 * {@code POST /filtered_search/lead} before its first create, and a create whose answer was lost is found by that
 * search, never created a second time.
 */
class LeadWritesTest {

    private static final WriteTarget LEADS = WriteTarget.of(FreshsalesTarget.LEAD);

    /** A Classic account's leads: can lose a create's answer after storing the lead; search hits are thin. */
    static class Leads extends FreshsalesClient {
        final List<ObjectNode> records = new ArrayList<>();
        final List<String> searchedEntities = new ArrayList<>();
        int creates;
        int updates;
        int searches;
        int answersToLose;

        Leads() {
            super(null);
        }

        @Override
        public UpsertResult create(WriteTarget target, ObjectNode fields) {
            assertThat(target).isEqualTo(LEADS);
            creates++;
            ObjectNode r = fields.deepCopy().put("id", 9000 + records.size());
            records.add(r);
            if (answersToLose > 0) {
                answersToLose--;
                throw new FreshsalesException.NoAnswer("POST /leads", 0, "connection reset");
            }
            return new UpsertResult(r.get("id").asLong(), true, r);
        }

        @Override
        public UpsertResult update(WriteTarget target, long id, ObjectNode fields) {
            updates++;
            ObjectNode r = records.stream().filter(x -> x.get("id").asLong() == id).findFirst().orElseThrow();
            r.setAll(fields);
            return new UpsertResult(id, false, r);
        }

        @Override
        public ObjectNode get(WriteTarget target, long id) {
            return records.stream().filter(x -> x.get("id").asLong() == id).findFirst().orElseThrow().deepCopy();
        }

        @Override
        public List<ObjectNode> searchIn(WriteTarget t, String field, Collection<String> values) {
            searchedEntities.add(t.searchEntity() + " in " + t.listRoot());
            searches++;
            // Thin hits, as filtered_search answers them (reference 5.14): no custom_field.
            return records.stream().filter(r -> values.contains(r.at("/custom_field/" + field).asText()))
                    .map(r -> JsonNodeFactory.instance.objectNode().put("id", r.get("id").asLong())
                            .put("last_name", r.path("last_name").asText()))
                    .toList();
        }

        @Override
        public List<ObjectNode> lookup(WriteTarget target, String field, String value) {
            throw new AssertionError("leads are no /lookup entity (reference 5.14: contact, sales_account, deal)");
        }
    }

    private final Leads leads = new Leads();
    private final TargetWriter writer = new TargetWriter(leads, CustomModuleWritesTest.bulk(),
            CustomModuleWritesTest.retry(), d -> { }, Clock.systemUTC());

    static LoadCommand command(String id) {
        ObjectNode f = JsonNodeFactory.instance.objectNode().put("last_name", "Lead " + id);
        f.putObject("custom_field").put("cf_dentes_id", id);
        return new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.PATIENTS, id, 0,
                FreshsalesTarget.LEAD, null, Map.of("cf_dentes_id", id), f, id, "v1", null, null);
    }

    private static WritePlan plan(String id) {
        LoadCommand c = command(id);
        return new WritePlan(new WorkItem(c, new WorkItem.FromParking(1, false, "", 0)), c.fields(), "h-" + id,
                List.of(), null);
    }

    @Test
    void leadsAreWrittenByCreateAndFoundByFilteredSearchOnLeadsNotByLookup() {
        assertThat(FreshsalesTarget.LEAD.supportsUpsert()).isFalse();
        assertThat(FreshsalesTarget.LEAD.idempotentByIdentifier()).isTrue();
        assertThat(LEADS.hasLookup()).isFalse();
        assertThat(LEADS.searchEntity()).isEqualTo("lead");
        assertThat(LEADS.listRoot()).isEqualTo("leads");
        assertThat(LEADS.rootKey()).isEqualTo("lead");
        assertThat(CommandProcessor.cannotExecute(command("P-1"))).isNull();
    }

    @Test
    void newLeadsCostOneSearchForTheBatchAndOneCreateEach() throws Exception {
        WritePlan a = plan("P-1");
        WritePlan b = plan("P-2");
        Map<WritePlan, WriteResult> r = writer.write(LEADS, List.of(a, b));

        assertThat(r.values()).allSatisfy(w -> assertThat(((WriteResult.Written) w).created()).isTrue());
        assertThat(leads.creates).isEqualTo(2);
        assertThat(leads.searches).as("a search with no hit proves every value absent").isEqualTo(1);
        assertThat(leads.searchedEntities).containsOnly("lead in leads");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundBySearchNotCreatedAgain() throws Exception {
        leads.answersToLose = 1;
        WritePlan p = plan("P-1");
        WriteResult.Written r = (WriteResult.Written) writer.write(LEADS, List.of(p)).get(p);

        assertThat(leads.records).hasSize(1);
        assertThat(leads.creates).isEqualTo(1);
        assertThat(r.freshsalesId()).isEqualTo(9000);
        assertThat(r.created()).isTrue();
        assertThat(r.via()).contains("found by lookup");
    }

    @Test
    void aLeadAlreadyInTheAccountIsUpdatedNotCreatedAgain() throws Exception {
        leads.create(LEADS, command("P-1").fields());
        leads.creates = 0;
        WritePlan p = plan("P-1");
        Map<WritePlan, WriteResult> r = writer.write(LEADS, List.of(p));

        assertThat(leads.creates).as("a ledger lost or reset never makes a second lead").isZero();
        assertThat(leads.updates).isEqualTo(1);
        assertThat(((WriteResult.Written) r.get(p)).freshsalesId()).isEqualTo(9000);
    }

    /**
     * A lead created without its cf_dentes_id could never be found again: a lost answer followed by a search that
     * truthfully finds nothing would create it a second time. Such a command is refused before any call.
     */
    @Test
    void aLeadWhoseFieldsDoNotHoldItsIdentifierIsRefusedBeforeAnyCall() {
        LoadCommand missing = command("P-1");
        ((ObjectNode) missing.fields().get("custom_field")).remove("cf_dentes_id");
        TargetFailure f = CommandProcessor.cannotExecute(missing);
        assertThat(f.cause()).isEqualTo(TargetFailure.INVALID_COMMAND);
        assertThat(f.messages().get(0)).contains("lead").contains("custom_field.cf_dentes_id");
    }
}
