package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.Preflight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
public final class PreflightCommand extends ServiceCommand {

    /** Nothing blocks: the full run may start. */
    public static final int PASSED = 0;
    /** Some finding blocks; each says what to do. */
    public static final int BLOCKED = 3;

    @Option(names = "--out", defaultValue = ".", description = "folder for the preflight files (default: the current folder)")
    Path out;

    @Mixin
    ServiceOptions.Mapper mapper = new ServiceOptions.Mapper();

    @Mixin
    DiscoveryOption discovery = new DiscoveryOption();

    @Option(names = "--map", description = "the confirmed map to check: latest (default), 3, v3 or confirmed/v3")
    String map;

    @Option(names = "--calls-per-hour", description = "the Freshsales plan's calls an hour for the ETA (default: the"
            + " mapper's ferry.mapper.preflight.calls-per-hour)")
    Integer callsPerHour;

    @Override
    public Integer call() {
        String token = token("role ferry-operator");
        if (token == null) {
            return USAGE;
        }
        if (callsPerHour != null && callsPerHour <= 0) {
            note("--calls-per-hour must be positive");
            return USAGE;
        }
        JsonNode report;
        try {
            report = discovery.readOrNull();
        } catch (UncheckedIOException e) {
            note(e.getMessage());
            return USAGE;
        }
        JsonNode r;
        try {
            r = new Preflight(mapper.base(env), token).run(map, report, callsPerHour, out);
        } catch (IllegalStateException | IOException e) {
            note(e.getMessage());
            return FAILED;
        }
        boolean passed = r.path("passed").asBoolean(false);
        String checked = r.path("mapVersion").asText("no map");
        note(r.path("preflightId").asText() + " of " + checked + ": "
                + (passed ? "PASSED" : "BLOCKED by " + r.path("blocking").asInt() + " finding(s)")
                + (r.path("cost").has("summary") ? "; " + r.path("cost").path("summary").asText() : ""));
        for (JsonNode f : r.path("findings")) {
            if (f.path("blocking").asBoolean()) {
                stderr.println("  BLOCKS " + f.path("subject").asText() + ": " + f.path("problem").asText()
                        + "\n         do: " + f.path("action").asText());
            }
        }
        note("wrote " + out.toAbsolutePath().resolve(Preflight.PREFLIGHT_MD) + ", "
                + Preflight.PREFLIGHT_JSON + " and " + Preflight.FIELD_CHECKLIST_CSV
                + (passed ? "" : " (do what each finding says, then run ferry preflight again)"));
        return passed ? PASSED : BLOCKED;
    }
}
