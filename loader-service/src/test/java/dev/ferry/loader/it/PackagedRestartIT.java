package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged loader ({@code target/quarkus-app/quarkus-run.jar}) killed with SIGKILL while a bulk job is in
 * flight, then started again: open intents are resolved by lookup, parked commands are still parked in PostgreSQL
 * and released when their parent comes, uncommitted offsets are read again. No record is lost or created twice.
 */
class PackagedRestartIT {

    private static final int PATIENTS = 150;

    private FreshsalesSandboxProcess sandbox;
    private LoaderProcess loader;
    private String schema;
    private final List<Path> logs = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        if (loader != null) {
            loader.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (schema != null) {
            FerryInfrastructure.dropSchema(schema);
        }
    }

    @Test
    void aLoaderKilledMidBulkJobRecoversOnRestartWithoutLossOrDuplicates() throws Exception {
        // Slow jobs (40 ms per item) leave a wide window in which a job is in flight.
        sandbox = FreshsalesSandboxProcess.start();
        SandboxAdmin admin = new SandboxAdmin(sandbox.apiBaseUrl());
        admin.configure("{\"bulkJobItemDelayMs\":40}");
        String id = UUID.randomUUID().toString().substring(0, 8);
        schema = "loader_restart_" + id;
        FerryInfrastructure.createSchema(schema);
        String commands = "loader-it-" + id + ".commands";
        String outcomes = "loader-it-" + id + ".outcomes";
        FerryInfrastructure.createTopics(3, commands, outcomes, "loader-it-" + id + ".poison");
        Map<String, String> props = new HashMap<>();
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        props.put("kafka.bootstrap.servers", FerryInfrastructure.kafkaBootstrapServers());
        props.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
        props.put("quarkus.datasource.username", pg.user());
        props.put("quarkus.datasource.password", pg.password());
        props.put("quarkus.flyway.schemas", schema);
        props.put("ferry.loader.freshsales.base-url", sandbox.apiBaseUrl());
        props.put("ferry.loader.freshsales.account", "restart-" + id);
        props.put("ferry.loader.consumer.commands-topic", commands);
        props.put("ferry.loader.consumer.outcomes-topic", outcomes);
        props.put("ferry.loader.consumer.poison-topic", "loader-it-" + id + ".poison");
        props.put("ferry.loader.consumer.group-id", "loader-it-" + id);
        props.put("ferry.loader.batch-linger", "PT0.5S");
        props.put("ferry.loader.bulk.poll-interval", "PT0.3S");
        props.put("quarkus.http.port", Integer.toString(FreshsalesSandboxProcess.freePort()));
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

        try (KafkaTestIO kafka = new KafkaTestIO(FerryInfrastructure.kafkaBootstrapServers())) {
            loader = LoaderProcess.start(props);
            logs.add(loader.log());
            kafka.send(commands, waiting);
            kafka.send(commands, patients);

            // Kill it while a bulk job is running: intents are open and the job has not finished.
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() ->
                    count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'") > 0
                            && admin.calls("POST /crm/sales/api/contacts/bulk_upsert") > 0);
            loader.kill();
            long openIntents = count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'");
            assertThat(openIntents).as("writes were in flight when it died").isPositive();
            assertThat(count("SELECT count(*) FROM " + schema + ".parked")).as("parked survive in PostgreSQL").isEqualTo(2);

            loader = LoaderProcess.start(props);
            logs.add(loader.log());
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
            assertThat(count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'")).isZero();
            assertThat(count("SELECT count(*) FROM " + schema + ".parked")).isZero();
            assertThat(count("SELECT count(*) FROM " + schema + ".outbox")).isZero();
        } catch (AssertionError | RuntimeException e) {
            logs.forEach(l -> System.err.println("loader log: " + l));
            throw e;
        }
    }

    private long count(String sql) throws SQLException {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
