package dev.ferry.loader.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.loader.it.PackagedLoaderRig;
import dev.ferry.loader.it.SandboxAdmin;
import dev.ferry.loader.it.TestCommands;
import dev.ferry.testsupport.FerryInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API calls per record for a 1000-contact load through the packaged loader into the sandbox, per write path.
 * Not part of the test suite (the name matches neither *Test nor *IT); run it with
 * {@code ./mvnw -B -f loader-service/pom.xml verify -Dit.test=CallsPerRecordBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 * after {@code eval "$(bin/ferry infra env)"}. Results go to stdout and {@code target/bench/calls-per-record.md};
 * the numbers measured here are in {@code bench/README.md}.
 */
class CallsPerRecordBench {

    private static final int RECORDS = 1000;

    /** One way of loading. */
    record Variant(String name, Map<String, String> loaderProps, String sandboxPatch, boolean emails) {
    }

    @Test
    void measure() throws Exception {
        List<Variant> variants = List.of(
                new Variant("single upserts (bulk off)", Map.of("ferry.loader.bulk.enabled", "false"), "{}", true),
                new Variant("default config: bulk_upsert, ids from the All Contacts view (contacts with e-mail)", Map.of(), "{}", true),
                new Variant("default config, contacts without e-mail (ids from the view too)", Map.of(), "{}", false),
                new Variant("bulk_upsert, ids from the job report (sandbox bulkJobReportsIds, undocumented)", Map.of(),
                        "{\"bulkJobReportsIds\":true}", true));
        StringBuilder report = new StringBuilder("| write path | records | API calls | calls per record | breakdown |\n"
                + "|---|---|---|---|---|\n");
        for (Variant v : variants) {
            report.append(run(v));
        }
        System.out.println(report);
        Path out = Path.of("target/bench/calls-per-record.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private String run(Variant v) throws Exception {
        try (PackagedLoaderRig rig = PackagedLoaderRig.create("bench", "freshsales-sim.per-minute-limit=100000",
                "freshsales-sim.per-hour-limit=1000000")) {
            SandboxAdmin admin = rig.admin;
            admin.configure(v.sandboxPatch());
            String id = rig.id;
            String commands = rig.commands;
            String outcomes = rig.outcomes;
            Map<String, String> props = rig.props;
            props.putAll(v.loaderProps());
            props.put("ferry.loader.budget.per-minute", "100000");
            props.put("ferry.loader.budget.per-hour", "1000000");
            props.put("ferry.loader.bulk.poll-interval", "PT0.5S");
            List<LoadCommand> cmds = new ArrayList<>();
            String run = "run-bench-" + id;
            for (int i = 1; i <= RECORDS; i++) {
                LoadCommand c = TestCommands.patient(run, "P-B" + i, null, false);
                if (!v.emails()) {
                    c.fields().remove("emails");
                    c.fields().put("mobile_number", String.format("+90555%07d", i));
                }
                cmds.add(c);
            }
            rig.startLoader();
            try (TestKafka kafka = new TestKafka(
                    FerryInfrastructure.kafkaBootstrapServers())) {
                admin.clearSummary();
                kafka.send(commands, cmds);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        kafka.outcomes(outcomes).stream().filter(o -> o.kind() == OutcomeKind.CREATED).count() == RECORDS);
                assertThat(kafka.outcomes(outcomes)).noneMatch(o -> o.kind() == OutcomeKind.FAILED);
                assertThat(admin.records("contacts")).hasSize(RECORDS);
                JsonNode summary = admin.summary();
                long total = summary.path("total").asLong();
                StringBuilder row = new StringBuilder();
                row.append("| ").append(v.name()).append(" | ").append(RECORDS).append(" | ").append(total).append(" | ")
                        .append(String.format("%.3f", (double) total / RECORDS)).append(" | ").append(breakdown(summary))
                        .append(" |\n");
                if (v.loaderProps().isEmpty() && v.emails() && v.sandboxPatch().equals("{}")) {
                    // The same 1000 commands again: every one UNCHANGED, no call at all.
                    admin.clearSummary();
                    kafka.send(commands, cmds);
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                            kafka.outcomes(outcomes).stream().filter(o -> o.kind() == OutcomeKind.UNCHANGED).count() == RECORDS);
                    long replay = admin.summary().path("total").asLong();
                    row.append("| replay of the same commands (UNCHANGED) | ").append(RECORDS).append(" | ").append(replay)
                            .append(" | ").append(String.format("%.3f", (double) replay / RECORDS)).append(" | - |\n");
                }
                return row.toString();
            }
        }
    }

    private static String breakdown(JsonNode summary) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("byEndpoint").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey().replace("/crm/sales/api", "") + " " + e.getValue().path("total").asLong());
        }
        return String.join(", ", parts);
    }

    static long created(List<LoadOutcome> os) {
        return os.stream().filter(o -> o.kind() == OutcomeKind.CREATED).count();
    }
}
