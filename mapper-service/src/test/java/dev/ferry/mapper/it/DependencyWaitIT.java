package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.clinic;
import static dev.ferry.mapper.it.Records.envelope;
import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.mapper.it.Records.patient;
import static dev.ferry.mapper.it.Records.practitioner;
import static dev.ferry.mapper.it.Records.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A record that arrives before the other resources it references waits for them on its consumer's thread and is
 * mapped as soon as they are complete, without passing through the pending table (the hold phase the 30,000-patient
 * bench found: every dependant held until the last patient was read). The wait is long here so that the test, not the
 * wait's limit, decides when the dependencies arrive.
 */
@QuarkusTest
@TestProfile(DependencyWaitIT.LongWait.class)
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class DependencyWaitIT {

    /** A dependency wait longer than the test. */
    public static class LongWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.mapper.dependency-wait", "60s");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TestKafka kafka;

    @Inject
    MapperItConfig config;

    @Inject
    MeterRegistry registry;

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

    private double held(SourceResource resource) {
        Counter c = registry.find("ferry.mapper.records").tag("resource", resource.path()).tag("result", "held")
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anAppointmentBeforeItsPatientWaitsForItAndIsMappedWithoutBeingHeld() {
        String run = Records.runId();
        MapperDb db = new MapperDb();
        db.seedMetadata(run);
        double heldBefore = held(SourceResource.APPOINTMENTS);
        kafka.sendJson(config.runsTopic, run, started(run, SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                SourceResource.PATIENTS, SourceResource.APPOINTMENTS));
        send(config.appointmentsTopic, envelope(run, SourceResource.APPOINTMENTS, """
                {"id": "A-1", "patient_id": "P-1", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "start_at": "2024-03-31T10:00:00+03:00", "duration_minutes": 30, "status": "COMPLETED",
                 "type": "CHECKUP"}"""));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.APPOINTMENTS, 1));

        // The appointment has been read (indexed) and is waiting: not held, not mapped.
        await().atMost(PATIENCE).until(() -> db.count(
                "SELECT count(*) FROM {schema}.run_seen WHERE run_id = ? AND resource = 'appointments'", run) == 1);
        assertThat(db.count("SELECT count(*) FROM {schema}.pending WHERE run_id = ?", run)).isZero();
        assertThat(commands(run)).isEmpty();

        send(config.practitionersTopic, practitioner(run, "PR-1", "ilker.sahin@klinik.example"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PRACTITIONERS, 1));
        send(config.clinicsTopic, clinic(run, "C-1", null));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.CLINICS, 1));
        send(config.patientsTopic, patient(run, "P-1", "{\"clinic_id\": \"C-1\", \"email\": \"p1@example.com\"}"));
        kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PATIENTS, 1));

        await().atMost(PATIENCE).until(() -> commands(run).stream().anyMatch(c -> c.sourceId().equals("A-1")));
        assertThat(commands(run)).extracting(LoadCommand::sourceId).contains("P-1", "A-1");
        assertThat(held(SourceResource.APPOINTMENTS)).as("the appointment was never held")
                .isEqualTo(heldBefore);
        assertThat(db.count("SELECT count(*) FROM {schema}.pending WHERE run_id = ?", run)).isZero();
    }
}
