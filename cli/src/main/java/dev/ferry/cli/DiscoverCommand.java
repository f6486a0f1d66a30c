package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.Poll;
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
 * {@code ferry discover}: starts a discovery on the extractor service ({@code POST /discoveries}), follows it, and
 * writes its report as {@code discovery.json} and {@code discovery.md} into {@code --out}. The tenant is only read.
 * The bearer token (roles {@code ferry-operator} to start and {@code ferry-auditor} to read the report, which lists
 * patient ids and staff e-mails) comes from {@code FERRY_TOKEN} or a file, never from the command line.
 *
 * <p>Owner matching needs the Freshsales users: by default the extractor asks the loader ({@code GET /target/metadata});
 * {@code --users FILE} passes them instead (a JSON array of {@code {email, display_name}}, the demo's
 * {@code freshsales-users.json}), for a deployment where the extractor cannot reach the loader.
 *
 * <p>Exit codes: 0 report written, 1 the discovery failed or a service refused, 2 bad usage.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Read the Dr.DENTES tenant (no writes anywhere) and write the discovery report: counts, schema,"
                + " data-quality findings with ids, attachment volume, owner matches.")
public final class DiscoverCommand extends ServiceCommand {

    @Option(names = "--out", defaultValue = ".", description = "folder for discovery.json and discovery.md"
            + " (default: the current folder)")
    Path out;

    @Mixin
    ServiceOptions.Extractor extractor = new ServiceOptions.Extractor();

    @Option(names = "--users", description = "Freshsales users to match practitioners against (JSON array of"
            + " {email, display_name}); default: the extractor asks the loader")
    Path users;

    @Option(names = "--timeout", defaultValue = "PT6H", description = "longest wait for the discovery (ISO-8601,"
            + " default ${DEFAULT-VALUE})")
    Duration timeout;

    {
        poll = Duration.ofSeconds(1);
    }

    @Override
    public Integer call() {
        String token = token("roles ferry-operator and ferry-auditor");
        if (token == null) {
            return USAGE;
        }
        ObjectNode body = FerryJson.mapper().createObjectNode();
        if (users != null) {
            try {
                body.set("targetUsers", targetUsers(FerryJson.mapper().readTree(users.toFile())));
            } catch (IOException | IllegalArgumentException e) {
                note("cannot read --users " + users + ": " + e.getMessage());
                return USAGE;
            }
        }
        String base = extractor.base(env);
        JsonHttp http = new JsonHttp(token);
        try {
            String id = http.post(base + "/discoveries", body).path("discoveryId").asText();
            note("discovery " + id + " started");
            String[] last = {""};
            Poll.Outcome<JsonNode> end = Poll.until(() -> http.get(base + "/discoveries/" + id), v -> {
                String now = "reading " + v.path("reading").asText("…") + ": " + v.path("recordsRead").asLong()
                        + " records";
                if (v.path("state").asText().equals("RUNNING") && !now.equals(last[0])) {
                    note(now);
                    last[0] = now;
                }
            }, v -> !v.path("state").asText().equals("RUNNING"), Poll.after(timeout), poll);
            if (end.end() == Poll.End.INTERRUPTED) {
                return FAILED;
            }
            if (!end.done()) {
                note("still running after " + timeout + "; follow it with GET " + base + "/discoveries/" + id);
                return FAILED;
            }
            JsonNode view = end.last();
            if (!view.path("state").asText().equals("COMPLETED")) {
                note("discovery " + id + " " + view.path("state").asText() + ": "
                        + view.path("failureReason").asText(""));
                return FAILED;
            }
            Files.createDirectories(out);
            Path json = out.resolve("discovery.json");
            Files.writeString(json, FerryJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(view.path("report")) + "\n", StandardCharsets.UTF_8);
            Path md = out.resolve("discovery.md");
            http.download(base + "/discoveries/" + id + "/report.md", md);
            note("wrote " + json.toAbsolutePath() + " and " + md.toAbsolutePath());
            return 0;
        } catch (IllegalStateException | IOException e) {
            note(e.getMessage());
            return FAILED;
        }
    }

    /** The users file as the extractor takes them: {@code {email, displayName, active}}. */
    static ArrayNode targetUsers(JsonNode file) {
        if (!file.isArray()) {
            throw new IllegalArgumentException("not a JSON array");
        }
        ArrayNode out = FerryJson.mapper().createArrayNode();
        for (JsonNode u : file) {
            String email = u.path("email").asText("");
            if (email.isBlank()) {
                throw new IllegalArgumentException("a user without email");
            }
            ObjectNode n = out.addObject();
            n.put("email", email);
            n.put("displayName", u.path("display_name").asText(u.path("displayName").asText(email)));
            n.put("active", u.path("is_active").asBoolean(u.path("active").asBoolean(true)));
        }
        return out;
    }
}
