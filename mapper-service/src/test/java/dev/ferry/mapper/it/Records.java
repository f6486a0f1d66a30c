package dev.ferry.mapper.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Envelopes and run events as the extractor publishes them, and decoding of what the mapper produced. */
final class Records {

    private Records() {
    }

    static String runId() {
        return "run-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static SourceRecordEnvelope envelope(String runId, SourceResource resource, String json) {
        ObjectNode payload = Fixtures.json(json);
        return new SourceRecordEnvelope(null, runId, RunMode.FULL, resource, payload.get("id").asText(), null,
                payload.path("updated_at").asText("2024-06-01T10:00:00+03:00"), payload.path("deleted").asBoolean(false),
                payload, Instant.now());
    }

    static SourceRecordEnvelope patient(String runId, String id, String overrides) {
        return envelope(runId, SourceResource.PATIENTS, Fixtures.patient(id, overrides));
    }

    static SourceRecordEnvelope clinic(String runId, String id, String parent) {
        return envelope(runId, SourceResource.CLINICS, "{\"id\": \"" + id + "\", \"name\": \"Klinik " + id + "\","
                + " \"parent_clinic_id\": " + (parent == null ? "null" : "\"" + parent + "\"")
                + ", \"phone\": \"0216 555 12 34\", \"address\": {\"city\": \"İstanbul\", \"country\": \"TR\"}}");
    }

    static SourceRecordEnvelope practitioner(String runId, String id, String email) {
        return envelope(runId, SourceResource.PRACTITIONERS, "{\"id\": \"" + id + "\", \"first_name\": \"Staff\","
                + " \"last_name\": \"" + id + "\", \"role\": \"DENTIST\", \"active\": true, \"email\": "
                + (email == null ? "null" : "\"" + email + "\"") + "}");
    }

    static RunEvent.RunStarted started(String runId, SourceResource... resources) {
        return startedWith("dentes-freshsales/v1", runId, resources);
    }

    static RunEvent.RunStarted startedWith(String mappingVersion, String runId, SourceResource... resources) {
        return new RunEvent.RunStarted(null, runId, RunMode.FULL, mappingVersion, List.of(resources), Instant.now());
    }

    static RunEvent.ManifestCounted manifest(String runId, SourceResource resource, long count) {
        return new RunEvent.ManifestCounted(null, runId, resource, count, 0, Instant.now());
    }

    static LoadCommand command(ConsumerRecord<String, byte[]> r) {
        return FerryJson.decode(r.value(), LoadCommand.class);
    }

    static LoadOutcome outcome(ConsumerRecord<String, byte[]> r) {
        return FerryJson.decode(r.value(), LoadOutcome.class);
    }

    static PoisonRecord poison(ConsumerRecord<String, byte[]> r) {
        return FerryJson.decode(r.value(), PoisonRecord.class);
    }
}
