package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ferry rollback} against a local stub of the audit service: what it asks, what it prints, its exit codes. */
class RollbackCommandTest {

    private static final String TOKEN = "tok-rollback.abc";
    private static final String PLAN = """
            {"runId":"run 1","state":"DRY_RUN","toDelete":2,"toRestore":1,"leftAlone":1,"alreadyRolledBack":0,
             "calls":6,"etaSeconds":1,"records":[{"action":"DELETE","resource":"patients","sourceId":"P-1","part":0,
             "target":"contacts","freshsalesId":501,"detail":"created by the run"}]}""";
    private static final String RUNNING = "{\"state\":\"RUNNING\",\"level\":2,\"pending\":1}";

    private StubService stub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger gets = new AtomicInteger();
    private volatile String done = "{\"state\":\"DONE\",\"deleted\":2,\"restored\":1,\"skipped\":0,\"failed\":0,"
            + "\"records\":[]}";
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void stub() throws IOException {
        stub = StubService.start(r -> {
            requests.add(r.method() + " " + r.pathAndQuery());
            boolean known = r.path().equals("/runs/run%201/rollback") || r.path().equals("/runs/run%201/source-deletes");
            if (!known) {
                return StubService.Reply.json(404, "{\"error\":\"no run\"}");
            }
            if (r.query() != null && r.query().contains("dryRun=true")) {
                return StubService.Reply.json(PLAN);
            }
            if (r.method().equals("POST")) {
                return StubService.Reply.json(RUNNING);
            }
            return StubService.Reply.json(gets.incrementAndGet() < 2 ? RUNNING : done);
        });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private int run(String... args) {
        return StubService.run(new RollbackCommand(), Map.of("FERRY_TOKEN", TOKEN, "FERRY_AUDIT_URL", stub.base()),
                stdout, stderr, args);
    }

    @Test
    void aDryRunPrintsThePlanAndItsCostAndSendsNothing() {
        int rc = run("--run", "run 1", "--dry-run");

        assertThat(rc).isEqualTo(RollbackCommand.DONE);
        assertThat(requests).containsExactly("POST /runs/run%201/rollback?dryRun=true&force=false");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("delete 2, restore 1, leave alone 1")
                .contains("6 Freshsales calls").contains("DELETE  patients/P-1#0 contacts 501");
    }

    @Test
    void aRollbackIsFollowedUntilItEndsAndExitsZeroWhenEverythingWasRolledBack() {
        int rc = run("--run", "run 1", "--force");

        assertThat(rc).isEqualTo(RollbackCommand.DONE);
        assertThat(requests).startsWith("POST /runs/run%201/rollback?dryRun=false&force=true")
                .contains("GET /runs/run%201/rollback");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("2 deleted, 1 restored, 0 left alone");
        assertThat(stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8))
                .doesNotContain(TOKEN);
    }

    @Test
    void sourceDeletesAreRequestedOnTheirOwnEndpointAndFollowedLikeARollback() {
        int rc = run("--run", "run 1", "--source-deletes");

        assertThat(rc).isEqualTo(RollbackCommand.DONE);
        assertThat(requests).startsWith("POST /runs/run%201/source-deletes?dryRun=false&force=false")
                .contains("GET /runs/run%201/rollback")
                .noneMatch(r -> r.startsWith("POST /runs/run%201/rollback"));
    }

    @Test
    void driftEndsWithExitThreeAndTheRecordsLeftAlone() {
        done = "{\"state\":\"DONE\",\"deleted\":1,\"restored\":0,\"skipped\":1,\"failed\":0,\"records\":[{"
                + "\"outcome\":\"SKIPPED\",\"resource\":\"patients\",\"sourceId\":\"P-2\",\"part\":0,"
                + "\"target\":\"contacts\",\"freshsalesId\":502,\"detail\":\"drift: fields [last_name]\"}]}";

        int rc = run("--run", "run 1");

        assertThat(rc).isEqualTo(RollbackCommand.LEFT_ALONE);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("SKIPPED patients/P-2#0 contacts 502: drift:"
                + " fields [last_name]");
    }

    @Test
    void aRollbackStillRunningWhenTheWaitRunsOutExitsFour() {
        assertThat(run("--run", "run 1", "--timeout", "PT0S")).isEqualTo(RollbackCommand.STILL_RUNNING);
    }

    @Test
    void anUnknownRunExitsOneWithTheServicesAnswer() {
        assertThat(run("--run", "nope")).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("404");
    }
}
