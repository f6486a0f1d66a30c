package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.clinic;
import static dev.ferry.mapper.it.Records.envelope;
import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.mapper.it.Records.patient;
import static dev.ferry.mapper.it.Records.practitioner;
import static dev.ferry.mapper.it.Records.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 through the real broker and database: appointments, recalls and clinical notes wait for their patient,
 * every record ends with its commands or one rejection, and a long note leaves as numbered parts, one command each.
 */
@QuarkusTest
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class ActivityRoutesFlowIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TestKafka kafka;

    @Inject
    MapperItConfig config;

    @BeforeAll
    static void clients() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private void send(String topic, SourceRecordEnvelope e) {
        kafka.sendJson(topic, e.sourceId(), e);
    }

    private List<LoadCommand> commands(String run) {
        return kafka.readAll(config.commandsTopic).stream().map(Records::command).filter(c -> c.runId().equals(run))
                .toList();
    }

    private List<LoadOutcome> outcomes(String run) {
        return kafka.readAll(config.outcomesTopic).stream().map(Records::outcome).filter(o -> o.runId().equals(run))
                .toList();
    }

    @Test
    void activitiesTasksAndNoteWaitForTheirPatientAndEveryRecordEnds() {
        String run = Records.runId();
        new MapperDb().seedMetadata(run);
        kafka.sendJson(config.runsTopic, run, started(run, SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                SourceResource.PATIENTS, SourceResource.TREATMENT_CASES, SourceResource.APPOINTMENTS,
                SourceResource.RECALLS, SourceResource.CLINICAL_NOTES));
        // Children first: nothing of theirs may be decided before their patients are.
        send(config.appointmentsTopic, envelope(run, SourceResource.APPOINTMENTS, """
                {"id": "A-1", "patient_id": "P-1", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "start_at": "2024-03-31T02:30:00+03:00", "duration_minutes": 0, "status": "NO_SHOW", "type": "CHECKUP"}"""));
        send(config.appointmentsTopic, envelope(run, SourceResource.APPOINTMENTS, """
                {"id": "A-2", "patient_id": "P-1", "clinic_id": "C-1", "start_at": "2024-04-01T10:00:00+03:00",
                 "duration_minutes": -5, "status": "SCHEDULED", "type": "CLEANING"}"""));
        send(config.appointmentsTopic, envelope(run, SourceResource.APPOINTMENTS, """
                {"id": "A-3", "patient_id": "P-2", "clinic_id": "C-1", "start_at": "2024-04-01T10:00:00+03:00",
                 "duration_minutes": 30, "status": "CANCELLED", "cancel_reason": "x", "type": "CLEANING"}"""));
        send(config.recallsTopic, envelope(run, SourceResource.RECALLS, """
                {"id": "R-1", "patient_id": "P-1", "practitioner_id": "PR-1", "reason": "6-month checkup",
                 "interval_months": 6, "due_date": "2019-02-01", "status": "CANCELLED"}"""));
        String body = "Kanal tedavisi 🦷 ışık ğ ş İ.\n".repeat(700);
        send(config.clinicalNotesTopic, envelope(run, SourceResource.CLINICAL_NOTES, "{\"id\": \"N-1\","
                + " \"patient_id\": \"P-1\", \"title\": \"Özet\", \"author_id\": \"PR-1\", \"note_type\": \"CLINICAL\","
                + " \"recorded_at\": \"2023-11-02T14:05:00+03:00\", \"body\": " + TextNode.valueOf(body) + "}"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.APPOINTMENTS, 3));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.RECALLS, 1));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.CLINICAL_NOTES, 1));

        send(config.practitionersTopic, practitioner(run, "PR-1", "ilker.sahin@klinik.example"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PRACTITIONERS, 1));
        send(config.clinicsTopic, clinic(run, "C-1", null));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.CLINICS, 1));
        send(config.patientsTopic, patient(run, "P-1", "{\"clinic_id\": \"C-1\", \"primary_practitioner_id\": \"PR-1\"}"));
        send(config.patientsTopic, patient(run, "P-2", "{\"clinic_id\": \"C-1\", \"first_name\": \" \","
                + " \"email\": \"p2@example.com\"}"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PATIENTS, 2));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.TREATMENT_CASES, 0));

        // C-1, P-1, A-1, R-1 and N-1's parts; P-2, A-2 and A-3 rejected; PR-1 linked.
        await().atMost(PATIENCE).until(() -> outcomes(run).size() == 4
                && commands(run).stream().anyMatch(c -> c.resource() == SourceResource.CLINICAL_NOTES));
        await().atMost(Duration.ofSeconds(5)).until(() -> commands(run).size() >= 7);

        Map<String, String> rejected = outcomes(run).stream().filter(o -> o.kind() == OutcomeKind.REJECTED)
                .collect(Collectors.toMap(LoadOutcome::sourceId, o -> o.rejection().rule()));
        assertThat(rejected).containsOnly(Map.entry("P-2", "name.missing"),
                Map.entry("A-2", "appointment.duration-negative"), Map.entry("A-3", "parent.rejected"));

        List<LoadCommand> cmds = commands(run);
        LoadCommand a1 = cmds.stream().filter(c -> c.sourceId().equals("A-1")).findFirst().orElseThrow();
        assertThat(a1.target()).isEqualTo(FreshsalesTarget.SALES_ACTIVITY);
        assertThat(a1.fields().get("end_date").asText()).isEqualTo("2024-03-31T02:30:00+03:00");
        assertThat(a1.fields().get("notes").asText()).contains("Status: No-show");
        LoadCommand r1 = cmds.stream().filter(c -> c.sourceId().equals("R-1")).findFirst().orElseThrow();
        assertThat(r1.target()).isEqualTo(FreshsalesTarget.TASK);
        assertThat(r1.fields().get("status").asInt()).isEqualTo(1);

        List<LoadCommand> parts = cmds.stream().filter(c -> c.sourceId().equals("N-1"))
                .sorted(Comparator.comparingInt(LoadCommand::part)).toList();
        assertThat(parts.size()).as("a %d-character note in parts of at most 8000", body.length()).isGreaterThan(2);
        assertThat(parts).extracting(LoadCommand::part).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, parts.size()).boxed().toList());
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.target()).isEqualTo(FreshsalesTarget.NOTE);
            assertThat(p.partitionKey()).isEqualTo("P-1");
            assertThat(p.fields().get("description").asText().length()).isLessThanOrEqualTo(8000);
        });
        String rejoined = dev.ferry.mapper.mapping.text.NoteParts.rejoin(parts.stream()
                .map(p -> p.fields().get("description").asText()).toList());
        assertThat(rejoined).endsWith("\n\n" + body);
        assertThat(cmds).extracting(LoadCommand::commandId).doesNotHaveDuplicates();
    }
}
