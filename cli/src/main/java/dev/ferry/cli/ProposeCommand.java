package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.MapLifecycle;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry propose}: asks the mapper for a field map proposal ({@code POST /mapping/proposals}) against the
 * Freshsales field catalogue and writes it as {@code proposal.json}, {@code proposal.yaml}, {@code proposal.md} and
 * {@code map.yaml} (the map to edit, then confirm with {@code ferry confirm --file map.yaml}). {@code --discovery}
 * passes a discovery report ({@code ferry discover}'s {@code discovery.json}) so the practice's custom-field keys and
 * custom modules are proposed too. Token (role {@code ferry-operator}) from {@code FERRY_TOKEN} or a file.
 *
 * <p>Exit codes: 0 written, 1 the mapper refused or is unreachable, 2 bad usage.
 */
@Command(name = "propose", mixinStandardHelpOptions = true,
        description = "Propose the field map against the Freshsales field catalogue (confidence and reason per field);"
                + " writes proposal.json/.yaml/.md and map.yaml, the map to edit and confirm.")
public final class ProposeCommand implements Callable<Integer> {

    static final String DEFAULT_URL = "http://127.0.0.1:8082";

    @Option(names = "--out", defaultValue = ".", description = "folder for the proposal files (default: the current folder)")
    Path out;

    @Option(names = "--url", description = "the mapper service (default: FERRY_MAPPER_URL or " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    @Option(names = "--discovery", description = "a discovery report (discovery.json): its custom fields and modules"
            + " are proposed too")
    Path discovery;

    UnaryOperator<String> env = System::getenv;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        String token = Tokens.readOrSay("propose", "role ferry-operator", tokenFile, env, stderr);
        if (token == null) {
            return 2;
        }
        JsonNode report = null;
        if (discovery != null) {
            try {
                report = FerryJson.mapper().readTree(discovery.toFile());
            } catch (IOException e) {
                stderr.println("ferry propose: cannot read --discovery " + discovery + ": " + e.getMessage());
                return 2;
            }
        }
        try {
            JsonNode p = new MapLifecycle(Tokens.base(url, env, "FERRY_MAPPER_URL", DEFAULT_URL), token).propose(report, out);
            JsonNode s = p.path("summary");
            stderr.println("ferry propose: proposal " + p.path("proposalId").asText() + ": " + s.path("fields").asInt()
                    + " fields, " + s.path("existing").asInt() + " to existing fields, " + s.path("create").asInt()
                    + " new custom fields, " + s.path("review").asInt() + " to check");
            stderr.println("ferry propose: wrote " + out.toAbsolutePath().resolve(MapLifecycle.MAP_YAML)
                    + " (edit, then: ferry confirm --file " + MapLifecycle.MAP_YAML + ") and proposal.json/.yaml/.md");
            return 0;
        } catch (IllegalStateException | IOException e) {
            stderr.println("ferry propose: " + e.getMessage());
            return 1;
        }
    }
}
