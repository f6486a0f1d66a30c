package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.clinic;
import static dev.ferry.mapper.it.Records.envelope;
import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.mapper.it.Records.patient;
import static dev.ferry.mapper.it.Records.practitioner;
import static dev.ferry.mapper.it.Records.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 on a Freshsales Classic account, through the real broker and database: a never-booked patient becomes a
 * lead command, a booked one a contact command; the patient's target is kept with its emission, so the appointment of
 * the lead ends {@code REJECTED parent.lead} (it arrived before its patient and waited) while the recall of the
 * contact becomes a task.
 */
@QuarkusTest
@TestProfile(ClassicLeadsFlowIT.Classic.class)
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class ClassicLeadsFlowIT {

    /** The mapper configured for a Classic account. */
    public static class Classic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.mapper.edition", "CLASSIC");
        }
    }

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
    void aNeverBookedPatientIsALeadAndItsAppointmentIsRejectedWithTheReason() {
        String run = Records.runId();
        new MapperDb().seedMetadata(run);
        kafka.sendJson(config.runsTopic, run, started(run, SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                SourceResource.PATIENTS, SourceResource.APPOINTMENTS, SourceResource.RECALLS));
        // Children first: they wait for their patients' decisions.
        send(config.appointmentsTopic, envelope(run, SourceResource.APPOINTMENTS, """
                {"id": "A-1", "patient_id": "P-1", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "start_at": "2024-03-31T10:00:00+03:00", "duration_minutes": 30, "status": "CANCELLED",
                 "type": "CHECKUP"}"""));
        send(config.recallsTopic, envelope(run, SourceResource.RECALLS, """
                {"id": "R-2", "patient_id": "P-2", "practitioner_id": "PR-1", "reason": "6-month checkup",
                 "interval_months": 6, "due_date": "2019-02-01", "status": "PENDING"}"""));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.APPOINTMENTS, 1));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.RECALLS, 1));
        send(config.practitionersTopic, practitioner(run, "PR-1", "ilker.sahin@klinik.example"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PRACTITIONERS, 1));
        send(config.clinicsTopic, clinic(run, "C-1", null));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.CLINICS, 1));
        send(config.patientsTopic, patient(run, "P-1", "{\"clinic_id\": \"C-1\", \"first_appointment_at\": null,"
                + " \"email\": \"p1@example.com\"}"));
        send(config.patientsTopic, patient(run, "P-2", "{\"clinic_id\": \"C-1\", \"email\": \"p2@example.com\"}"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PATIENTS, 2));

        await().atMost(PATIENCE).until(() -> outcomes(run).stream().anyMatch(o -> o.sourceId().equals("A-1"))
                && commands(run).stream().anyMatch(c -> c.sourceId().equals("R-2")));

        Map<String, FreshsalesTarget> targets = commands(run).stream()
                .collect(Collectors.toMap(LoadCommand::sourceId, LoadCommand::target, (a, b) -> a));
        assertThat(targets).containsEntry("P-1", FreshsalesTarget.LEAD).containsEntry("P-2", FreshsalesTarget.CONTACT)
                .containsEntry("R-2", FreshsalesTarget.TASK).doesNotContainKey("A-1");
        LoadOutcome a1 = outcomes(run).stream().filter(o -> o.sourceId().equals("A-1")).findFirst().orElseThrow();
        assertThat(a1.kind()).isEqualTo(OutcomeKind.REJECTED);
        assertThat(a1.rejection().rule()).isEqualTo("parent.lead");
        assertThat(a1.rejection().field()).isEqualTo("patient_id");
        assertThat(a1.rejection().message()).contains("patients P-1").contains("became a lead on Freshsales Classic");
    }
}
