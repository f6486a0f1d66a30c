package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.MapLifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry confirm --file map.yaml}: confirms a map ({@code POST /mapping/confirmations}); the mapper compiles it
 * like its shipped spec and stores it as the next version with its sha256. Prints {@code confirmed/vN <sha256>} on
 * standard output (a script passes both to {@code POST /runs} as {@code mapVersion} and {@code mapSha256}), the rest
 * on standard error. Token (role {@code ferry-operator}) from {@code FERRY_TOKEN} or a file.
 *
 * <p>Exit codes: 0 confirmed (a new version, or the latest one's text again), 3 the map is invalid (each problem
 * printed), 1 the mapper refused or is unreachable, 2 bad usage.
 */
@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = "Confirm a map (a mapping spec, YAML): checked, stored as the next version with its sha256."
                + " Only a confirmed map runs.")
public final class ConfirmCommand extends ServiceCommand {

    static final int INVALID_MAP = 3;

    @Option(names = "--file", required = true, description = "the map to confirm (map.yaml from ferry propose, edited)")
    Path file;

    @Option(names = "--proposal", description = "the proposal id the map was made from (kept with the confirmation)")
    String proposalId;

    @Option(names = "--comment", description = "a note kept with the confirmation (no patient data)")
    String comment;

    @Mixin
    ServiceOptions.Mapper mapper = new ServiceOptions.Mapper();

    @Override
    public Integer call() {
        String token;
        String text;
        try {
            token = Tokens.read(this.token.tokenFile, env);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            note("cannot read " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
            return USAGE;
        }
        if (token == null) {
            note("no token; set FERRY_TOKEN or --token-file (role ferry-operator)");
            return USAGE;
        }
        try {
            MapLifecycle.Answer a = new MapLifecycle(mapper.base(env), token).confirm(text, proposalId, comment);
            JsonNode b = a.body();
            if (a.confirmed()) {
                note((a.status() == 201 ? "confirmed as " : "already confirmed as ")
                        + b.path("mappingVersion").asText() + " (sha256 " + b.path("sha256").asText() + ", by "
                        + b.path("confirmedBy").asText() + " at " + b.path("confirmedAt").asText() + ")");
                stdout.println(b.path("mappingVersion").asText() + " " + b.path("sha256").asText());
                return 0;
            }
            if (a.status() == 422) {
                note(file + " is not a valid map; nothing was confirmed:");
                b.path("problems").forEach(p -> stderr.println("  - " + p.asText()));
                return INVALID_MAP;
            }
            note("the mapper answered " + a.status() + ": " + b.path("error").asText(b.toString()));
            return FAILED;
        } catch (IOException e) {
            note("the mapper did not answer (" + e.getClass().getSimpleName() + ")");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }
}
