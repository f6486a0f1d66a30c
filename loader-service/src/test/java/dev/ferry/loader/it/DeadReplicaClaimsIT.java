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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression for the bug LoaderCrashIT (cli end-to-end suite) found: parked commands that a replica had claimed for
 * release, and that were waiting in its queue when it was killed with SIGKILL, stayed claimed by the dead instance
 * for the whole claim lease (then 10 minutes). No live replica and not the restarted process (a new instance id)
 * could take them, so their records' latest outcome stayed {@code DEFERRED}. The lease is now 30 s, renewed every
 * 10 s while the process lives: a dead replica's claims pass to the others within one lease.
 *
 * <p>The window is made wide on purpose: a 3 s batch linger keeps released commands in the dead process's queue long
 * enough to kill it while it holds their claims.
 */
class DeadReplicaClaimsIT {

    private PackagedLoaderRig rig;

    @AfterEach
    void stopEverything() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void parkedCommandsClaimedByAKilledReplicaAreTakenOverWithinTheLease() throws Exception {
        rig = PackagedLoaderRig.create("claims");
        String id = rig.id;
        String schema = rig.schema;
        String commands = rig.commands;
        String outcomes = rig.outcomes;
        Map<String, String> props = rig.props;
        props.put("ferry.loader.batch-linger", "PT3S");
        // Deliberately no parking.claim-lease: the default is what this test pins.
        String dead = "loader-dead-" + id;
        props.put("ferry.loader.instance-id", dead);

        String run = "run-claims-" + id;
        LoadCommand clinic = TestCommands.clinic(run, "C-CL", "Clinic CL " + run);
        List<LoadCommand> children = List.of(TestCommands.patient(run, "P-CL1", "C-CL", false),
                TestCommands.patient(run, "P-CL2", "C-CL", false),
                TestCommands.patient(run, "P-CL3", "C-CL", false));

        try (TestKafka kafka = new TestKafka(FerryInfrastructure.kafkaBootstrapServers())) {
            rig.startLoader();
            kafka.send(commands, children);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rig.count("SELECT count(*) FROM " + schema + ".parked") == children.size());

            // The parent lands; the releaser claims the children and queues them behind the 3 s linger: kill then.
            kafka.send(commands, List.of(clinic));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    rig.count("SELECT count(*) FROM " + schema + ".parked WHERE claimed_by = '" + dead + "'")
                            == children.size());
            rig.killLoader();
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE resource = 'clinics' "
                    + "AND state = 'DONE'")).as("the parent landed before the kill").isOne();
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".parked WHERE claimed_by = '" + dead
                    + "' AND claimed_until > now()")).as("the dead process still holds live claims")
                    .isEqualTo(children.size());

            // Its restart is another instance: it must take the dead one's claims over once they lapse.
            props.put("ferry.loader.instance-id", "loader-restarted-" + id);
            props.put("ferry.loader.batch-linger", "PT0.5S");
            rig.startLoader();

            // Bound: the lease (30 s) plus a release interval and a batch; the old 10 min lease fails here.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(outcomes);
                for (LoadCommand c : children) {
                    List<LoadOutcome> seen = by.getOrDefault(c.commandId(), List.of());
                    assertThat(seen).as("outcomes of %s", c.sourceId()).extracting(LoadOutcome::kind)
                            .containsSubsequence(OutcomeKind.DEFERRED, OutcomeKind.CREATED);
                    assertThat(seen.get(seen.size() - 1).kind()).as("latest outcome of %s", c.sourceId())
                            .isEqualTo(OutcomeKind.CREATED);
                }
            });
            Map<String, Long> perDentesId = new HashMap<>();
            for (ObjectNode r : rig.admin.records("contacts")) {
                perDentesId.merge(r.path("custom_field").path("cf_dentes_id").asText(), 1L, Long::sum);
            }
            for (LoadCommand c : children) {
                assertThat(perDentesId.get(c.sourceId())).as("records of %s", c.sourceId()).isEqualTo(1L);
            }
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".parked")).isZero();
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state <> 'DONE'")).isZero();
        } catch (AssertionError | RuntimeException e) {
            rig.printLogs();
            throw e;
        }
    }

}
