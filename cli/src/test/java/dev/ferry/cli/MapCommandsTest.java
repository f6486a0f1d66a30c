package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry propose} and {@code ferry confirm} against a local stub of the mapper: the calls, the token, the files,
 * and the exit codes a script branches on (0 confirmed, 3 invalid map, 1 refused, 2 usage).
 */
class MapCommandsTest {

    private static final String TOKEN = "tok-abc.def.ghi";
    private static final String SHA = "c".repeat(64);

    @TempDir
    Path dir;

    private StubService stub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int confirmStatus = 201;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            requests.add(r.method() + " " + r.path() + " " + r.authorization());
            return switch (r.path()) {
                case "/mapping/proposals" -> StubService.Reply.json(201,
                        "{\"proposalId\":\"p-1\",\"summary\":{\"fields\":3,\"existing\":2,\"create\":1,\"review\":1}}");
                case "/mapping/proposals/p-1.yaml" -> StubService.Reply.json("proposalId: p-1\n");
                case "/mapping/proposals/p-1/proposal.md" -> StubService.Reply.json("# Map proposal p-1\n");
                case "/mapping/proposals/p-1/map.yaml" ->
                        StubService.Reply.json("# Ferry map proposal p-1\nversion: dentes-freshsales/v1\n");
                case "/mapping/confirmations" -> StubService.Reply.json(confirmStatus, confirmStatus == 422
                        ? "{\"error\":\"invalid\",\"problems\":[\"mappings.clinics.fields[0]: unknown transform 'colapse-spaces'\"]}"
                        : "{\"version\":4,\"mappingVersion\":\"confirmed/v4\",\"sha256\":\"" + SHA
                                + "\",\"confirmedBy\":\"ops\",\"confirmedAt\":\"2026-12-06T00:00:00Z\"}");
                default -> StubService.Reply.json(404, "{}");
            };
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Map<String, String> env() {
        return Map.of("FERRY_TOKEN", TOKEN, "FERRY_MAPPER_URL", stub.base());
    }

    private int propose(Map<String, String> env, String... args) {
        return StubService.run(new ProposeCommand(), env, new ByteArrayOutputStream(), stderr, args);
    }

    private int confirm(Map<String, String> env, String... args) {
        return StubService.run(new ConfirmCommand(), env, stdout, stderr, args);
    }

    @Test
    void proposeWritesTheProposalAndTheMapToConfirm() throws IOException {
        int rc = propose(env(), "--out", dir.toString());

        assertThat(rc).isZero();
        assertThat(requests).containsExactly("POST /mapping/proposals Bearer " + TOKEN,
                "GET /mapping/proposals/p-1.yaml Bearer " + TOKEN,
                "GET /mapping/proposals/p-1/proposal.md Bearer " + TOKEN,
                "GET /mapping/proposals/p-1/map.yaml Bearer " + TOKEN);
        assertThat(dir.resolve("proposal.json")).content().contains("\"proposalId\" : \"p-1\"");
        assertThat(dir.resolve("proposal.yaml")).hasContent("proposalId: p-1");
        assertThat(dir.resolve("proposal.md")).hasContent("# Map proposal p-1");
        assertThat(dir.resolve("map.yaml")).content().contains("version: dentes-freshsales/v1");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("3 fields, 2 to existing fields, 1 new custom fields")
                .doesNotContain(TOKEN);
    }

    @Test
    void confirmPrintsTheVersionAndHashAScriptStartsTheRunWith() throws IOException {
        Path map = Files.writeString(dir.resolve("map.yaml"), "version: dentes-freshsales/v1\n");

        assertThat(confirm(env(), "--file", map.toString())).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).strip()).isEqualTo("confirmed/v4 " + SHA);
        assertThat(requests).containsExactly("POST /mapping/confirmations Bearer " + TOKEN);
    }

    @Test
    void anInvalidMapExitsThreeNamingTheProblem() throws IOException {
        confirmStatus = 422;
        Path map = Files.writeString(dir.resolve("map.yaml"), "version: dentes-freshsales/v1\n");

        assertThat(confirm(env(), "--file", map.toString())).isEqualTo(ConfirmCommand.INVALID_MAP);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("unknown transform 'colapse-spaces'");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRefusalExitsOneAndNoTokenOrNoFileTwo() throws IOException {
        confirmStatus = 403;
        Path map = Files.writeString(dir.resolve("map.yaml"), "version: dentes-freshsales/v1\n");

        assertThat(confirm(env(), "--file", map.toString())).isEqualTo(1);
        assertThat(confirm(Map.of(), "--file", map.toString())).isEqualTo(2);
        assertThat(confirm(env(), "--file", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(propose(Map.of())).isEqualTo(2);
    }
}
