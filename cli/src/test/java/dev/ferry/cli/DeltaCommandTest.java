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

/**
 * {@code ferry delta} against local stubs of the extractor and the audit service: the run it starts, how it follows
 * the reconciliation, what it prints, its exit codes.
 */
class DeltaCommandTest {

    private static final String TOKEN = "tok-delta.abc";
    private static final String UNBALANCED = "{\"balanced\":false,\"extractionFinished\":true,\"unaccounted\":4,"
            + "\"resources\":[]}";

    private StubService stub;
    private final AtomicInteger looks = new AtomicInteger();
    private volatile int extractorStatus = 202;
    private volatile String balanced = "{\"balanced\":true,\"extractionFinished\":true,\"resources\":["
            + "{\"resource\":\"patients\",\"manifestCount\":5,\"created\":1,\"updated\":2,\"unchanged\":0,"
            + "\"rejected\":2,\"failed\":0}]}";
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            if (r.line().equals("POST /runs")) {
                return extractorStatus == 202 ? StubService.Reply.json(202, "{\"runId\":\"delta-1\"}")
                        : StubService.Reply.json(extractorStatus, "{\"error\":\"no confirmed map\"}");
            }
            if (r.path().equals("/runs/delta-1/reconciliation")) {
                int n = looks.incrementAndGet();
                // At first the audit has not heard of the run yet.
                return n == 1 ? StubService.Reply.json(404, "{\"error\":\"no run\"}")
                        : StubService.Reply.json(n < 3 ? UNBALANCED : balanced);
            }
            return StubService.Reply.json(404, "{}");
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        String base = stub.base();
        return StubService.run(new DeltaCommand(), Map.of("FERRY_TOKEN", TOKEN, "FERRY_AUDIT_URL", base,
                "FERRY_EXTRACTOR_URL", base), stdout, stderr, args);
    }

    @Test
    void startsADeltaOverEveryResourceAndWaitsUntilItIsReconciled() {
        int rc = run();

        assertThat(rc).isEqualTo(DeltaCommand.DONE);
        assertThat(stub.lines().get(0)).isEqualTo("POST /runs");
        assertThat(stub.bodies().get(0)).contains("\"mode\":\"DELTA\"").contains("\"clinical-notes\"")
                .contains("\"integrations\"").contains("\"attachments\"");
        assertThat(stub.lines()).filteredOn(r -> r.equals("GET /runs/delta-1/reconciliation")).hasSize(3);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("delta delta-1 reconciled")
                .containsPattern("patients +5 +1 +2 +0 +2 +0");
        assertThat(stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8))
                .doesNotContain(TOKEN);
    }

    @Test
    void theResourcesCanBeNamed() {
        assertThat(run("--resources", "patients,appointments")).isEqualTo(DeltaCommand.DONE);
        assertThat(stub.bodies().get(0)).contains("\"resources\":[\"patients\",\"appointments\"]");
    }

    @Test
    void recordsFreshsalesRefusedEndWithExitThree() {
        balanced = balanced.replace("\"failed\":0", "\"failed\":2");
        assertThat(run()).isEqualTo(DeltaCommand.FAILURES);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("2 record(s) failed");
    }

    @Test
    void aDeltaStillRunningWhenTheWaitRunsOutExitsFour() {
        assertThat(run("--timeout", "PT0S")).isEqualTo(DeltaCommand.STILL_RUNNING);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("delta-1 is still running");
    }

    @Test
    void aRefusedStartExitsOneWithTheServicesAnswer() {
        extractorStatus = 409;
        assertThat(run()).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("409");
    }
}
