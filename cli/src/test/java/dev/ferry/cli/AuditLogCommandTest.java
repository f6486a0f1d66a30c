package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.migration.AuditLogUrl;
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

/** {@code ferry audit-log} against a local stub of the audit service: the URL it asks, the token it sends, the file. */
class AuditLogCommandTest {

    private static final String TOKEN = "tok-abc.def.ghi";
    private static final String CSV = "runId,sourceId\r\nrun 1,\"P,1\"\r\nrun 1,Şükrü-😀\r\n";

    @TempDir
    Path dir;

    private StubService stub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            requests.add(r.path() + "?" + r.query());
            authorizations.add(r.authorization());
            boolean known = r.path().startsWith("/runs/run%201/") || r.path().equals("/audit-log");
            // Chunked, as the audit service streams it.
            return new StubService.Reply(known ? 200 : 404, known ? "text/csv" : "application/json",
                    known ? CSV : "{\"error\":\"no run nope\"}", true);
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private String base() {
        return stub.base();
    }

    private int run(Map<String, String> env, String... args) {
        return StubService.run(new AuditLogCommand(), env, stdout, stderr, args);
    }

    @Test
    void writesTheRunsLogToTheFileWithTheTokenFromTheEnvironment() throws IOException {
        Path out = dir.resolve("sub/audit-log.csv");
        int rc = run(Map.of("FERRY_TOKEN", TOKEN, "FERRY_AUDIT_URL", base()),
                "--run", "run 1", "--format", "csv", "--include", "all", "--out", out.toString());
        assertThat(rc).isZero();
        assertThat(requests).containsExactly("/runs/run%201/audit-log?format=csv&include=all");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(Files.exists(dir.resolve("sub/audit-log.csv.part"))).isFalse();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("wrote").doesNotContain(TOKEN);
    }

    @Test
    void withoutARunItAsksForThePracticeLogAndWritesStandardOutput() throws IOException {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        int rc = run(Map.of(), "--url", base() + "/", "--token-file", tokenFile.toString());
        assertThat(rc).isZero();
        assertThat(requests).containsExactly("/audit-log?format=jsonl&include=writes");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(CSV);
    }

    @Test
    void anUnknownRunFailsWithTheServicesReasonAndLeavesNoFile() {
        Path out = dir.resolve("audit-log.jsonl");
        int rc = run(Map.of("FERRY_TOKEN", TOKEN), "--url", base(), "--run", "nope", "--out", out.toString());
        assertThat(rc).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("404").contains("no run nope")
                .doesNotContain(TOKEN);
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(dir.resolve("audit-log.jsonl.part"))).isFalse();
    }

    @Test
    void refusesWithoutATokenOrWithAnUnknownFormatBeforeCallingAnything() {
        assertThat(run(Map.of(), "--url", base(), "--run", "run 1")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("FERRY_TOKEN");
        assertThat(run(Map.of("FERRY_TOKEN", TOKEN), "--url", base(), "--format", "xml")).isEqualTo(2);
        assertThat(run(Map.of("FERRY_TOKEN", TOKEN), "--url", base(), "--include", "some")).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void urls() {
        assertThat(AuditLogUrl.of("http://h:1", "r/1?x", "csv", "writes"))
                .isEqualTo("http://h:1/runs/r%2F1%3Fx/audit-log?format=csv&include=writes");
        assertThat(AuditLogUrl.of("http://h:1/", null, "jsonl", "all"))
                .isEqualTo("http://h:1/audit-log?format=jsonl&include=all");
    }
}
