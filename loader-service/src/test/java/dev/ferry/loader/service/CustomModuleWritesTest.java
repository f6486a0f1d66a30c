package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.UpsertResult;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.config.LoaderConfig;
import dev.ferry.loader.binding.FieldDiff;
import dev.ferry.loader.store.EntryKey;
import dev.ferry.loader.store.LedgerEntry;
import dev.ferry.loader.store.LedgerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom-module records have no upsert (reference 5.12): created once after a search finds none, found again by
 * {@code filtered_search} on cf_dentes_id when a create's answer is lost (hits are thin: no custom fields), updated by
 * id once the ledger knows it, and refused readably without a valid entity name.
 */
class CustomModuleWritesTest {

    private static final String ENTITY = "cm_imaging_record";
    private static final WriteTarget IMAGING = new WriteTarget(FreshsalesTarget.CUSTOM_MODULE_RECORD, ENTITY);

    /** One custom module that can lose a create's answer after storing the record; its search hits are thin. */
    static class Module extends FreshsalesClient {
        final List<ObjectNode> records = new ArrayList<>();
        final List<WriteTarget> targets = new ArrayList<>();
        int creates;
        int updates;
        int searches;
        int answersToLose;

        Module() {
            super(null);
        }

        @Override
        public UpsertResult create(WriteTarget target, ObjectNode fields) {
            targets.add(target);
            creates++;
            ObjectNode r = fields.deepCopy().put("id", 5000 + records.size());
            records.add(r);
            if (answersToLose > 0) {
                answersToLose--;
                throw new FreshsalesException.NoAnswer("POST /custom_module/" + ENTITY, 0, "connection reset");
            }
            return new UpsertResult(r.get("id").asLong(), true, r);
        }

        @Override
        public UpsertResult update(WriteTarget target, long id, ObjectNode fields) {
            targets.add(target);
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
            targets.add(t);
            searches++;
            // Thin hits, as filtered_search answers them: id and name, no custom_field.
            return records.stream().filter(r -> values.contains(r.at("/custom_field/" + field).asText()))
                    .map(r -> JsonNodeFactory.instance.objectNode().put("id", r.get("id").asLong())
                            .put("name", r.get("name").asText()))
                    .toList();
        }

        @Override
        public List<ObjectNode> lookup(WriteTarget target, String field, String value) {
            throw new AssertionError("custom modules are no /lookup entity");
        }
    }

    private final Module module = new Module();
    private final TargetWriter writer = new TargetWriter(module, bulk(), retry(), d -> { }, Clock.systemUTC());

    static LoadCommand command(String id, String entity, String modality) {
        ObjectNode f = JsonNodeFactory.instance.objectNode().put("name", "Imaging " + id);
        f.putObject("custom_field").put("cf_dentes_id", "imaging/" + id).put("cf_modality", modality)
                .put("cf_patient", 42);
        return new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.CUSTOM_MODULE_RECORDS,
                "imaging/" + id, 0, FreshsalesTarget.CUSTOM_MODULE_RECORD, entity,
                Map.of("cf_dentes_id", "imaging/" + id), f, "P-1", "v1", null, null);
    }

    private static WritePlan plan(String id, String modality, LedgerEntry prior) {
        LoadCommand c = command(id, ENTITY, modality);
        return new WritePlan(new WorkItem(c, new WorkItem.FromParking(1, false, "", 0)), c.fields(), "h-" + modality,
                List.of(), prior);
    }

    @Test
    void newRecordsCostOneSearchForTheBatchAndOneCreateEach() throws Exception {
        WritePlan a = plan("IMG-1", "CBCT", null);
        WritePlan b = plan("IMG-2", "Photo", null);
        Map<WritePlan, WriteResult> r = writer.write(IMAGING, List.of(a, b));

        assertThat(r.values()).allSatisfy(w -> assertThat(((WriteResult.Written) w).created()).isTrue());
        assertThat(module.creates).isEqualTo(2);
        assertThat(module.searches).as("a search with no hit proves every value absent").isEqualTo(1);
        assertThat(module.targets).containsOnly(IMAGING);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByFilteredSearchNotCreatedAgain() throws Exception {
        module.answersToLose = 1;
        WritePlan p = plan("IMG-1", "CBCT", null);
        WriteResult.Written r = (WriteResult.Written) writer.write(IMAGING, List.of(p)).get(p);

        assertThat(module.records).hasSize(1);
        assertThat(module.creates).isEqualTo(1);
        assertThat(r.freshsalesId()).isEqualTo(5000);
        assertThat(r.created()).isTrue();
        assertThat(r.via()).contains("found by lookup");
    }

    @Test
    void aLaterVersionIsAPutOnTheIdTheLedgerKnowsWithoutASearch() throws Exception {
        module.create(IMAGING, command("IMG-1", ENTITY, "CBCT").fields());
        module.creates = 0;
        LedgerEntry prior = new LedgerEntry(new EntryKey(SourceResource.CUSTOM_MODULE_RECORDS, "imaging/IMG-1", 0),
                IMAGING, Map.of("cf_dentes_id", "imaging/IMG-1"), 5000L, LedgerState.DONE, "cmd-0", "run-0", "h-CBCT",
                null, command("IMG-1", ENTITY, "CBCT").fields(), null, 1, null, null, "run-0");
        WritePlan p = plan("IMG-1", "Photo", prior);
        WriteResult.Written r = (WriteResult.Written) writer.write(IMAGING, List.of(p)).get(p);

        assertThat(r.freshsalesId()).isEqualTo(5000);
        assertThat(module.updates).isEqualTo(1);
        assertThat(module.creates).isZero();
        assertThat(module.searches).isZero();
        assertThat(module.records.get(0).at("/custom_field/cf_modality").asText()).isEqualTo("Photo");
    }

    @Test
    void aCommandWithoutAValidEntityIsRefusedReadablyBeforeAnyCall() {
        assertThat(CommandProcessor.cannotExecute(command("IMG-1", ENTITY, "CBCT"))).isNull();
        for (String bad : new String[] {null, "imaging_record", "cm_x/../../contacts", "CM_IMAGING"}) {
            TargetFailure f = CommandProcessor.cannotExecute(command("IMG-1", bad, "CBCT"));
            assertThat(f).as(String.valueOf(bad)).isNotNull();
            assertThat(f.cause()).isEqualTo(TargetFailure.INVALID_COMMAND);
            assertThat(f.messages().get(0)).contains("customModuleEntity").doesNotContain("contacts");
        }
        LoadCommand byName = new LoadCommand(null, "run-1", CommandKind.UPSERT, null,
                SourceResource.CUSTOM_MODULE_RECORDS, "imaging/IMG-1", 0, FreshsalesTarget.CUSTOM_MODULE_RECORD,
                ENTITY, Map.of("name", "Imaging IMG-1"), null, "P-1", "v1", null, null);
        assertThat(CommandProcessor.cannotExecute(byName).cause()).isEqualTo(TargetFailure.INVALID_COMMAND);
    }

    /**
     * Regression guard: a record created without its identifier in custom_field could never be found again, so a
     * lost answer followed by a search that (truthfully) finds nothing would create it a second time.
     */
    @Test
    void aCommandWhoseFieldsDoNotHoldItsIdentifierIsRefusedSinceItCouldNeverBeFoundAgain() {
        LoadCommand missing = command("IMG-1", ENTITY, "CBCT");
        ((ObjectNode) missing.fields().get("custom_field")).remove("cf_dentes_id");
        LoadCommand other = command("IMG-1", ENTITY, "CBCT");
        ((ObjectNode) other.fields().get("custom_field")).put("cf_dentes_id", "imaging/IMG-2");
        for (LoadCommand c : List.of(missing, other)) {
            TargetFailure f = CommandProcessor.cannotExecute(c);
            assertThat(f.cause()).isEqualTo(TargetFailure.INVALID_COMMAND);
            assertThat(f.messages().get(0)).contains("custom_field.cf_dentes_id").doesNotContain("IMG");
        }
    }

    @Test
    void twoModulesRecordsNeverShareABatchAndTheirOutcomesNameTheModule() {
        LoadCommand imaging = command("IMG-1", ENTITY, "CBCT");
        LoadCommand lab = command("LAB-1", "cm_lab_work", "CBCT");
        WorkItem.Origin o = new WorkItem.FromParking(1, false, "", 0);
        assertThat(new WorkItem(imaging, o).group()).isEqualTo("custom_module/cm_imaging_record|UPSERT")
                .isNotEqualTo(new WorkItem(lab, o).group());
        assertThat(OutcomeBuilder.simple(imaging, OutcomeKind.CREATED, 1L, "create", 1, Instant.now()).detail())
                .isEqualTo("custom module cm_imaging_record; create");
    }

    /**
     * The audit log lists the fields each operation wrote; a CREATED outcome named none (the audit log's create
     * entries were empty, found when the audit log was built). It names every field the create sent, custom fields as
     * {@code custom_field.<name>}, and carries no before-image (there was nothing before).
     */
    @Test
    void aCreatedOutcomeNamesTheFieldsItWrote() {
        LoadCommand imaging = command("IMG-1", ENTITY, "PANO");
        ObjectNode sent = JsonNodeFactory.instance.objectNode().put("name", "X-ray");
        sent.putObject("custom_field").put("cf_dentes_id", "imaging/IMG-1").put("cf_modality", "PANO");
        dev.ferry.contracts.LoadOutcome o = OutcomeBuilder.created(imaging, 7L, FieldDiff.between(null, sent).changedFields(), "create", 1,
                Instant.now());
        assertThat(o.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(o.changedFields()).containsExactly("name", "custom_field.cf_dentes_id", "custom_field.cf_modality");
        assertThat(o.beforeImage()).isNull();
    }

    static LoaderConfig.Retry retry() {
        return new LoaderConfig.Retry() {
            public int maxAttempts() {
                return 3;
            }

            public Duration unsettledPause() {
                return Duration.ofSeconds(1);
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration outageMaxPause() {
                return Duration.ofSeconds(30);
            }
        };
    }

    static LoaderConfig.Bulk bulk() {
        return new LoaderConfig.Bulk() {
            public boolean enabled() {
                return true;
            }

            public int minSize() {
                return 2;
            }

            public Duration pollInterval() {
                return Duration.ofMillis(1);
            }

            public Duration jobTimeout() {
                return Duration.ofSeconds(1);
            }

            public int retriesOn405() {
                return 0;
            }

            public Duration backoffOn405() {
                return Duration.ofMillis(1);
            }
        };
    }
}
