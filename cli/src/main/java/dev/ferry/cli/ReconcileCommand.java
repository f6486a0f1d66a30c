package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.RunPaths;
import dev.ferry.cli.migration.ReconcileMarkdown;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry reconcile}: issue 12's reconciliation of a run through the audit service, three layers: counts, ids
 * (missing and surplus), and Freshsales read back by the loader (missing, duplicated, drifted, orphaned, surplus
 * records). Writes {@code reconcile.json} and {@code reconcile.md}; neither holds a patient value (ids, field names,
 * reasons). The token (role {@code ferry-operator} or {@code ferry-auditor}) comes from {@code FERRY_TOKEN} or a
 * file, never from the command line, and is never printed.
 *
 * <p>Exit codes, for scripts: 0 clean; 3 findings (listed); 1 the service could not be reached, answered an error, or
 * could not read Freshsales back (the files are still written when it answered); 2 a usage error.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Reconcile a run: counts, ids (missing and surplus), and Freshsales read back (missing, duplicated,"
                + " drifted, orphaned and surplus records). Writes reconcile.json and reconcile.md.")
public final class ReconcileCommand extends ServiceCommand {

    /** Every layer clean. */
    public static final int CLEAN = 0;
    /** Something was found; reconcile.md lists it. */
    public static final int FINDINGS = 3;

    @Option(names = "--run", required = true, description = "the run id")
    String run;

    @Option(names = "--out", defaultValue = ".", description = "where to write reconcile.json and reconcile.md"
            + " (default: the current directory)")
    Path out;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "how long the read-back may take"
            + " (ISO-8601, default ${DEFAULT-VALUE}; it reads every record of the run on the loader's budget)")
    Duration timeout;

    @Mixin
    ServiceOptions.Audit audit = new ServiceOptions.Audit();

    @Override
    public Integer call() {
        String token = token("a token with role ferry-operator or ferry-auditor");
        if (token == null) {
            return USAGE;
        }
        String endpoint = audit.base(env) + RunPaths.runPath(run) + "/reconcile";
        JsonNode report;
        try {
            report = new JsonHttp(token).post(endpoint, null, timeout);
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
        }
        try {
            write(out, report);
        } catch (IOException e) {
            note("cannot write to " + out + ": " + e.getMessage());
            return FAILED;
        }
        stdout.println(ReconcileMarkdown.summary(report));
        stdout.println("written: " + out.resolve("reconcile.json") + ", " + out.resolve("reconcile.md"));
        if (report.hasNonNull("targetUnavailable")) {
            note("Freshsales was not read back: " + report.get("targetUnavailable").asText());
            return FAILED;
        }
        return report.path("clean").asBoolean(false) ? CLEAN : FINDINGS;
    }

    /** Writes reconcile.json and reconcile.md into {@code dir} (also what the demo writes to its output). */
    public static void write(Path dir, JsonNode report) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("reconcile.json"),
                FerryJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        Files.writeString(dir.resolve("reconcile.md"), ReconcileMarkdown.render(report), StandardCharsets.UTF_8);
    }
}
