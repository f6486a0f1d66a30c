package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.AwaitRun;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.Poll;
import dev.ferry.cli.migration.RunPaths;
import dev.ferry.cli.migration.SampleDiffPage;
import dev.ferry.cli.progress.Progress;
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
public final class SampleCommand extends ServiceCommand {

    /** Every field of every sampled record equal. */
    public static final int EQUAL = 0;
    /** Some field differs or is missing. */
    public static final int DIFFERENCES = 3;
    /** Still running when the wait ran out. */
    public static final int STILL_RUNNING = 4;

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

    @Mixin
    ServiceOptions.Extractor extractor = new ServiceOptions.Extractor();

    @Mixin
    ServiceOptions.MapperAndLoaderBeside mapperAndLoader = new ServiceOptions.MapperAndLoaderBeside();

    @Mixin
    ServiceOptions.AuditBeside audit = new ServiceOptions.AuditBeside();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        if (run != null && (size != null || map != null)) {
            note("--size and --map start a new sample; --run diffs one that ran: not both");
            return USAGE;
        }
        String token = token("a token with roles ferry-operator and ferry-viewer");
        if (token == null) {
            return USAGE;
        }
        String mapper = mapperAndLoader.mapper(env);
        String loader = mapperAndLoader.loader(env);
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
                runId = http.post(extractor.base(env) + "/runs", body).path("runId").asText();
                stdout.println("sample " + runId + " started");
            }
            Poll.Outcome<JsonNode> loaded;
            try (Progress bar = progress.open("sample " + runId, stderr)) {
                long[] lastUnaccounted = {-1};
                loaded = AwaitRun.untilBalanced(http, audit.base(env), runId, timeout, poll, rec -> {
                    if (rec == null) {
                        return;
                    }
                    bar.update(AwaitRun.accounted(rec), AwaitRun.expected(rec));
                    long unaccounted = rec.path("unaccounted").asLong(-1);
                    if (!AwaitRun.balanced(rec) && unaccounted != lastUnaccounted[0]) {
                        lastUnaccounted[0] = unaccounted;
                        if (!bar.shown()) {
                            stdout.println("  loading the sample: " + unaccounted
                                    + " record(s) not accounted for yet");
                        }
                    }
                });
            }
            if (loaded.end() == Poll.End.INTERRUPTED) {
                return FAILED;
            }
            if (!loaded.done()) {
                note(runId + " is still running; diff it later with ferry sample --run " + runId);
                return STILL_RUNNING;
            }
            stdout.println("sample " + runId + " loaded; reading it back from Freshsales");
            JsonNode promised = http.get(mapper + RunPaths.runPath(runId) + "/promised"
                    + (against == null ? "" : "?map=" + RunPaths.segment(against)));
            ObjectNode request = FerryJson.mapper().createObjectNode().put("runId", runId);
            request.set("records", promised.path("records"));
            JsonNode diff = http.post(loader + "/sample-diff", request);
            String mapVersion = promised.path("mapVersion").asText();
            write(diff, SampleDiffPage.render(diff, mapVersion, promised.path("runMapVersion").asText()));
            return summarize(runId, mapVersion, diff);
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
        } catch (IOException e) {
            note("cannot write the diff into " + out + " (" + e.getMessage() + ")");
            return FAILED;
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
}
