package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry discover} against a stub extractor: starts, follows, writes both files; failures exit 1. */
class DiscoverCommandTest {

    private static final String TOKEN = "tok-abc.def.ghi";

    @TempDir
    Path dir;

    private StubService stub;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile String finalState = "COMPLETED";
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            authorizations.add(r.authorization());
            if (r.line().equals("POST /discoveries")) {
                return StubService.Reply.json(202, "{\"discoveryId\":\"disc-1\"}");
            }
            if (r.path().equals("/discoveries/disc-1")) {
                return StubService.Reply.json(polls.incrementAndGet() < 3
                        ? "{\"discoveryId\":\"disc-1\",\"state\":\"RUNNING\",\"reading\":\"patients\",\"recordsRead\":"
                                + polls.get() * 100 + "}"
                        : "{\"discoveryId\":\"disc-1\",\"state\":\"" + finalState + "\",\"failureReason\":\"GET patients"
                                + " page 3: HTTP 503\",\"report\":{\"discoveryId\":\"disc-1\",\"findings\":[]}}");
            }
            if (r.path().equals("/discoveries/disc-1/report.md")) {
                return new StubService.Reply(200, null, "# Discovery disc-1\n", false);
            }
            return StubService.Reply.json(404, "{\"error\":\"no\"}");
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        return StubService.run(new DiscoverCommand(), Map.of("FERRY_TOKEN", TOKEN, "FERRY_EXTRACTOR_URL",
                stub.base()), new ByteArrayOutputStream(), stderr, args);
    }

    @Test
    void startsFollowsAndWritesBothFiles() throws Exception {
        Path users = dir.resolve("freshsales-users.json");
        Files.writeString(users, "[{\"email\":\"ali@klinik.com.tr\",\"display_name\":\"Ali Kaya\"}]");
        Path out = dir.resolve("out");
        assertThat(run("--out", out.toString(), "--users", users.toString())).isZero();
        JsonNode report = FerryJson.mapper().readTree(out.resolve("discovery.json").toFile());
        assertThat(report.path("discoveryId").asText()).isEqualTo("disc-1");
        assertThat(Files.readString(out.resolve("discovery.md"))).isEqualTo("# Discovery disc-1\n");
        assertThat(stub.lines()).containsExactly("POST /discoveries", "GET /discoveries/disc-1", "GET /discoveries/disc-1",
                "GET /discoveries/disc-1", "GET /discoveries/disc-1/report.md");
        assertThat(authorizations).allSatisfy(a -> assertThat(a).isEqualTo("Bearer " + TOKEN));
        JsonNode sent = FerryJson.mapper().readTree(stub.bodies().get(0));
        assertThat(sent.path("targetUsers").get(0).path("email").asText()).isEqualTo("ali@klinik.com.tr");
        assertThat(sent.path("targetUsers").get(0).path("displayName").asText()).isEqualTo("Ali Kaya");
        assertThat(sent.path("targetUsers").get(0).path("active").asBoolean()).isTrue();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("reading patients: 100 records")
                .doesNotContain(TOKEN);
    }

    @Test
    void aFailedDiscoveryExitsOneWithItsReasonAndWritesNothing() {
        finalState = "FAILED";
        Path out = dir.resolve("out");
        assertThat(run("--out", out.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("FAILED: GET patients page 3: HTTP 503");
        assertThat(out.resolve("discovery.json")).doesNotExist();
        assertThat(stub.bodies().get(0)).isEqualTo("{}");
    }

    @Test
    void noTokenIsAUsageError() {
        DiscoverCommand command = new DiscoverCommand();
        command.env = k -> null;
        command.stderr = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        assertThat(new CommandLine(command).execute()).isEqualTo(2);
        assertThat(stub.lines()).isEmpty();
    }
}
