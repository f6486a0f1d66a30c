package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry reconcile} against a local stub of the audit service: what it asks, what it writes, its exit codes. */
class ReconcileCommandTest {

    private static final String TOKEN = "tok-reconcile.abc";
    private static final String COUNTS = """
            {"runId":"run 1","balanced":true,"unaccounted":0,"surplus":0,"unbalancedBecause":[],
             "resources":[{"resource":"patients","manifestCount":2,"terminal":2,"created":2,"balanced":true}]}""";
    private static final String CLEAN = "{\"runId\":\"run 1\",\"generatedAt\":\"2026-12-06T09:00:00Z\",\"clean\":true,"
            + "\"findings\":0,\"counts\":" + COUNTS + ",\"ids\":[],\"target\":{\"records\":2,\"checked\":2,"
            + "\"calls\":3,\"clean\":true,\"targets\":[{\"target\":\"contacts\",\"readBy\":\"view\",\"expected\":2,"
            + "\"checked\":2,\"listed\":2,\"findings\":0}],\"findings\":[]},\"targetUnavailable\":null}";
    private static final String FOUND = "{\"runId\":\"run 1\",\"generatedAt\":\"2026-12-06T09:00:00Z\",\"clean\":false,"
            + "\"findings\":2,\"counts\":" + COUNTS + ",\"ids\":[],\"target\":{\"records\":2,\"checked\":2,"
            + "\"calls\":3,\"clean\":false,\"targets\":[],\"findings\":["
            + "{\"kind\":\"DRIFT\",\"target\":\"contacts\",\"freshsalesId\":501,\"record\":\"patients/P-1\","
            + "\"dentesId\":\"P-1\",\"fields\":[\"last_name\"],\"values\":[],\"detail\":\"1 field differs\"},"
            + "{\"kind\":\"SURPLUS\",\"target\":\"contacts\",\"freshsalesId\":777,\"record\":null,"
            + "\"dentesId\":\"P-X|1\",\"fields\":[],\"values\":[],\"detail\":\"unknown\"}]},\"targetUnavailable\":null}";
    private static final String NO_TARGET = "{\"runId\":\"run 1\",\"clean\":false,\"findings\":0,\"counts\":" + COUNTS
            + ",\"ids\":[],\"target\":null,\"targetUnavailable\":\"the loader answered HTTP 503\"}";

    @TempDir
    Path out;
    private StubService stub;
    private final Map<String, String> auth = new HashMap<>();
    private volatile String answer = CLEAN;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            auth.put("header", r.authorization());
            boolean known = r.path().equals("/runs/run%201/reconcile");
            return StubService.Reply.json(known ? 200 : 404, known ? answer : "{\"error\":\"no run\"}");
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(Map<String, String> env, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.put("FERRY_AUDIT_URL", stub.base());
        return StubService.run(new ReconcileCommand(), e, stdout, stderr, args);
    }

    private int run(String... args) {
        return run(Map.of("FERRY_TOKEN", TOKEN), args);
    }

    @Test
    void aCleanRunExitsZeroAndWritesBothFiles() throws IOException {
        int rc = run("--run", "run 1", "--out", out.toString());

        assertThat(rc).isEqualTo(ReconcileCommand.CLEAN);
        assertThat(stub.lines()).containsExactly("POST /runs/run%201/reconcile");
        assertThat(auth.get("header")).isEqualTo("Bearer " + TOKEN);
        assertThat(Files.readString(out.resolve("reconcile.json"))).contains("\"clean\" : true");
        assertThat(Files.readString(out.resolve("reconcile.md"))).contains("# Reconciliation of run run 1")
                .contains("| patients | 2 | 2 | 2 |").contains("3 Freshsales calls")
                .contains("| contacts | view | 2 | 2 | 2 | 0 |");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("reconcile run 1: CLEAN")
                .doesNotContain(TOKEN);
    }

    @Test
    void findingsExitThreeAndAreListedByKindRecordAndFieldName() throws IOException {
        answer = FOUND;

        int rc = run("--run", "run 1", "--out", out.toString());

        assertThat(rc).isEqualTo(ReconcileCommand.FINDINGS);
        String md = Files.readString(out.resolve("reconcile.md"));
        assertThat(md).contains("| DRIFT | contacts | 501 | patients/P-1 | P-1 | last_name | 1 field differs |")
                .contains("| SURPLUS | contacts | 777 | - | P-X\\|1 |  | unknown |");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("FINDINGS").contains("2 findings in Freshsales");
    }

    @Test
    void aTargetThatCouldNotBeReadBackExitsOneButTheFilesAreWritten() {
        answer = NO_TARGET;

        assertThat(run("--run", "run 1", "--out", out.toString())).isEqualTo(1);
        assertThat(out.resolve("reconcile.md")).content().contains("Not read back: the loader answered HTTP 503");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Freshsales was not read back");
    }

    @Test
    void anUnknownRunExitsOneAndWithoutATokenTheUsageExitIsTwo() {
        assertThat(run("--run", "nope", "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("404");
        assertThat(run(Map.of(), "--run", "run 1", "--out", out.toString())).isEqualTo(2);
        assertThat(run("--out", out.toString())).isEqualTo(2);
        assertThat(stub.lines()).containsExactly("POST /runs/nope/reconcile");
    }
}
