package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.SampleDiffPage;
import dev.ferry.contracts.FerryJson;
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
 * {@code ferry sample}: a sample run and its field-level diff (issue 11 step 4). Starts a SAMPLE run on the confirmed
 * map (200 to 500 records stratified across treatment types, case stages, owners and appointment types, with the
 * parents their links need), waits until the audit reconciles it (it is loaded into Freshsales for real), asks the
 * mapper what the confirmed map promises each record holds ({@code GET /runs/{id}/promised}) and the loader to read
 * them back and compare ({@code POST /sample-diff}), and writes {@code sample-diff.json} and {@code sample-diff.md}.
 * A later full run updates the sampled records instead of duplicating them.
 *
 * <p>The diff holds patient values: the token needs {@code ferry-operator} (and {@code ferry-viewer} to follow the
 * run); it comes from {@code FERRY_TOKEN} or a file, never from the command line, and is never printed; no value is
 * printed either, only field names and counts.
 *
 * <p>Exit codes, for scripts: 0 every field of every sampled record is equal; 3 some field differs or is missing; 4
 * still running when {@code --timeout} ran out; 1 a service could not be reached or answered an error; 2 a usage
 * error.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Run a sample on the confirmed map, read every mapped field back from Freshsales and write the"
                + " field-level diff (sample-diff.json, sample-diff.md).")
public final class SampleCommand implements Callable<Integer> {

    /** Every field of every sampled record equal. */
    public static final int EQUAL = 0;
    /** Some field differs or is missing. */
    public static final int DIFFERENCES = 3;
    /** Still running when the wait ran out. */
    public static final int STILL_RUNNING = 4;

    static final String LOADER_URL = "http://127.0.0.1:8083";

    @Option(names = "--size", description = "records in the sample, parents included (200 to 500; default: the"
            + " extractor's, 300)")
    Integer size;

    @Option(names = "--map", description = "the confirmed map the sample runs on: 3, v3 or latest (default latest)")
    String map;

    @Option(names = "--run", description = "diff this finished sample run instead of starting one")
    String run;

    @Option(names = "--against", description = "the confirmed map whose promises the records are compared with"
            + " (default: the one the run ran under); e.g. 4 to see what a new map version would change")
    String against;

    @Option(names = "--out", defaultValue = ".", description = "where sample-diff.json and sample-diff.md go (default"
            + " the current folder)")
    Path out;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "how long to wait for the sample run to be"
            + " reconciled (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--url", description = "the extractor service (default: FERRY_EXTRACTOR_URL or "
            + DiscoverCommand.DEFAULT_URL + ")")
    String url;

    @Option(names = "--mapper-url", description = "the mapper service (default: FERRY_MAPPER_URL or "
            + ProposeCommand.DEFAULT_URL + ")")
    String mapperUrl;

    @Option(names = "--loader-url", description = "the loader service (default: FERRY_LOADER_URL or " + LOADER_URL
            + ")")
    String loaderUrl;

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
        if (run != null && (size != null || map != null)) {
            stderr.println("ferry sample: --size and --map start a new sample; --run diffs one that ran: not both");
            return 2;
        }
        String token = Tokens.readOrSay("sample", "a token with roles ferry-operator and ferry-viewer", tokenFile, env,
                stderr);
        if (token == null) {
            return 2;
        }
        String extractor = Tokens.base(url, env, "FERRY_EXTRACTOR_URL", DiscoverCommand.DEFAULT_URL);
        String mapper = Tokens.base(mapperUrl, env, "FERRY_MAPPER_URL", ProposeCommand.DEFAULT_URL);
        String loader = Tokens.base(loaderUrl, env, "FERRY_LOADER_URL", LOADER_URL);
        String audit = Tokens.base(auditUrl, env, "FERRY_AUDIT_URL", AuditLogCommand.DEFAULT_URL);
        JsonHttp http = new JsonHttp(token);
        try {
            String runId = run;
            if (runId == null) {
                ObjectNode body = FerryJson.mapper().createObjectNode().put("mode", "SAMPLE");
                if (size != null) {
                    body.put("size", size);
                }
                if (map != null) {
                    body.put("mapVersion", map);
                }
                runId = http.post(extractor + "/runs", body).path("runId").asText();
                stdout.println("sample " + runId + " started");
            }
            String reconciliation = audit + "/runs/" + encode(runId) + "/reconciliation";
            Instant deadline = Instant.now().plus(timeout);
            long lastUnaccounted = -1;
            while (true) {
                JsonNode rec = readOrNull(http, reconciliation);
                if (rec != null && rec.path("balanced").asBoolean() && rec.path("extractionFinished").asBoolean()) {
                    break;
                }
                if (rec != null && rec.path("unaccounted").asLong(-1) != lastUnaccounted) {
                    lastUnaccounted = rec.path("unaccounted").asLong(-1);
                    stdout.println("  loading the sample: " + lastUnaccounted + " record(s) not accounted for yet");
                }
                if (Instant.now().isAfter(deadline)) {
                    stderr.println("ferry sample: " + runId + " is still running; diff it later with ferry sample"
                            + " --run " + runId);
                    return STILL_RUNNING;
                }
                Thread.sleep(poll.toMillis());
            }
            stdout.println("sample " + runId + " loaded; reading it back from Freshsales");
            JsonNode promised = http.get(mapper + "/runs/" + encode(runId) + "/promised"
                    + (against == null ? "" : "?map=" + encode(against)));
            ObjectNode request = FerryJson.mapper().createObjectNode().put("runId", runId);
            request.set("records", promised.path("records"));
            JsonNode diff = http.post(loader + "/sample-diff", request);
            String mapVersion = promised.path("mapVersion").asText();
            write(diff, SampleDiffPage.render(diff, mapVersion, promised.path("runMapVersion").asText()));
            return summarize(runId, mapVersion, diff);
        } catch (IllegalStateException e) {
            stderr.println("ferry sample: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("ferry sample: cannot write the diff into " + out + " (" + e.getMessage() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void write(JsonNode diff, String page) throws IOException {
        Files.createDirectories(out);
        Files.write(out.resolve("sample-diff.json"), FerryJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(diff));
        Files.writeString(out.resolve("sample-diff.md"), page, StandardCharsets.UTF_8);
    }

    /** Field names and counts only: the values stay in the files. */
    private int summarize(String runId, String mapVersion, JsonNode diff) {
        int records = diff.path("records").size();
        boolean allEqual = true;
        stdout.printf("sample %s against %s: %d record(s) read back; per field: equal, different, missing%n", runId,
                mapVersion, records);
        for (JsonNode f : diff.path("fields")) {
            long different = f.path("different").asLong();
            long missing = f.path("missing").asLong();
            allEqual &= different == 0 && missing == 0;
            if (different > 0 || missing > 0) {
                stdout.printf("  %-18s %-40s %6d %6d %6d%n", f.path("resource").asText(), f.path("field").asText(),
                        f.path("equal").asLong(), different, missing);
            }
        }
        stdout.println(allEqual ? "every mapped field is equal" : "fields differ: see " + out.resolve("sample-diff.md"));
        stdout.println("wrote " + out.resolve("sample-diff.json") + " and " + out.resolve("sample-diff.md")
                + " (they hold patient values)");
        return allEqual ? EQUAL : DIFFERENCES;
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

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
