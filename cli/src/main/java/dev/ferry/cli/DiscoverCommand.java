package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
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
public final class DiscoverCommand implements Callable<Integer> {

    static final String DEFAULT_URL = "http://127.0.0.1:8081";

    @Option(names = "--out", defaultValue = ".", description = "folder for discovery.json and discovery.md"
            + " (default: the current folder)")
    Path out;

    @Option(names = "--url", description = "the extractor service (default: FERRY_EXTRACTOR_URL or " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    @Option(names = "--users", description = "Freshsales users to match practitioners against (JSON array of"
            + " {email, display_name}); default: the extractor asks the loader")
    Path users;

    @Option(names = "--timeout", defaultValue = "PT6H", description = "longest wait for the discovery (ISO-8601,"
            + " default ${DEFAULT-VALUE})")
    Duration timeout;

    UnaryOperator<String> env = System::getenv;
    PrintStream stderr = System.err;
    Duration pollEvery = Duration.ofSeconds(1);

    @Override
    public Integer call() {
        String token = Tokens.readOrSay("discover", "roles ferry-operator and ferry-auditor", tokenFile, env, stderr);
        if (token == null) {
            return 2;
        }
        ObjectNode body = FerryJson.mapper().createObjectNode();
        if (users != null) {
            try {
                body.set("targetUsers", targetUsers(FerryJson.mapper().readTree(users.toFile())));
            } catch (IOException | IllegalArgumentException e) {
                stderr.println("ferry discover: cannot read --users " + users + ": " + e.getMessage());
                return 2;
            }
        }
        String base = url != null ? url : env.apply("FERRY_EXTRACTOR_URL");
        base = base == null || base.isBlank() ? DEFAULT_URL : base.replaceAll("/+$", "");
        JsonHttp http = new JsonHttp(token);
        try {
            String id = http.post(base + "/discoveries", body).path("discoveryId").asText();
            stderr.println("ferry discover: discovery " + id + " started");
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "";
            JsonNode view;
            while (true) {
                view = http.get(base + "/discoveries/" + id);
                String state = view.path("state").asText();
                if (!state.equals("RUNNING")) {
                    break;
                }
                String now = "reading " + view.path("reading").asText("…") + ": " + view.path("recordsRead").asLong()
                        + " records";
                if (!now.equals(last)) {
                    stderr.println("ferry discover: " + now);
                    last = now;
                }
                if (System.nanoTime() > deadline) {
                    stderr.println("ferry discover: still running after " + timeout + "; follow it with GET "
                            + base + "/discoveries/" + id);
                    return 1;
                }
                Thread.sleep(pollEvery.toMillis());
            }
            if (!view.path("state").asText().equals("COMPLETED")) {
                stderr.println("ferry discover: discovery " + id + " " + view.path("state").asText() + ": "
                        + view.path("failureReason").asText(""));
                return 1;
            }
            Files.createDirectories(out);
            Path json = out.resolve("discovery.json");
            Files.writeString(json, FerryJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(view.path("report")) + "\n", StandardCharsets.UTF_8);
            Path md = out.resolve("discovery.md");
            http.download(base + "/discoveries/" + id + "/report.md", md);
            stderr.println("ferry discover: wrote " + json.toAbsolutePath() + " and " + md.toAbsolutePath());
            return 0;
        } catch (IllegalStateException | IOException e) {
            stderr.println("ferry discover: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
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
