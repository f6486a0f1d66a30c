package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ferry run} and {@code ferry status} against stubs of the extractor and the audit service. */
class RunCommandsTest {

    private static final String TOKEN = "tok-run.abc";
    private static final String OPEN = "{\"runId\":\"run-1\",\"balanced\":false,\"extractionFinished\":true,"
            + "\"unaccounted\":6,\"resources\":[{\"resource\":\"patients\",\"manifestCount\":10,\"created\":4,"
            + "\"terminal\":4,\"unaccounted\":6}]}";
    private static final String BALANCED = "{\"runId\":\"run-1\",\"balanced\":true,\"extractionFinished\":true,"
            + "\"unaccounted\":0,\"resources\":[{\"resource\":\"patients\",\"manifestCount\":10,\"created\":9,"
            + "\"failed\":1,\"terminal\":10,\"unaccounted\":0}]}";

    private StubService stub;
    private final AtomicInteger looks = new AtomicInteger();
    private volatile int startStatus = 202;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            if (r.line().equals("POST /runs")) {
                return startStatus == 202 ? StubService.Reply.json(202, "{\"runId\":\"run-1\"}")
                        : StubService.Reply.json(startStatus, "{\"error\":\"the map's sha256 is another\"}");
            }
            return switch (r.path()) {
                case "/runs/run-1/reconciliation" -> StubService.Reply.json(looks.incrementAndGet() < 2 ? OPEN
                        : BALANCED);
                case "/runs/run-1/progress" -> StubService.Reply.json("{\"runId\":\"run-1\",\"pending\":6,"
                        + "\"etaMinutes\":90.0}");
                default -> StubService.Reply.json(404, "{\"error\":\"no run\"}");
            };
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Map<String, String> env() {
        return Map.of("FERRY_TOKEN", TOKEN, "FERRY_EXTRACTOR_URL", stub.base(), "FERRY_AUDIT_URL", stub.base());
    }

    @Test
    void runStartsTheFullRunOnThePinnedMapAndWaitsUntilItBalances() {
        int rc = StubService.run(new RunCommand(), env(), stdout, stderr, "--map", "3", "--sha256", "abc");

        assertThat(rc).as("one record failed in Freshsales").isEqualTo(RunCommand.FAILURES);
        assertThat(stub.bodies().get(0)).contains("\"mode\":\"FULL\"").contains("\"mapVersion\":\"3\"")
                .contains("\"mapSha256\":\"abc\"").contains("\"integrations\"")
                .contains("\"attachments\"");
        assertThat(stub.lines()).filteredOn(r -> r.equals("GET /runs/run-1/reconciliation")).hasSize(2);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("run run-1 started")
                .contains("run run-1 reconciled").contains("1 record(s) failed in Freshsales");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN).doesNotContain("run run-1 ");
    }

    @Test
    void aRefusedRunExitsOneWithTheReasonAndATimeoutFour() {
        startStatus = 409;
        assertThat(StubService.run(new RunCommand(), env(), stdout, stderr)).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("another");
        startStatus = 202;
        assertThat(StubService.run(new RunCommand(), env(), stdout, stderr, "--timeout", "PT0S"))
                .isEqualTo(RunCommand.STILL_RUNNING);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("ferry status --run run-1");
    }

    @Test
    void statusPrintsTheTableAndTheEtaWhileOpenAndExitsZeroOnceBalanced() {
        assertThat(StubService.run(new StatusCommand(), env(), stdout, stderr, "--run", "run-1"))
                .isEqualTo(StatusCommand.RUNNING);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("patients").contains("4 of 10 records")
                .contains("6 open").contains("1.5 h");
        assertThat(StubService.run(new StatusCommand(), env(), stdout, stderr, "--run", "run-1"))
                .isEqualTo(StatusCommand.BALANCED);
        assertThat(StubService.run(new StatusCommand(), env(), stdout, stderr, "--run", "nope")).isEqualTo(1);
        assertThat(StubService.run(new StatusCommand(), Map.of(), stdout, stderr, "--run", "run-1")).isEqualTo(2);
    }
}
