package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.Poll;
import dev.ferry.cli.migration.RunPaths;
import dev.ferry.cli.progress.Eta;
import dev.ferry.cli.progress.Progress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry rollback}: rolls a run back through the audit service (issue 12), or with {@code --dry-run} shows what
 * it would delete, restore and leave alone, and its cost. The token (role {@code ferry-operator}) comes from
 * {@code FERRY_TOKEN} or a file, never from the command line, and is never printed.
 *
 * <p>Exit codes, for scripts: 0 the run is rolled back entirely (a dry run: planned); 3 the rollback ended but left
 * records alone for drift or the target refused some (listed); 4 still running when {@code --timeout} ran out; 1 the
 * service could not be reached or answered an error; 2 a usage error.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll a run back: delete what it created, restore what it updated, leave records people changed"
                + " since (drift) alone unless --force. --dry-run only plans.")
public final class RollbackCommand extends ServiceCommand {

    /** Every record rolled back (or, dry run, planned). */
    public static final int DONE = 0;
    /** The rollback ended with records left alone for drift, or refused by Freshsales. */
    public static final int LEFT_ALONE = 3;
    /** Still running when the wait ran out; run the verb again to follow it (it resumes, it does not start over). */
    public static final int STILL_RUNNING = 4;

    @Option(names = "--run", required = true, description = "the run id")
    String run;

    @Option(names = "--dry-run", description = "plan only: what would be deleted, restored and left alone, the calls"
            + " and the ETA; nothing is sent")
    boolean dryRun;

    @Option(names = "--force", description = "roll back records with drift (changed in Freshsales since Ferry wrote"
            + " them) too")
    boolean force;

    @Option(names = "--source-deletes", description = "instead of undoing the run: delete in Freshsales the records"
            + " the run (a delta) flagged REJECTED record.deleted, i.e. deleted in Dr.DENTES after an earlier run"
            + " migrated them; children first, same drift check, --dry-run and --force")
    boolean sourceDeletes;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "how long to wait for the rollback to end"
            + " (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ServiceOptions.Audit audit = new ServiceOptions.Audit();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        String token = token("a token with role ferry-operator");
        if (token == null) {
            return USAGE;
        }
        String endpoint = audit.base(env) + RunPaths.runPath(run) + "/rollback";
        // Source deletes are issued on their own endpoint and followed like a rollback (the same commands).
        String start = sourceDeletes ? audit.base(env) + RunPaths.runPath(run) + "/source-deletes" : endpoint;
        JsonHttp http = new JsonHttp(token);
        try {
            JsonNode answer = http.post(start + "?dryRun=" + dryRun + "&force=" + force, null);
            if (dryRun) {
                printPlan(answer);
                return DONE;
            }
            // The plan's size as the start answered it: the state's counts grow level by level as commands are issued.
            long planned = issued(answer);
            // The start answered the first state; later ones are read from the rollback's own resource.
            AtomicReference<JsonNode> first = new AtomicReference<>(answer);
            Supplier<JsonNode> states = () -> {
                JsonNode a = first.getAndSet(null);
                return a != null ? a : http.get(endpoint);
            };
            Poll.Outcome<JsonNode> end;
            try (Progress bar = progress.open("rollback " + run, stderr)) {
                end = Poll.until(states, s -> bar.update(settled(s), Math.max(planned, issued(s))),
                        s -> "DONE".equals(s.path("state").asText()), Poll.after(timeout), poll);
            }
            if (end.done()) {
                return printDone(end.last());
            }
            if (end.end() == Poll.End.INTERRUPTED) {
                return FAILED;
            }
            note("still running at level " + end.last().path("level").asInt() + " ("
                    + end.last().path("pending").asLong() + " commands without an outcome); run it again to follow it");
            return STILL_RUNNING;
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
        }
    }

    /** Records the state's commands delete or restore (issued so far). */
    private static long issued(JsonNode state) {
        return state.path("toDelete").asLong() + state.path("toRestore").asLong();
    }

    /** Records with an outcome: deleted, restored, left alone for drift, or refused. */
    static long settled(JsonNode state) {
        return state.path("deleted").asLong() + state.path("restored").asLong() + state.path("skipped").asLong()
                + state.path("failed").asLong();
    }

    private void printPlan(JsonNode p) {
        stdout.printf("rollback of %s (dry run%s): delete %d, restore %d, leave alone %d, already rolled back %d;"
                        + " %d Freshsales calls, about %s on the loader's budget%n", run, force ? ", forced" : "",
                p.path("toDelete").asLong(), p.path("toRestore").asLong(), p.path("leftAlone").asLong(),
                p.path("alreadyRolledBack").asLong(), p.path("calls").asLong(),
                Eta.human(p.path("etaSeconds").asLong()));
        for (JsonNode r : p.path("records")) {
            stdout.printf("  %-7s %s/%s#%d %s %s%s%n", r.path("action").asText(), r.path("resource").asText(),
                    r.path("sourceId").asText(), r.path("part").asInt(), r.path("target").asText(),
                    r.path("freshsalesId").isNumber() ? r.path("freshsalesId").asText() : "-",
                    r.path("detail").isTextual() ? " (" + r.path("detail").asText() + ")" : "");
        }
    }

    private int printDone(JsonNode s) {
        long skipped = s.path("skipped").asLong();
        long failed = s.path("failed").asLong();
        stdout.printf("rollback of %s done: %d deleted, %d restored, %d left alone (drift), %d failed%n", run,
                s.path("deleted").asLong(), s.path("restored").asLong(), skipped, failed);
        for (JsonNode r : s.path("records")) {
            String outcome = r.path("outcome").asText("");
            if (outcome.equals("SKIPPED") || outcome.equals("FAILED")) {
                stdout.printf("  %-7s %s/%s#%d %s %s: %s%n", outcome, r.path("resource").asText(),
                        r.path("sourceId").asText(), r.path("part").asInt(), r.path("target").asText(),
                        r.path("freshsalesId").asText(), r.path("detail").asText(""));
            }
        }
        return skipped + failed > 0 ? LEFT_ALONE : DONE;
    }

}
