package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRoundTripTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void sourceRecordEnvelopeRoundTrips() {
        ObjectNode payload = FerryJson.mapper().createObjectNode().put("id", "P-000001").put("first_name", "İlkay");
        SourceRecordEnvelope env = new SourceRecordEnvelope(null, "run-1", RunMode.FULL, SourceResource.PATIENTS,
                "P-000001", null, "2025-01-02T03:04:05+03:00", false, payload, AT);

        SourceRecordEnvelope back = FerryJson.decode(FerryJson.encode(env), SourceRecordEnvelope.class);

        assertThat(back).isEqualTo(env);
        assertThat(back.payload().get("first_name").asText()).isEqualTo("İlkay");
    }

    @Test
    void loadCommandWithReferencesRoundTrips() {
        ObjectNode fields = FerryJson.mapper().createObjectNode().put("first_name", "Şule");
        fields.putArray("sales_accounts").addObject().put("is_primary", true)
                .set("id", TypedRef.required(SourceResource.CLINICS, "C-7").toNode());
        LoadCommand cmd = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.PATIENTS, "P-1", 0,
                FreshsalesTarget.CONTACT, null, Map.of("cf_dentes_id", "P-1"), fields, "P-1", "v3",
                "2025-01-02T03:04:05+03:00", List.of("owner fell back"));

        String json = FerryJson.encodeToString(cmd);
        LoadCommand back = FerryJson.decode(json, LoadCommand.class);

        assertThat(back).isEqualTo(cmd);
        assertThat(json).contains("\"ref\":{\"resource\":\"clinics\",\"id\":\"C-7\"}");
        assertThat(json).contains("\"target\":\"contacts\"").contains("\"resource\":\"patients\"");
        assertThat(back.references()).containsExactly(
                new TypedRef.Located("/sales_accounts/0/id", TypedRef.required(SourceResource.CLINICS, "C-7")));
    }

    @Test
    void aCommandWaitingForAnotherRecordsWriteRoundTripsAndOlderCommandsWaitForNothing() {
        ObjectNode fields = FerryJson.mapper().createObjectNode();
        fields.putObject("custom_field").put("cf_policy_number", "POL-1");
        LoadCommand cmd = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.BILLING_RECORDS,
                "BR-1", 0, FreshsalesTarget.DEAL, null, Map.of("cf_dentes_id", "TC-1"), fields, "P-1", "v1", null,
                null, List.of(TypedRef.required(SourceResource.TREATMENT_CASES, "TC-1")));

        String json = FerryJson.encodeToString(cmd);

        assertThat(FerryJson.decode(json, LoadCommand.class)).isEqualTo(cmd);
        assertThat(json).contains("\"after\":[{\"resource\":\"treatment-cases\",\"id\":\"TC-1\"}]");
        assertThat(cmd.references()).as("waited for, never written into the fields").isEmpty();
        LoadCommand plain = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, null, null, null, null, "v1", null, null);
        String plainJson = FerryJson.encodeToString(plain);
        assertThat(plainJson).doesNotContain("after");
        assertThat(FerryJson.decode(plainJson, LoadCommand.class).after()).isEmpty();
        assertThatThrownBy(() -> new LoadCommand(null, "run-1", CommandKind.UPSERT, null,
                SourceResource.BILLING_RECORDS, "BR-1", 0, FreshsalesTarget.DEAL, null, null, null, null, "v1", null,
                null, List.of(TypedRef.optional(SourceResource.TREATMENT_CASES, "TC-1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOutcomeKindRoundTrips() {
        LoadCommand cmd = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, null, null, null, null, "v1", null, null);
        com.fasterxml.jackson.databind.node.ObjectNode document = FerryJson.mapper().createObjectNode()
                .put("kind", "integration").put("name", "e-Nabız <Bildirim>");
        for (OutcomeKind kind : OutcomeKind.values()) {
            ObjectNode before = FerryJson.mapper().createObjectNode().put("phone", "+902121234567");
            LoadOutcome outcome = new LoadOutcome(cmd.commandId(), "run-1", SourceResource.CLINICS, "C-1", 0,
                    FreshsalesTarget.SALES_ACCOUNT, kind, 70000000001L, List.of("phone"), before,
                    kind == OutcomeKind.REJECTED ? new Rejection("name.missing", "name", "name is required") : null,
                    kind == OutcomeKind.FAILED ? new TargetFailure(400, List.of("Name has already been taken"),
                            "target-refused") : null,
                    "detail", 1, AT, kind == OutcomeKind.DOCUMENTED ? document : null);

            assertThat(FerryJson.decode(FerryJson.encode(outcome), LoadOutcome.class)).isEqualTo(outcome);
        }
    }

    @Test
    void everyRunEventRoundTripsThroughTheInterface() {
        List<RunEvent> events = List.of(
                new RunEvent.RunStarted(null, "run-1", RunMode.SAMPLE, "v2",
                        List.of(SourceResource.CLINICS, SourceResource.PATIENTS), AT),
                new RunEvent.ManifestCounted(null, "run-1", SourceResource.PATIENTS, 1000, 12, AT),
                new RunEvent.ManifestIds(null, "run-1", SourceResource.PATIENTS, 0, 1, List.of("P-1", "P-2"), AT),
                new RunEvent.ManifestCounted(null, "run-1", SourceResource.PATIENTS, 2, 0, 1, AT),
                new RunEvent.ExtractionFinished(null, "run-1", Map.of(SourceResource.PATIENTS, 1000L), AT),
                new RunEvent.RunFinished(null, "run-1", "COMPLETED", AT));
        for (RunEvent event : events) {
            byte[] json = FerryJson.encode(event);
            assertThat(FerryJson.decode(json, RunEvent.class)).isEqualTo(event);
        }
        assertThat(FerryJson.encodeToString(events.get(1))).contains("\"type\":\"MANIFEST_COUNTED\"")
                .doesNotContain("idChunks");
        assertThat(FerryJson.encodeToString(events.get(2))).contains("\"type\":\"MANIFEST_IDS\"")
                .contains("\"ids\":[\"P-1\",\"P-2\"]");
        assertThat(FerryJson.encodeToString(events.get(3))).contains("\"idChunks\":1");
    }

    @Test
    void aManifestOfCountsOnlyFromAnOlderExtractorDecodesWithoutIdChunks() {
        String old = "{\"type\":\"MANIFEST_COUNTED\",\"runId\":\"run-1\",\"resource\":\"clinics\",\"count\":5,"
                + "\"deleted\":1,\"at\":\"2026-11-25T10:15:30Z\"}";

        RunEvent.ManifestCounted decoded = (RunEvent.ManifestCounted) FerryJson.decode(old, RunEvent.class);

        assertThat(decoded.idChunks()).isNull();
        assertThat(decoded).isEqualTo(new RunEvent.ManifestCounted(null, "run-1", SourceResource.CLINICS, 5, 1, AT));
        assertThat(decoded.commandId()).as("the command id does not depend on the new field")
                .isEqualTo(CommandIds.ofRunEvent("run-1", "MANIFEST_COUNTED", "clinics"));
    }

    @Test
    void manifestIdChunksHaveOneCommandIdPerChunkAndAKnownCount() {
        RunEvent.ManifestIds first = new RunEvent.ManifestIds(null, "run-1", SourceResource.PATIENTS, 0, 2,
                List.of("P-1"), AT);
        RunEvent.ManifestIds again = new RunEvent.ManifestIds(null, "run-1", SourceResource.PATIENTS, 0, 2,
                List.of("P-1"), AT.plusSeconds(60));
        RunEvent.ManifestIds second = new RunEvent.ManifestIds(null, "run-1", SourceResource.PATIENTS, 1, 2,
                List.of("P-2"), AT);

        assertThat(again.commandId()).as("a re-published chunk is recognisable").isEqualTo(first.commandId());
        assertThat(second.commandId()).isNotEqualTo(first.commandId());
        assertThat(new RunEvent.ManifestIds(null, "run-1", SourceResource.PATIENTS, 0, 1, null, AT).ids()).isEmpty();
        assertThat(RunEvent.ManifestIds.chunkCount(0)).isZero();
        assertThat(RunEvent.ManifestIds.chunkCount(1)).isEqualTo(1);
        assertThat(RunEvent.ManifestIds.chunkCount(RunEvent.ManifestIds.MAX_IDS)).isEqualTo(1);
        assertThat(RunEvent.ManifestIds.chunkCount(RunEvent.ManifestIds.MAX_IDS + 1L)).isEqualTo(2);
        assertThat(RunEvent.ManifestIds.chunkCount(1_000_000)).isEqualTo(500);
    }

    @Test
    void aManifestIdsChunkWithoutResourceIsAContractViolation() {
        String noResource = "{\"type\":\"MANIFEST_IDS\",\"runId\":\"run-1\",\"chunk\":0,\"chunks\":1,"
                + "\"ids\":[\"P-1\"]}";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FerryJson.decode(noResource, RunEvent.class))
                .isInstanceOf(ContractViolation.class).hasMessageNotContaining("P-1");
    }

    @Test
    void poisonRecordRoundTrips() {
        PoisonRecord poison = new PoisonRecord("mapper/patients", "dentes.raw.patients", 3, 42L, "P-9",
                "not well-formed JSON", 17, AT);
        assertThat(FerryJson.decode(FerryJson.encode(poison), PoisonRecord.class)).isEqualTo(poison);
    }
}
