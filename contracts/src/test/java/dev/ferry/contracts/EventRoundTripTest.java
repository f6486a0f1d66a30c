package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

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
    void everyOutcomeKindRoundTrips() {
        LoadCommand cmd = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, null, null, null, null, "v1", null, null);
        for (OutcomeKind kind : OutcomeKind.values()) {
            ObjectNode before = FerryJson.mapper().createObjectNode().put("phone", "+902121234567");
            LoadOutcome outcome = new LoadOutcome(cmd.commandId(), "run-1", SourceResource.CLINICS, "C-1", 0,
                    FreshsalesTarget.SALES_ACCOUNT, kind, 70000000001L, List.of("phone"), before,
                    kind == OutcomeKind.REJECTED ? new Rejection("name.missing", "name", "name is required") : null,
                    kind == OutcomeKind.FAILED ? new TargetFailure(400, List.of("Name has already been taken"),
                            "target-refused") : null,
                    "detail", 1, AT);

            assertThat(FerryJson.decode(FerryJson.encode(outcome), LoadOutcome.class)).isEqualTo(outcome);
        }
    }

    @Test
    void everyRunEventRoundTripsThroughTheInterface() {
        List<RunEvent> events = List.of(
                new RunEvent.RunStarted(null, "run-1", RunMode.SAMPLE, "v2",
                        List.of(SourceResource.CLINICS, SourceResource.PATIENTS), AT),
                new RunEvent.ManifestCounted(null, "run-1", SourceResource.PATIENTS, 1000, 12, AT),
                new RunEvent.ExtractionFinished(null, "run-1", Map.of(SourceResource.PATIENTS, 1000L), AT),
                new RunEvent.RunFinished(null, "run-1", "COMPLETED", AT));
        for (RunEvent event : events) {
            byte[] json = FerryJson.encode(event);
            assertThat(FerryJson.decode(json, RunEvent.class)).isEqualTo(event);
        }
        assertThat(FerryJson.encodeToString(events.get(1))).contains("\"type\":\"MANIFEST_COUNTED\"");
    }

    @Test
    void poisonRecordRoundTrips() {
        PoisonRecord poison = new PoisonRecord("mapper/patients", "dentes.raw.patients", 3, 42L, "P-9",
                "not well-formed JSON", 17, AT);
        assertThat(FerryJson.decode(FerryJson.encode(poison), PoisonRecord.class)).isEqualTo(poison);
    }
}
