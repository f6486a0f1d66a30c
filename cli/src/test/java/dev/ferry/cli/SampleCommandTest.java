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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry sample} against local stubs of the extractor, audit, mapper and loader: the run it starts, how it waits,
 * what it asks for the diff, the files it writes, what it prints (no patient value) and its exit codes.
 */
class SampleCommandTest {

    private static final String TOKEN = "tok-sample.abc";
    private static final String PROMISED = "{\"runId\":\"sample-1\",\"mapVersion\":\"confirmed/v2\","
            + "\"runMapVersion\":\"confirmed/v2\",\"records\":[{\"resource\":\"patients\",\"sourceId\":\"P-1\","
            + "\"expected\":{\"first_name\":\"Ayşe\"}}]}";
    private static final String EQUAL = "{\"runId\":\"sample-1\",\"records\":[{\"resource\":\"patients\","
            + "\"sourceId\":\"P-1\",\"target\":\"contacts\",\"freshsalesId\":7,\"found\":true,\"fields\":["
            + "{\"field\":\"first_name\",\"verdict\":\"EQUAL\",\"expected\":\"Ayşe\",\"actual\":\"Ayşe\"}]}],"
            + "\"fields\":[{\"resource\":\"patients\",\"field\":\"first_name\",\"equal\":1,\"different\":0,"
            + "\"missing\":0}]}";

    @TempDir
    Path dir;

    private StubService stub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger looks = new AtomicInteger();
    private volatile String diff = EQUAL;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            requests.add(r.method() + " " + r.pathAndQuery());
            bodies.add(r.body());
            if (r.line().equals("POST /runs")) {
                return StubService.Reply.json(202, "{\"runId\":\"sample-1\"}");
            }
            return switch (r.path()) {
                case "/runs/sample-1/reconciliation" -> StubService.Reply.json(looks.incrementAndGet() < 3
                        ? "{\"balanced\":false,\"extractionFinished\":true,\"unaccounted\":4,\"resources\":["
                                + "{\"resource\":\"patients\",\"manifestCount\":8,\"terminal\":4,\"unaccounted\":4}]}"
                        : "{\"balanced\":true,\"extractionFinished\":true,\"unaccounted\":0,\"resources\":["
                                + "{\"resource\":\"patients\",\"manifestCount\":8,\"terminal\":8,\"unaccounted\":0}]}");
                case "/runs/sample-1/promised" -> StubService.Reply.json(PROMISED);
                case "/sample-diff" -> StubService.Reply.json(diff);
                default -> StubService.Reply.json(404, "{}");
            };
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        String base = stub.base();
        return StubService.run(new SampleCommand(), Map.of("FERRY_TOKEN", TOKEN, "FERRY_AUDIT_URL", base,
                "FERRY_EXTRACTOR_URL", base, "FERRY_MAPPER_URL", base, "FERRY_LOADER_URL", base), stdout, stderr, args);
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startsASampleWaitsForItAndWritesTheDiffAllEqual() throws IOException {
        int rc = run("--size", "250", "--out", dir.toString());

        assertThat(rc).isEqualTo(SampleCommand.EQUAL);
        assertThat(requests.get(0)).isEqualTo("POST /runs");
        assertThat(bodies.get(0)).contains("\"mode\":\"SAMPLE\"").contains("\"size\":250");
        assertThat(requests).filteredOn(r -> r.equals("GET /runs/sample-1/reconciliation")).hasSize(3);
        assertThat(requests).containsSubsequence("GET /runs/sample-1/promised", "POST /sample-diff");
        assertThat(bodies.get(requests.indexOf("POST /sample-diff"))).contains("\"runId\":\"sample-1\"")
                .contains("\"sourceId\":\"P-1\"");
        assertThat(Files.readString(dir.resolve("sample-diff.json"))).contains("\"verdict\" : \"EQUAL\"");
        assertThat(Files.readString(dir.resolve("sample-diff.md"))).contains("**Every field is equal.**")
                .contains("| patients | `first_name` | 1 | 0 | 0 |");
        assertThat(printed()).contains("every mapped field is equal").doesNotContain(TOKEN).doesNotContain("Ayşe");
        // Not a terminal and no --progress: the plain line a script reads, and no bar.
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("loading the sample: 4 record(s) not accounted");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("sample sample-1").doesNotContain("4/8");
    }

    @Test
    void withProgressABarWithItsCountsGoesToStandardErrorInsteadOfTheLoadingLines() {
        assertThat(run("--progress", "--out", dir.toString())).isEqualTo(SampleCommand.EQUAL);

        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("sample sample-1").contains("8/8");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("loading the sample")
                .contains("every mapped field is equal");
    }

    @Test
    void aDifferingFieldExitsThreeAndIsNamedWithoutItsValues() throws IOException {
        diff = EQUAL.replace("\"verdict\":\"EQUAL\",\"expected\":\"Ayşe\",\"actual\":\"Ayşe\"",
                "\"verdict\":\"DIFFERENT\",\"expected\":\"Ayşe\",\"actual\":\"Edited\"")
                .replace("\"equal\":1,\"different\":0", "\"equal\":0,\"different\":1");

        assertThat(run("--run", "sample-1", "--against", "3", "--out", dir.toString()))
                .isEqualTo(SampleCommand.DIFFERENCES);
        assertThat(requests).doesNotContain("POST /runs").contains("GET /runs/sample-1/promised?map=3");
        assertThat(printed()).contains("first_name").doesNotContain("Ayşe").doesNotContain("Edited");
        assertThat(Files.readString(dir.resolve("sample-diff.md")))
                .contains("| patients | P-1 | 7 | `first_name` | DIFFERENT | Ayşe | Edited |");
    }

    /**
     * Regression (the Classic demo, 2026-12-06): a lead's fields its module lacks were MISSING, so a Classic sample
     * never came out equal. The loader now says NOT_APPLICABLE, which is no difference.
     */
    @Test
    void aFieldALeadCannotHoldIsNoDifference() throws IOException {
        diff = EQUAL.replace("\"target\":\"contacts\"", "\"target\":\"leads\"")
                .replace("{\"field\":\"first_name\",\"verdict\":\"EQUAL\",\"expected\":\"Ayşe\",\"actual\":\"Ayşe\"}",
                        "{\"field\":\"first_name\",\"verdict\":\"EQUAL\",\"expected\":\"Ayşe\",\"actual\":\"Ayşe\"},"
                                + "{\"field\":\"date_of_birth\",\"verdict\":\"NOT_APPLICABLE\","
                                + "\"expected\":\"1980-01-02\",\"actual\":null}")
                .replace("\"missing\":0}]}", "\"missing\":0},{\"resource\":\"patients\",\"field\":\"date_of_birth\","
                        + "\"equal\":0,\"different\":0,\"missing\":0,\"notApplicable\":1}]}");

        assertThat(run("--run", "sample-1", "--out", dir.toString())).isEqualTo(SampleCommand.EQUAL);
        assertThat(printed()).contains("every mapped field is equal").doesNotContain("1980-01-02");
        assertThat(Files.readString(dir.resolve("sample-diff.md"))).contains("**Every field is equal.**")
                .contains("1 records read back; 1 with every mapped field equal")
                .contains("| patients | `date_of_birth` | 0 | 0 | 0 | 1 |", "*Not on the module*")
                .doesNotContain("Records with differences");
    }

    @Test
    void aSampleStillRunningWhenTheWaitRunsOutExitsFour() {
        assertThat(run("--timeout", "PT0S", "--out", dir.toString())).isEqualTo(SampleCommand.STILL_RUNNING);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("sample-1 is still running")
                .contains("--run sample-1");
        assertThat(dir.resolve("sample-diff.json")).doesNotExist();
    }

    @Test
    void aServiceErrorExitsOneAndUsageErrorsTwo() {
        assertThat(run("--run", "no-such", "--timeout", "PT0S", "--out", dir.toString())).isEqualTo(4);
        assertThat(run("--run", "sample-1", "--size", "300")).isEqualTo(2);
        assertThat(run("--size", "many")).isEqualTo(2);
        diff = "not json";
        assertThat(run("--run", "sample-1", "--out", dir.toString())).isEqualTo(1);
    }
}
