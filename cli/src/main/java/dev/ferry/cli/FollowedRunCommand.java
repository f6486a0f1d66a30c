package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.AwaitRun;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.migration.Poll;
import dev.ferry.cli.migration.RunPaths;
import dev.ferry.cli.progress.Progress;
import dev.ferry.contracts.FerryJson;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that starts a run on the extractor ({@code POST /runs}) and follows its reconciliation on the audit service
 * until it balances ({@code ferry run}, {@code ferry delta}): a progress bar with an ETA at a terminal, then per resource
 * what the run read, created, updated, left unchanged, rejected and failed.
 */
abstract class FollowedRunCommand extends ServiceCommand {

    /** Balanced, nothing failed. */
    static final int RUN_DONE = 0;
    /** Balanced, but Freshsales refused some records: a delta retries them once the cause is fixed. */
    static final int RUN_FAILURES = 3;
    /** Still running when the wait ran out. */
    static final int RUN_STILL_RUNNING = 4;

    @Option(names = "--resources", split = ",", description = "the resources to cover (default: all of them)")
    List<String> resources;

    @Mixin
    ServiceOptions.Extractor extractor = new ServiceOptions.Extractor();

    @Mixin
    ServiceOptions.AuditBeside audit = new ServiceOptions.AuditBeside();

    @Mixin
    ProgressOption progress = new ProgressOption();

    /** The run's mode: {@code FULL} or {@code DELTA}. */
    abstract String mode();

    /** How long to wait for the run to balance. */
    abstract Duration timeout();

    /** What else the start request carries (the confirmed map to run on); nothing by default. */
    void describe(ObjectNode request) {
    }

    @Override
    public final Integer call() {
        String token = token("a token with roles ferry-operator and ferry-viewer");
        if (token == null) {
            return USAGE;
        }
        ObjectNode body = FerryJson.mapper().createObjectNode().put("mode", mode());
        ArrayNode list = body.putArray("resources");
        (resources == null || resources.isEmpty() ? MigrationDriver.ALL_RESOURCES : resources).forEach(list::add);
        describe(body);
        JsonHttp http = new JsonHttp(token);
        try {
            String runId = http.post(extractor.base(env) + "/runs", body).path("runId").asText();
            stdout.println(verb() + " " + runId + " started");
            Poll.Outcome<JsonNode> end;
            try (Progress bar = progress.open(verb() + " " + runId, stderr)) {
                end = AwaitRun.untilBalanced(http, audit.base(env), runId, timeout(), poll, rec -> {
                    if (rec != null) {
                        bar.update(AwaitRun.accounted(rec), AwaitRun.expected(rec));
                    }
                });
            }
            if (end.done()) {
                return printDone(runId, end.last());
            }
            if (end.end() == Poll.End.INTERRUPTED) {
                return FAILED;
            }
            JsonNode rec = end.last();
            note(runId + " is still running"
                    + (rec == null ? "" : " (" + rec.path("unaccounted").asLong() + " records unaccounted)")
                    + "; follow it with ferry status --run " + runId + " or GET " + audit.base(env)
                    + RunPaths.runPath(runId) + "/reconciliation");
            return RUN_STILL_RUNNING;
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
        }
    }

    private int printDone(String runId, JsonNode rec) {
        long failed = 0;
        stdout.printf("%s %s reconciled: resource, read, created, updated, unchanged, rejected, failed%n", verb(),
                runId);
        for (JsonNode r : rec.path("resources")) {
            failed += r.path("failed").asLong();
            stdout.printf("  %-22s %6d %6d %6d %6d %6d %6d%n", r.path("resource").asText(),
                    r.path("manifestCount").asLong(), r.path("created").asLong(), r.path("updated").asLong(),
                    r.path("unchanged").asLong(), r.path("rejected").asLong(), r.path("failed").asLong());
        }
        if (failed > 0) {
            stdout.println(failed + " record(s) failed in Freshsales; the next delta retries them");
            return RUN_FAILURES;
        }
        return RUN_DONE;
    }
}
