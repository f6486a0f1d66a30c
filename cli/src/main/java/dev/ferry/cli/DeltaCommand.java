package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.AwaitRun;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.Poll;
import dev.ferry.cli.migration.RunPaths;
import dev.ferry.cli.progress.Progress;
import dev.ferry.contracts.FerryJson;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry delta}: starts a delta run on the extractor (issue 12: what changed in Dr.DENTES since the last run's
 * watermark, soft-deleted records included, plus every record whose last outcome was not a success) and waits until the
 * audit service reconciles it. Repeatable through the cutover window; a delta without source changes writes nothing.
 * The token (roles {@code ferry-operator} to start, {@code ferry-viewer} to follow) comes from {@code FERRY_TOKEN} or a
 * file, never from the command line, and is never printed.
 *
 * <p>Exit codes, for scripts: 0 the delta balanced and no record failed in Freshsales; 3 it balanced but Freshsales
 * refused some records (the next delta retries them); 4 still running when {@code --timeout} ran out; 1 a service could
 * not be reached or answered an error; 2 a usage error.
 */
@Command(name = "delta", mixinStandardHelpOptions = true,
        description = "Carry over what changed in Dr.DENTES since the last run (and retry what did not succeed); waits"
                + " until the run is reconciled.")
public final class DeltaCommand extends ServiceCommand {

    /** Balanced, nothing failed. */
    public static final int DONE = 0;
    /** Balanced, but Freshsales refused some records: run the delta again once the cause is fixed. */
    public static final int FAILURES = 3;
    /** Still running when the wait ran out. */
    public static final int STILL_RUNNING = 4;

    /** What a delta covers when the operator names nothing: every resource the full run migrates. */
    static final List<String> ALL = List.of("practitioners", "clinics", "patients", "products", "treatment-cases",
            "billing-records", "custom-modules", "custom-module-records", "appointments", "recalls", "clinical-notes",
            "workflows", "integrations");

    @Option(names = "--resources", split = ",", description = "the resources to cover (default: all of them)")
    List<String> resources;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "how long to wait for the delta to be"
            + " reconciled (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ServiceOptions.Extractor extractor = new ServiceOptions.Extractor();

    @Mixin
    ServiceOptions.AuditBeside audit = new ServiceOptions.AuditBeside();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        String token = token("a token with roles ferry-operator and ferry-viewer");
        if (token == null) {
            return USAGE;
        }
        ObjectNode body = FerryJson.mapper().createObjectNode().put("mode", "DELTA");
        ArrayNode list = body.putArray("resources");
        (resources == null || resources.isEmpty() ? ALL : resources).forEach(list::add);
        JsonHttp http = new JsonHttp(token);
        try {
            String runId = http.post(extractor.base(env) + "/runs", body).path("runId").asText();
            stdout.println("delta " + runId + " started");
            Poll.Outcome<JsonNode> end;
            try (Progress bar = progress.open("delta " + runId, stderr)) {
                end = AwaitRun.untilBalanced(http, audit.base(env), runId, timeout, poll, rec -> {
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
                    + "; follow it with GET " + audit.base(env) + RunPaths.runPath(runId) + "/reconciliation");
            return STILL_RUNNING;
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
        }
    }

    private int printDone(String runId, JsonNode rec) {
        long failed = 0;
        stdout.printf("delta %s reconciled: resource, read, created, updated, unchanged, rejected, failed%n", runId);
        for (JsonNode r : rec.path("resources")) {
            failed += r.path("failed").asLong();
            stdout.printf("  %-22s %6d %6d %6d %6d %6d %6d%n", r.path("resource").asText(),
                    r.path("manifestCount").asLong(), r.path("created").asLong(), r.path("updated").asLong(),
                    r.path("unchanged").asLong(), r.path("rejected").asLong(), r.path("failed").asLong());
        }
        if (failed > 0) {
            stdout.println(failed + " record(s) failed in Freshsales; the next delta retries them");
            return FAILURES;
        }
        return DONE;
    }
}
