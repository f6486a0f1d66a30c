package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.FreshsalesUsers;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.Topics;
import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.PackagedApp;
import dev.ferry.testsupport.TestKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault matrix (issue 8): each row migrates a fresh practice on a fresh stack while one fault strikes, and ends
 * with {@link MigrationInvariant}. CI runs every row once; {@code bin/ferry soak N} runs the whole matrix N times
 * ({@code -Dferry.matrix.repetitions=N}, {@code -Dferry.matrix.rows=name,name} to pick rows) and writes the table
 * (row, runs, records, lost, duplicated, wrong terminal, time) to {@code target/fault-matrix.md}.
 *
 * <p>Rows that exist as their own tests: {@link LoaderCrashIT} (SIGKILL of a loader replica mid bulk job) and
 * {@link LostResponsesIT} (20 % of responses dropped after the write committed), both ending with the same invariant.
 */
class FaultMatrixIT {

    /**
     * ~250 records a row since custom modules joined (326 at 60 patients; 264 before them): enough for a fault to land
     * mid-run, and the matrix inside CI's 25 minutes.
     */
    private static final int PATIENTS = 45;
    private static final Duration STALL = Duration.ofMinutes(3);
    private static final List<MigrationInvariant.Result> RESULTS = new ArrayList<>();

    /** One row: a name, the sandbox's settings for the run, and the fault, struck once the run is under way. */
    record Row(String name, ObjectNode freshsales, Map<Component, Map<String, String>> extra, Fault fault) {
    }

    @FunctionalInterface
    interface Fault {
        void strike(E2eStack e2e, String runId) throws Exception;
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Component c : List.of(Component.EXTRACTOR, Component.MAPPER, Component.AUDIT)) {
            rows.add(new Row("sigkill-" + c.displayName(), E2eStack.freshsalesSettings(), slowSource(),
                    (e2e, run) -> {
                        awaitOutcomes(e2e, run, 20);
                        e2e.stack.kill(c);
                        e2e.stack.restart(c);
                    }));
        }
        rows.add(new Row("poison-on-every-input-topic", E2eStack.freshsalesSettings(), slowSource(), (e2e, run) -> {
            awaitOutcomes(e2e, run, 20);
            byte[] garbage = "{\"not\": \"an event\", ".getBytes(StandardCharsets.UTF_8);
            try (TestKafka kafka = new TestKafka()) {
                for (String topic : Topics.all()) {
                    kafka.send(topic, "poison", garbage);
                }
            }
        }));
        ObjectNode errors = E2eStack.freshsalesSettings();
        errors.putObject("faults").put("serverErrorRate", 0.1).put("seed", 7);
        rows.add(new Row("freshsales-5xx-10-percent", errors, Map.of(), (e2e, run) -> { }));
        rows.add(new Row("freshsales-429-storm", E2eStack.freshsalesSettings(), slowSource(), (e2e, run) -> {
            awaitOutcomes(e2e, run, 1);
            // The account's minute budget drops under the loader's feet for a while (one call a simulated minute,
            // which is a real second now) while the headers go on describing the roomy hourly bucket, as Freshsales'
            // do: every call beyond it is a 429. Then the account's usual budget comes back.
            e2e.driver.configureFreshsales(FerryJson.mapper().createObjectNode()
                    .put("timeScale", 60).put("perMinuteLimit", 1).put("perHourLimit", 1000)
                    .put("rateLimitHeaderBucket", "HOUR"));
            Thread.sleep(6_000);
            e2e.driver.configureFreshsales(E2eStack.freshsalesSettings().put("perMinuteLimit", 400)
                    .put("perHourLimit", 1000));
            assertThat(e2e.driver.requestSummary().path("rateLimited").asLong()).as("the storm made 429s")
                    .isPositive();
        }));
        ObjectNode slowJobs = E2eStack.freshsalesSettings().put("bulkJobItemDelayMs", 40);
        slowJobs.putObject("faults").put("latencyMs", 50);
        rows.add(new Row("loader-replicas-3-plus-1-minus-1", slowJobs, slowSource(), (e2e, run) -> {
            // Three replicas share the budget and the partitions, a fourth joins mid-run and one leaves: every join
            // and leave is a rebalance that hands partitions over while writes are under way (hole 3's fence).
            e2e.stack.startReplica(Component.LOADER, 1);
            e2e.stack.startReplica(Component.LOADER, 2);
            awaitOutcomes(e2e, run, 20);
            e2e.stack.startReplica(Component.LOADER, 3);
            e2e.stack.replica(Component.LOADER, 1).stop(ChildJvm.DEFAULT_GRACE);
        }));
        rows.add(new Row("kafka-broker-down-30s", E2eStack.freshsalesSettings(), slowSource(), (e2e, run) -> {
            awaitOutcomes(e2e, run, 20);
            ferry("fault", "kafka-stop");
            Thread.sleep(30_000);
            ferry("fault", "kafka-start");
        }));
        rows.add(new Row("postgres-down-20s", E2eStack.freshsalesSettings(), slowSource(), (e2e, run) -> {
            awaitOutcomes(e2e, run, 20);
            ferry("fault", "pg-stop");
            Thread.sleep(20_000);
            ferry("fault", "pg-start");
        }));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyRowEndsEveryRecordExactlyOnceAndCorrectly() {
        int repetitions = Integer.getInteger("ferry.matrix.repetitions", 1);
        List<String> only = List.of(System.getProperty("ferry.matrix.rows", "").split(","));
        return rows().stream().filter(r -> only.equals(List.of("")) || only.contains(r.name()))
                .flatMap(row -> IntStream.rangeClosed(1, repetitions).mapToObj(i -> DynamicTest.dynamicTest(
                        row.name() + (repetitions > 1 ? " #" + i : ""), () -> run(row, i))));
    }

    private static void run(Row row, int repetition) throws Exception {
        E2eStack e2e = E2eStack.start("matrix-" + row.name() + "-" + repetition, PATIENTS, 100L + repetition,
                row.freshsales(), row.extra());
        try {
            ExpectedMigration expected = new ExpectedMigration(e2e.dataset, FreshsalesUsers.forDataset(e2e.dataset.folder));
            long started = System.nanoTime();
            String runId = e2e.driver.startFullRun(FreshsalesAssertions.resources());
            row.fault().strike(e2e, runId);
            MigrationInvariant.Result result = MigrationInvariant.check(row.name(), e2e, expected, runId, STALL, started);
            synchronized (RESULTS) {
                RESULTS.add(result);
            }
            assertThat(result.holds()).as(result.describe()).isTrue();
        } finally {
            // The row is decided; a graceful stop (up to 20 s) would prove nothing the other suites do not.
            e2e.abort();
        }
    }

    /** The Dr.DENTES sandbox answers slowly, so a run lasts long enough for a fault to land in its middle. */
    private static Map<Component, Map<String, String>> slowSource() {
        return Map.of(Component.DENTES_SIM, Map.of("dentes-sim.faults.latency-millis", "150"),
                Component.EXTRACTOR, Map.of("ferry.extractor.dentes.page-size", "20",
                        "ferry.extractor.resume-on-start", "true"));
    }

    /** Waits until the run has at least {@code n} outcomes in the audit ledger: the run is under way. */
    static void awaitOutcomes(E2eStack e2e, String runId, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode rec;
            try {
                rec = e2e.driver.reconciliation(runId);
            } catch (IllegalStateException notYet) {
                // 404 until the audit has read the run's first event.
                Thread.sleep(200);
                continue;
            }
            long seen = 0;
            for (JsonNode r : rec.path("resources")) {
                seen += r.path("terminal").asLong(0) + r.path("deferred").asLong(0);
            }
            if (seen >= n) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " never reached " + n + " outcomes");
    }

    /** Runs {@code bin/ferry <args>} (the project's own infrastructure script) and waits for it. */
    static void ferry(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PackagedApp.repoRoot().resolve("bin/ferry").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("bin/ferry " + String.join(" ", args) + ": " + out).isZero();
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (RESULTS.isEmpty()) {
            return;
        }
        StringBuilder t = new StringBuilder("| row | runs | records | lost | duplicated | wrong terminal | stale | "
                + "left open | time (median s) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<MigrationInvariant.Result>> byRow = new LinkedHashMap<>();
        RESULTS.forEach(r -> byRow.computeIfAbsent(r.row(), k -> new ArrayList<>()).add(r));
        byRow.forEach((row, rs) -> {
            List<Double> secs = rs.stream().map(r -> r.took().toMillis() / 1000.0).sorted().toList();
            t.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f |%n", row, rs.size(),
                    rs.stream().mapToInt(MigrationInvariant.Result::records).sum(),
                    rs.stream().mapToInt(MigrationInvariant.Result::lost).sum(),
                    rs.stream().mapToInt(MigrationInvariant.Result::duplicated).sum(),
                    rs.stream().mapToInt(MigrationInvariant.Result::wrongTerminal).sum(),
                    rs.stream().mapToInt(MigrationInvariant.Result::staleFields).sum(),
                    rs.stream().mapToInt(MigrationInvariant.Result::leftOpen).sum(), secs.get(secs.size() / 2)));
        });
        Path out = Path.of("target/fault-matrix.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, t.toString());
        System.out.println(t);
    }
}
