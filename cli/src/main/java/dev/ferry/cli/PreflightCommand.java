package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.Preflight;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry preflight}: asks the mapper to check the confirmed map against the Freshsales account now
 * ({@code POST /preflight}) and writes {@code preflight.json}, {@code preflight.md} and {@code field-checklist.csv}
 * (the admin's field-creation checklist). Prints what blocks, each with what to do. {@code --discovery} passes a
 * discovery report so the practice's custom fields, practitioners, attachments and the cost and ETA are checked too.
 * Token (role {@code ferry-operator}) from {@code FERRY_TOKEN} or a file.
 *
 * <p>Exit codes: 0 passed, 3 blocked (the findings say what to do; run it again once done), 1 the mapper refused or
 * is unreachable, 2 bad usage.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = "Check the confirmed map against the Freshsales account (fields, pipeline stages, owners, storage,"
                + " cost and ETA); writes preflight.json/.md and field-checklist.csv. Exit 0 passed, 3 blocked.")
public final class PreflightCommand implements Callable<Integer> {

    static final String DEFAULT_URL = ProposeCommand.DEFAULT_URL;

    @Option(names = "--out", defaultValue = ".", description = "folder for the preflight files (default: the current folder)")
    Path out;

    @Option(names = "--url", description = "the mapper service (default: FERRY_MAPPER_URL or " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    @Option(names = "--discovery", description = "a discovery report (discovery.json): counts, attachments,"
            + " practitioners, custom fields and modules")
    Path discovery;

    @Option(names = "--map", description = "the confirmed map to check: latest (default), 3, v3 or confirmed/v3")
    String map;

    @Option(names = "--calls-per-hour", description = "the Freshsales plan's calls an hour for the ETA (default: the"
            + " mapper's ferry.mapper.preflight.calls-per-hour)")
    Integer callsPerHour;

    UnaryOperator<String> env = System::getenv;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        String token = Tokens.readOrSay("preflight", "role ferry-operator", tokenFile, env, stderr);
        if (token == null) {
            return 2;
        }
        if (callsPerHour != null && callsPerHour <= 0) {
            stderr.println("ferry preflight: --calls-per-hour must be positive");
            return 2;
        }
        JsonNode report = null;
        if (discovery != null) {
            try {
                report = FerryJson.mapper().readTree(discovery.toFile());
            } catch (IOException e) {
                stderr.println("ferry preflight: cannot read --discovery " + discovery + ": " + e.getMessage());
                return 2;
            }
        }
        JsonNode r;
        try {
            r = new Preflight(Tokens.base(url, env, "FERRY_MAPPER_URL", DEFAULT_URL), token)
                    .run(map, report, callsPerHour, out);
        } catch (IllegalStateException | IOException e) {
            stderr.println("ferry preflight: " + e.getMessage());
            return 1;
        }
        boolean passed = r.path("passed").asBoolean(false);
        String checked = r.path("mapVersion").asText("no map");
        stderr.println("ferry preflight: " + r.path("preflightId").asText() + " of " + checked + ": "
                + (passed ? "PASSED" : "BLOCKED by " + r.path("blocking").asInt() + " finding(s)")
                + (r.path("cost").has("summary") ? "; " + r.path("cost").path("summary").asText() : ""));
        for (JsonNode f : r.path("findings")) {
            if (f.path("blocking").asBoolean()) {
                stderr.println("  BLOCKS " + f.path("subject").asText() + ": " + f.path("problem").asText()
                        + "\n         do: " + f.path("action").asText());
            }
        }
        stderr.println("ferry preflight: wrote " + out.toAbsolutePath().resolve(Preflight.PREFLIGHT_MD) + ", "
                + Preflight.PREFLIGHT_JSON + " and " + Preflight.FIELD_CHECKLIST_CSV
                + (passed ? "" : " (do what each finding says, then run ferry preflight again)"));
        return passed ? 0 : 3;
    }
}
