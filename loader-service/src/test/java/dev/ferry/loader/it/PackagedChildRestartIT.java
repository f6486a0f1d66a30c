package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's write path under its two faults at once, per object type: the packaged loader writes sales activities,
 * tasks and notes while 20 % of create answers are lost after the sandbox committed, and is killed with SIGKILL while
 * creates are in flight; restarted, it resolves every open intent in the parents' listings. Every record exists
 * exactly once.
 */
class PackagedChildRestartIT {

    private static final int PATIENTS = 5;
    private static final int PER_PATIENT = 6;

    private PackagedLoaderRig rig;

    @AfterEach
    void stopEverything() {
        if (rig != null) {
            rig.close();
        }
    }

    private static String marker(LoadCommand c) {
        return c.target().path() + "|" + c.identifier().values().iterator().next();
    }

    @Test
    void aLoaderKilledWhileCreatingChildrenWithLostAnswersRecoversWithoutDuplicates() throws Exception {
        rig = PackagedLoaderRig.create("childrestart");
        SandboxAdmin admin = rig.admin;
        String schema = rig.schema;
        rig.props.put("ferry.loader.batch-linger", "PT0.3S");
        rig.props.put("kafka.session.timeout.ms", "6000");
        String run = "run-child-restart-" + rig.id;
        List<LoadCommand> patients = new ArrayList<>();
        List<LoadCommand> children = new ArrayList<>();
        for (int p = 1; p <= PATIENTS; p++) {
            String patient = "P-K" + p;
            patients.add(TestCommands.patient(run, patient, null, false));
            for (int i = 1; i <= PER_PATIENT; i++) {
                String n = p + "-" + i;
                children.add(TestCommands.appointment(run, "A-K" + n, patient));
                children.add(TestCommands.recall(run, "R-K" + n, patient));
                children.add(TestCommands.note(run, "N-K" + n, patient, i % 3));
            }
        }
        try (TestKafka kafka = new TestKafka(FerryInfrastructure.kafkaBootstrapServers())) {
            rig.startLoader();
            kafka.send(rig.commands, patients);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(rig.outcomes);
                patients.forEach(c -> assertThat(by.getOrDefault(c.commandId(), List.of()))
                        .extracting(LoadOutcome::kind).contains(OutcomeKind.CREATED));
            });
            // Slow answers keep creates in flight; a fifth of them are lost after the sandbox committed.
            admin.configure("{\"faults\":{\"latencyMs\":120,\"dropResponseAfterCommitRate\":0.2,\"seed\":2026}}");
            kafka.send(rig.commands, children);

            // The kill must land while a create is in flight. Seeing an open intent and killing are two steps, and on
            // a loaded machine the intent could settle in between (CI saw 0 once): then the loader is started again
            // and killed at the next open intent, a few times at most.
            long inFlight = 0;
            for (int attempt = 1; attempt <= 5 && inFlight == 0; attempt++) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                        rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT' AND target IN"
                                + " ('sales_activities', 'tasks', 'notes')") > 0
                                && rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'DONE' AND"
                                + " target IN ('sales_activities', 'tasks', 'notes')") > 3);
                rig.killLoader();
                inFlight = rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'");
                if (inFlight == 0) {
                    rig.startLoader();
                }
            }
            assertThat(inFlight).as("creates were in flight when it died").isPositive();

            rig.startLoader();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(rig.outcomes);
                for (LoadCommand c : children) {
                    assertThat(by.getOrDefault(c.commandId(), List.of())).as("outcomes of %s#%d", c.sourceId(), c.part())
                            .extracting(LoadOutcome::kind).contains(OutcomeKind.CREATED);
                }
            });
            assertThat(admin.summary().path("faults").path("dropped").asLong()).as("answers were lost").isPositive();
            Map<String, Long> copies = new HashMap<>();
            for (String module : List.of("sales_activities", "tasks", "notes")) {
                for (ObjectNode r : admin.records(module)) {
                    String value = module.equals("notes")
                            ? r.path("description").asText().split("\n", 2)[0]
                            : r.path("custom_field").path("cf_dentes_id").asText();
                    copies.merge(module + "|" + value, 1L, Long::sum);
                }
            }
            for (LoadCommand c : children) {
                assertThat(copies.get(marker(c))).as("records of %s %s#%d", c.target().path(), c.sourceId(), c.part())
                        .isEqualTo(1L);
            }
            assertThat(copies).as("nothing but the children was written").hasSize(children.size());
            assertThat(kafka.outcomes(rig.outcomes)).as("no command failed").noneMatch(o -> o.kind() == OutcomeKind.FAILED);
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'")).isZero();
            assertThat(children).extracting(LoadCommand::target).contains(FreshsalesTarget.SALES_ACTIVITY,
                    FreshsalesTarget.TASK, FreshsalesTarget.NOTE);
        } catch (AssertionError | RuntimeException e) {
            rig.printLogs();
            throw e;
        }
    }
}
