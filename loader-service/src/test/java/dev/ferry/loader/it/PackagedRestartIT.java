package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.testsupport.FerryInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged loader ({@code target/quarkus-app/quarkus-run.jar}) killed with SIGKILL while a bulk job is in
 * flight, then started again: open intents are resolved by lookup, parked commands are still parked in PostgreSQL
 * and released when their parent comes, uncommitted offsets are read again. No record is lost or created twice.
 */
class PackagedRestartIT {

    private static final int PATIENTS = 150;

    private PackagedLoaderRig rig;

    @AfterEach
    void stopEverything() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aLoaderKilledMidBulkJobRecoversOnRestartWithoutLossOrDuplicates() throws Exception {
        rig = PackagedLoaderRig.create("restart");
        SandboxAdmin admin = rig.admin;
        // Slow jobs (40 ms per item) leave a wide window in which a job is in flight.
        admin.configure("{\"bulkJobItemDelayMs\":40}");
        String id = rig.id;
        String schema = rig.schema;
        String commands = rig.commands;
        String outcomes = rig.outcomes;
        Map<String, String> props = rig.props;
        props.put("ferry.loader.batch-linger", "PT0.5S");
        props.put("ferry.loader.bulk.poll-interval", "PT0.3S");
        // The killed consumer's membership would otherwise hold its partitions for the default 45 s.
        props.put("kafka.session.timeout.ms", "6000");

        String run = "run-restart-" + id;
        List<LoadCommand> patients = new ArrayList<>();
        for (int i = 1; i <= PATIENTS; i++) {
            patients.add(TestCommands.patient(run, "P-R" + i, null, false));
        }
        // Two patients wait for a clinic that is only sent after the restart.
        List<LoadCommand> waiting = List.of(TestCommands.patient(run, "P-RW1", "C-RW", false),
                TestCommands.patient(run, "P-RW2", "C-RW", false));
        LoadCommand clinic = TestCommands.clinic(run, "C-RW", "Clinic RW " + run);

        try (TestKafka kafka = new TestKafka(FerryInfrastructure.kafkaBootstrapServers())) {
            rig.startLoader();
            kafka.send(commands, waiting);
            kafka.send(commands, patients);

            // Kill it while a bulk job is running: intents are open and the job has not finished.
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() ->
                    rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'") > 0
                            && admin.calls("POST /crm/sales/api/contacts/bulk_upsert") > 0);
            rig.killLoader();
            long openIntents = rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'");
            assertThat(openIntents).as("writes were in flight when it died").isPositive();
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".parked")).as("parked survive in PostgreSQL").isEqualTo(2);

            rig.startLoader();
            kafka.send(commands, List.of(clinic));

            List<LoadCommand> all = new ArrayList<>(patients);
            all.addAll(waiting);
            all.add(clinic);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(outcomes);
                for (LoadCommand c : all) {
                    assertThat(by.getOrDefault(c.commandId(), List.of())).as("outcomes of %s", c.sourceId())
                            .extracting(LoadOutcome::kind).contains(OutcomeKind.CREATED);
                }
            });
            Map<String, Long> perDentesId = new HashMap<>();
            for (ObjectNode r : admin.records("contacts")) {
                perDentesId.merge(r.path("custom_field").path("cf_dentes_id").asText(), 1L, Long::sum);
            }
            for (LoadCommand c : all) {
                if (c.target().path().equals("contacts")) {
                    assertThat(perDentesId.get(c.sourceId())).as("records of %s", c.sourceId()).isEqualTo(1L);
                }
            }
            assertThat(kafka.outcomes(outcomes)).as("the killed job's records were resolved by lookup after the restart")
                    .anyMatch(o -> o.detail() != null && o.detail().contains("earlier attempt landed"));
            assertThat(kafka.outcomes(outcomes)).as("no command failed").noneMatch(o -> o.kind() == OutcomeKind.FAILED);
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'")).isZero();
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".parked")).isZero();
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".outbox")).isZero();
        } catch (AssertionError | RuntimeException e) {
            rig.printLogs();
            throw e;
        }
    }

}
