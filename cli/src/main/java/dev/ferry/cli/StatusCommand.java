package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.AwaitRun;
import dev.ferry.cli.progress.Eta;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.ReconciliationTable;
import dev.ferry.cli.migration.RunPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry status --run ID}: where a run stands, once, from the audit service: the reconciliation table
 * ({@code GET /runs/{id}/reconciliation}) and, while records are open, the audit's ETA on the Freshsales budget
 * ({@code GET /runs/{id}/progress}). For a script that started {@code ferry run} or {@code ferry delta} and let it
 * time out. Token role {@code ferry-viewer}.
 *
 * <p>Exit codes: 0 balanced (every published record has exactly one terminal outcome), 4 not balanced yet, 1 the
 * service refused (an unknown run: 404) or could not be reached, 2 a usage error.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Where a run stands: its reconciliation per resource and, while records are open, the ETA on the"
                + " Freshsales budget. Exit 0 balanced, 4 not yet.")
public final class StatusCommand extends ServiceCommand {

    /** Every published record has exactly one terminal outcome. */
    public static final int BALANCED = 0;
    /** Not balanced yet. */
    public static final int RUNNING = 4;

    @Option(names = "--run", required = true, description = "the run id")
    String run;

    @Mixin
    ServiceOptions.Audit audit = new ServiceOptions.Audit();

    @Override
    public Integer call() {
        String token = token("a token with role ferry-viewer");
        if (token == null) {
            return USAGE;
        }
        String base = audit.base(env) + RunPaths.runPath(run);
        JsonHttp http = new JsonHttp(token);
        try {
            JsonNode rec = http.get(base + "/reconciliation");
            stdout.println(ReconciliationTable.render(rec));
            if (AwaitRun.balanced(rec)) {
                stdout.println("run " + run + " is balanced");
                return BALANCED;
            }
            JsonNode p = http.get(base + "/progress");
            stdout.printf("run %s: %d of %d records accounted for, %d open; about %s left at the Freshsales budget%n",
                    run, AwaitRun.accounted(rec), AwaitRun.expected(rec), p.path("pending").asLong(),
                    Eta.human(Math.round(p.path("etaMinutes").asDouble() * 60)));
            return RUNNING;
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
        }
    }
}
