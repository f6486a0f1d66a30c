package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.contracts.FerryJson;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
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
public final class DeltaCommand implements Callable<Integer> {

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

    @Option(names = "--url", description = "the extractor service (default: FERRY_EXTRACTOR_URL or "
            + DiscoverCommand.DEFAULT_URL + ")")
    String url;

    @Option(names = "--audit-url", description = "the audit service (default: FERRY_AUDIT_URL or "
            + AuditLogCommand.DEFAULT_URL + ")")
    String auditUrl;

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    UnaryOperator<String> env = System::getenv;
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    /** Between two looks at the reconciliation. */
    Duration poll = Duration.ofSeconds(2);

    @Override
    public Integer call() {
        String token = Tokens.readOrSay("delta", "a token with roles ferry-operator and ferry-viewer", tokenFile, env,
                stderr);
        if (token == null) {
            return 2;
        }
        String extractor = base(url, "FERRY_EXTRACTOR_URL", DiscoverCommand.DEFAULT_URL);
        String audit = base(auditUrl, "FERRY_AUDIT_URL", AuditLogCommand.DEFAULT_URL);
        ObjectNode body = FerryJson.mapper().createObjectNode().put("mode", "DELTA");
        ArrayNode list = body.putArray("resources");
        (resources == null || resources.isEmpty() ? ALL : resources).forEach(list::add);
        JsonHttp http = new JsonHttp(token);
        try {
            String runId = http.post(extractor + "/runs", body).path("runId").asText();
            stdout.println("delta " + runId + " started");
            String reconciliation = audit + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/reconciliation";
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                JsonNode rec = readOrNull(http, reconciliation);
                if (rec != null && rec.path("balanced").asBoolean() && rec.path("extractionFinished").asBoolean()) {
                    return printDone(runId, rec);
                }
                if (Instant.now().isAfter(deadline)) {
                    stderr.println("ferry delta: " + runId + " is still running"
                            + (rec == null ? "" : " (" + rec.path("unaccounted").asLong() + " records unaccounted)")
                            + "; follow it with GET " + reconciliation);
                    return STILL_RUNNING;
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (IllegalStateException e) {
            stderr.println("ferry delta: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The audit may not have heard of the run yet: that is not an error while it starts. */
    private static JsonNode readOrNull(JsonHttp http, String url) {
        try {
            return http.get(url);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains("answered 404")) {
                return null;
            }
            throw e;
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

    private String base(String given, String variable, String fallback) {
        String value = given != null ? given : env.apply(variable);
        value = value == null || value.isBlank() ? fallback : value;
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
