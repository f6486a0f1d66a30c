package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.MapLifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
public final class ProposeCommand extends ServiceCommand {

    @Option(names = "--out", defaultValue = ".", description = "folder for the proposal files (default: the current folder)")
    Path out;

    @Mixin
    ServiceOptions.Mapper mapper = new ServiceOptions.Mapper();

    @Mixin
    DiscoveryOption discovery = new DiscoveryOption();

    @Override
    public Integer call() {
        String token = token("role ferry-operator");
        if (token == null) {
            return USAGE;
        }
        JsonNode report;
        try {
            report = discovery.readOrNull();
        } catch (UncheckedIOException e) {
            note(e.getMessage());
            return USAGE;
        }
        try {
            JsonNode p = new MapLifecycle(mapper.base(env), token).propose(report, out);
            JsonNode s = p.path("summary");
            note("proposal " + p.path("proposalId").asText() + ": " + s.path("fields").asInt()
                    + " fields, " + s.path("existing").asInt() + " to existing fields, " + s.path("create").asInt()
                    + " new custom fields, " + s.path("review").asInt() + " to check");
            note("wrote " + out.toAbsolutePath().resolve(MapLifecycle.MAP_YAML)
                    + " (edit, then: ferry confirm --file " + MapLifecycle.MAP_YAML + ") and proposal.json/.yaml/.md");
            return 0;
        } catch (IllegalStateException | IOException e) {
            note(e.getMessage());
            return FAILED;
        }
    }
}
