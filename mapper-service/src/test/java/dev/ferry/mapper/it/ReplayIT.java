package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.clinic;
import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.mapper.it.Records.patient;
import static dev.ferry.mapper.it.Records.practitioner;
import static dev.ferry.mapper.it.Records.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replay (the extractor re-publishing, a consumer restarting before its commit) gives the same command ids, and
 * the mapper neither produces the same message twice nor keeps two rows for one command id. A changed record under
 * the same run keeps its command id and is produced again.
 */
@QuarkusTest
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class ReplayIT {

    @Inject
    MapperItConfig config;

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void replayedEnvelopesKeepTheirCommandIdsAndAreNotProducedTwice() {
        String run = Records.runId();
        MapperDb db = new MapperDb();
        db.seedMetadata(run);
        RunEvent.RunStarted start = started(run, SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                SourceResource.PATIENTS);
        List<SourceRecordEnvelope> records = List.of(practitioner(run, "PR-1", "ilker.sahin@klinik.example"),
                practitioner(run, "PR-2", null), clinic(run, "C-1", null), clinic(run, "C-2", "C-1"),
                patient(run, "P-1", "{}"), patient(run, "P-2", "{\"email\": \"p2@example.com\", \"clinic_id\": \"C-2\"}"),
                patient(run, "P-3", "{\"clinic_id\": \"C-9\", \"email\": \"p3@example.com\"}"));
        List<RunEvent> manifests = List.of(manifest(run, SourceResource.PRACTITIONERS, 2),
                manifest(run, SourceResource.CLINICS, 2), manifest(run, SourceResource.PATIENTS, 3));

        try (TestKafka kafka = new TestKafka()) {
            publish(kafka, start, records, manifests);
            await().atMost(PATIENCE).until(() -> commands(kafka, run).size() == 4 && outcomes(kafka, run).size() == 3);
            List<String> commandIds = commands(kafka, run).stream().map(LoadCommand::commandId).sorted().toList();
            List<String> outcomeIds = outcomes(kafka, run).stream().map(LoadOutcome::commandId).sorted().toList();
            assertThat(db.count("SELECT count(*) FROM {schema}.emission WHERE run_id = ?", run)).isEqualTo(7);

            // The same envelopes and events again, as a restarted extractor would send them.
            publish(kafka, start, records, manifests);
            await().atMost(PATIENCE).until(() -> kafka.caughtUp(config.patientsGroup, config.patientsTopic)
                    && kafka.caughtUp(config.clinicsGroup, config.clinicsTopic) && kafka.caughtUp(config.practitionersGroup, config.practitionersTopic)
                    && kafka.caughtUp(config.runsGroup, config.runsTopic));
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> db.count(
                    "SELECT count(*) FROM {schema}.pending WHERE run_id = ?", run) == 0);
            assertThat(commands(kafka, run)).extracting(LoadCommand::commandId).containsExactlyInAnyOrderElementsOf(commandIds);
            assertThat(outcomes(kafka, run)).extracting(LoadOutcome::commandId).containsExactlyInAnyOrderElementsOf(outcomeIds);
            assertThat(db.rows("SELECT command_id, productions FROM {schema}.emission WHERE run_id = ? ORDER BY 1", run))
                    .hasSize(7).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1));
            assertThat(db.count("SELECT count(*) FROM {schema}.practitioner_match WHERE run_id = ?", run)).isEqualTo(2);

            // A newer version of P-1 in the same run: same command id, produced again, still one row.
            SourceRecordEnvelope changed = patient(run, "P-1", "{\"mobile_phone\": \"0533 765 43 21\","
                    + " \"updated_at\": \"2024-07-01T10:00:00+03:00\"}");
            kafka.sendJson(config.patientsTopic, "P-1", changed);
            await().atMost(PATIENCE).until(() -> commands(kafka, run).size() == 5);
            List<LoadCommand> p1 = commands(kafka, run).stream().filter(c -> c.sourceId().equals("P-1")).toList();
            assertThat(p1).hasSize(2).extracting(LoadCommand::commandId).containsOnly(p1.get(0).commandId());
            assertThat(p1.get(1).fields().get("mobile_number").asText()).isEqualTo("+905337654321");
            assertThat(p1.get(1).sourceUpdatedAt()).isEqualTo("2024-07-01T10:00:00+03:00");
            assertThat(db.rows("SELECT productions FROM {schema}.emission WHERE command_id = ?", p1.get(0).commandId()))
                    .singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo(2));
            assertThat(db.count("SELECT count(*) FROM {schema}.emission WHERE run_id = ?", run)).isEqualTo(7);

            // The older version of P-1 arriving late (a re-read page) does not overwrite the newer one.
            kafka.sendJson(config.patientsTopic, "P-1", records.get(4));
            await().atMost(PATIENCE).until(() -> kafka.caughtUp(config.patientsGroup, config.patientsTopic));
            assertThat(commands(kafka, run)).hasSize(5);
            assertThat(db.rows("SELECT productions FROM {schema}.emission WHERE command_id = ?", p1.get(0).commandId()))
                    .singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo(2));
        }
    }

    private void publish(TestKafka kafka, RunEvent start, List<SourceRecordEnvelope> records, List<RunEvent> manifests) {
        kafka.sendJson(config.runsTopic, start.runId(), start);
        for (SourceRecordEnvelope e : records) {
            String topic = switch (e.resource()) {
                case PRACTITIONERS -> config.practitionersTopic;
                case CLINICS -> config.clinicsTopic;
                default -> config.patientsTopic;
            };
            kafka.sendJson(topic, e.sourceId(), e);
        }
        manifests.forEach(m -> kafka.sendJson(config.runsTopic, m.runId(), m));
    }

    private List<LoadCommand> commands(TestKafka kafka, String run) {
        return kafka.readAll(config.commandsTopic).stream().map(Records::command).filter(c -> c.runId().equals(run)).toList();
    }

    private List<LoadOutcome> outcomes(TestKafka kafka, String run) {
        return kafka.readAll(config.outcomesTopic).stream().map(Records::outcome).filter(o -> o.runId().equals(run)).toList();
    }
}
