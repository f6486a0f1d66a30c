package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.JsonHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
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
public final class RollbackCommand implements Callable<Integer> {

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

    @Option(names = "--url", description = "the audit service (default: FERRY_AUDIT_URL or "
            + AuditLogCommand.DEFAULT_URL + ")")
    String url;

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    UnaryOperator<String> env = System::getenv;
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    /** Between two looks at a running rollback. */
    Duration poll = Duration.ofSeconds(2);

    @Override
    public Integer call() {
        String token = Tokens.readOrSay("rollback", "a token with role ferry-operator", tokenFile, env, stderr);
        if (token == null) {
            return 2;
        }
        String base = url != null ? url : orDefault(env.apply("FERRY_AUDIT_URL"), AuditLogCommand.DEFAULT_URL);
        String endpoint = stripSlash(base) + "/runs/" + URLEncoder.encode(run, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/rollback";
        JsonHttp http = new JsonHttp(token);
        try {
            // Source deletes are issued on their own endpoint and followed like a rollback (the same commands).
            String start = sourceDeletes ? endpoint.substring(0, endpoint.length() - "rollback".length())
                    + "source-deletes" : endpoint;
            JsonNode answer = http.post(start + "?dryRun=" + dryRun + "&force=" + force, null);
            if (dryRun) {
                printPlan(answer);
                return DONE;
            }
            Instant deadline = Instant.now().plus(timeout);
            while (!"DONE".equals(answer.path("state").asText())) {
                if (Instant.now().isAfter(deadline)) {
                    stderr.println("ferry rollback: still running at level " + answer.path("level").asInt()
                            + " (" + answer.path("pending").asLong() + " commands without an outcome); run it again"
                            + " to follow it");
                    return STILL_RUNNING;
                }
                Thread.sleep(poll.toMillis());
                answer = http.get(endpoint);
            }
            return printDone(answer);
        } catch (IllegalStateException e) {
            stderr.println("ferry rollback: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void printPlan(JsonNode p) {
        stdout.printf("rollback of %s (dry run%s): delete %d, restore %d, leave alone %d, already rolled back %d;"
                        + " %d Freshsales calls, about %s on the loader's budget%n", run, force ? ", forced" : "",
                p.path("toDelete").asLong(), p.path("toRestore").asLong(), p.path("leftAlone").asLong(),
                p.path("alreadyRolledBack").asLong(), p.path("calls").asLong(),
                human(p.path("etaSeconds").asLong()));
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

    static String human(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds + 59) / 60 + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
