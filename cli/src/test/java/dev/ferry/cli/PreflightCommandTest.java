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
 * {@code ferry preflight} against a local stand-in for the mapper's API: the calls, what the request carries, the three
 * files, what it prints, and the exit codes a script branches on (0 passed, 3 blocked, 1 refused, 2 usage).
 */
class PreflightCommandTest {

    private static final String TOKEN = "tok-abc.def.ghi";
    private static final String BLOCKED = """
            {"preflightId": "pf-1", "passed": false, "blocking": 1, "mapVersion": "confirmed/v2",
             "cost": {"summary": "~70 k calls, 14 h on 5000/h"},
             "findings": [
               {"check": "fields", "blocking": true, "subject": "contacts.cf_allergies",
                "problem": "the account has no field cf_allergies in contacts",
                "action": "create the custom field: module contacts, label \\"Allergies\\", type text"},
               {"check": "budget", "blocking": false, "subject": "cost and ETA", "problem": "~70 k calls", "action": "plan"}]}""";
    private static final String PASSED = """
            {"preflightId": "pf-1", "passed": true, "blocking": 0, "mapVersion": "confirmed/v2", "findings": []}""";

    @TempDir
    Path dir;

    private StubService stub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile String report = BLOCKED;
    private volatile int status = 200;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        stub = StubService.start(r -> {
            requests.add(r.method() + " " + r.path() + " " + r.authorization());
            bodies.add(r.body());
            return switch (r.path()) {
                case "/preflight" -> StubService.Reply.json(status, status == 200 ? report
                        : "{\"error\":\"the Freshsales account's metadata is unavailable\"}");
                case "/preflight/pf-1/preflight.md" -> StubService.Reply.json("# Preflight pf-1\n");
                case "/preflight/pf-1/field-checklist.csv" ->
                        StubService.Reply.json("module,label,field_name,type,picklist_values,status,source\r\n");
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

    private int preflight(Map<String, String> env, String... args) {
        return StubService.run(new PreflightCommand(), env, new ByteArrayOutputStream(), stderr, args);
    }

    @Test
    void aBlockedPreflightExitsThreeWritesTheThreeFilesAndPrintsWhatToDo() throws IOException {
        Path discovery = Files.writeString(dir.resolve("discovery.json"), "{\"discoveryId\": \"d-7\"}");
        int rc = preflight(env(), "--out", dir.resolve("out").toString(), "--discovery", discovery.toString(),
                "--map", "v2", "--calls-per-hour", "1000");

        assertThat(rc).isEqualTo(3);
        assertThat(requests).containsExactly("POST /preflight Bearer " + TOKEN,
                "GET /preflight/pf-1/preflight.md Bearer " + TOKEN,
                "GET /preflight/pf-1/field-checklist.csv Bearer " + TOKEN);
        assertThat(bodies.get(0)).contains("\"map\":\"v2\"").contains("\"discoveryId\":\"d-7\"")
                .contains("\"callsPerHour\":1000");
        Path out = dir.resolve("out");
        assertThat(out.resolve("preflight.json")).content().contains("\"passed\" : false");
        assertThat(out.resolve("preflight.md")).hasContent("# Preflight pf-1");
        assertThat(out.resolve("field-checklist.csv")).content().startsWith("module,label,field_name,type,picklist_values");
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("BLOCKED by 1 finding(s); ~70 k calls, 14 h on 5000/h")
                .contains("BLOCKS contacts.cf_allergies").contains("do: create the custom field: module contacts")
                .doesNotContain("BLOCKS cost and ETA").doesNotContain(TOKEN);
    }

    @Test
    void aPassedPreflightExitsZero() {
        report = PASSED;
        assertThat(preflight(env(), "--out", dir.toString())).isZero();
        assertThat(bodies.get(0)).isEqualTo("{}");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("PASSED");
    }

    @Test
    void aMapperThatCannotAnswerExitsOneAndBadUsageTwo() {
        status = 503;
        assertThat(preflight(env(), "--out", dir.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("503");
        assertThat(preflight(Map.of(), "--out", dir.toString())).isEqualTo(2);
        assertThat(preflight(env(), "--calls-per-hour", "0")).isEqualTo(2);
        assertThat(preflight(env(), "--discovery", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(preflight(env(), "--no-such-option")).isEqualTo(2);
    }
}
