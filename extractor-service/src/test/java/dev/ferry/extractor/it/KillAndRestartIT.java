package dev.ferry.extractor.it;

import dev.ferry.contracts.security.Roles;
import dev.ferry.testsupport.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.contracts.RunEvent;
import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.PackagedApp;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The extractor process is stopped (SIGTERM) in the middle of the patients' page pass, started again on the same
 * database, and that second process is killed (SIGKILL: no shutdown hook, as a crashed pod) a few pages later. Each
 * new process must find the run interrupted, resume it by itself, read only the pages that had no checkpoint
 * (counted on the sandbox's {@code /_sim/stats}), and the manifest must count every patient once although pages in
 * flight at a stop went out twice.
 */
class KillAndRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<SourceResource> RESOURCES =
            List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS, SourceResource.PATIENTS);
    private static final int PAGE_SIZE = 50;
    private static final int CONCURRENCY = 2;

    private final HttpClient http = HttpClient.newHttpClient();
    private String schema;
    private DentesSandbox sandbox;
    private ChildJvm extractor;

    @BeforeEach
    void setUp() {
        schema = "extractor_kill_" + UUID.randomUUID().toString().substring(0, 8);
        FerryInfrastructure.createSchema(schema);
        FerryInfrastructure.createTopics(3, "dentes.raw.practitioners", "dentes.raw.clinics", "dentes.raw.patients",
                "migration.runs");
        sandbox = DentesSandbox.start(1000, "dentes-sim.faults.latency-millis=200");
    }

    @AfterEach
    void tearDown() {
        if (extractor != null) {
            extractor.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        FerryInfrastructure.dropSchema(schema);
    }

    private ChildJvm startExtractor() {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        return PackagedApp.EXTRACTOR.jvm("extractor").jvmOption("-Xmx384m").freeHttpPort().readyPath("/q/health/ready")
                .logDir(Path.of("target/it-logs").toAbsolutePath())
                .systemProperties(TestTokens.packagedServiceProperties()).systemProperties(List.of(
                "kafka.bootstrap.servers=" + FerryInfrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url=" + pg.jdbcUrl(),
                "quarkus.datasource.username=" + pg.user(),
                "quarkus.datasource.password=" + pg.password(),
                "quarkus.hibernate-orm.database.default-schema=" + schema,
                "quarkus.flyway.schemas=" + schema,
                "ferry.extractor.dentes.base-url=" + sandbox.baseUrl(),
                "ferry.extractor.dentes.page-size=" + PAGE_SIZE,
                "ferry.extractor.max-concurrency=" + CONCURRENCY,
                "ferry.extractor.resume-on-start=true",
                // No mapper here to say which fields the mapping reads: records go whole (system-tests run the mapper).
                "ferry.extractor.fields.source=ALL",
                // Nor to say which map is confirmed: the map gate is off (MapGateTest and system-tests test it).
                "ferry.extractor.map-gate.required=false")).build().startAndAwaitReady(Duration.ofSeconds(90));
    }

    @Test
    void aStoppedAndThenAKilledExtractorResumeFromTheirCheckpointsAndCountEveryRecordOnce() throws Exception {
        extractor = startExtractor();
        String runId = JSON.readTree(send("POST", "/runs",
                "{\"mode\": \"FULL\", \"resources\": [\"practitioners\", \"clinics\", \"patients\"]}"))
                .path("runId").asText();

        // 1. A graceful stop (SIGTERM, as Kubernetes does) in the middle of the patients' page pass.
        awaitPatientPages(runId, 4);
        extractor.close();
        // Every shutdown path writes this one line. Regression (CI 2026-12-06, twice): the run stopped only in
        // @PreDestroy, which raced the Kafka producer's and the pool's; paths wrote different lines or none at all.
        assertThat(extractor.log()).contains("run " + runId + ": stopped by shutdown; it resumes from its checkpoints");
        assertThat(extractor.log()).as("a shutdown is no resource failure").doesNotContain("cannot record the failure");
        extractor = null;
        int afterStop = checkpointedPages(runId);
        assertThat(runState(runId)).as("a stop is no failure").isEqualTo("RUNNING");
        settleSandbox();
        long clinicsDone = sandbox.requests("clinics", 200);
        long practitionersDone = sandbox.requests("practitioners", 200);
        long beforeSecond = sandbox.requests("patients", 200);

        // 2. The next process resumes by itself; it is killed (SIGKILL, no shutdown at all) a few pages later.
        extractor = startExtractor();
        assertThat(extractor.log()).contains("run " + runId + ": resuming after restart");
        awaitPatientPages(runId, afterStop + 5);
        extractor.kill();
        extractor = null;
        int afterKill = checkpointedPages(runId);
        settleSandbox();
        long beforeThird = sandbox.requests("patients", 200);
        assertThat(afterKill).isBetween(afterStop + 5, 19);
        // It read only pages without checkpoint: the ones it finished, and at most one window in flight at the kill.
        assertThat(beforeThird - beforeSecond).isBetween((long) afterKill - afterStop,
                (long) afterKill - afterStop + CONCURRENCY);

        // 3. The third process finishes the run.
        extractor = startExtractor();
        JsonNode run = awaitCompleted(runId);

        assertThat(run.path("attempts").asInt()).isEqualTo(3);
        // Exactly the pages without checkpoint, then the catch-up page and the two count probes...
        assertThat(sandbox.requests("patients", 200) - beforeThird).isEqualTo((20 - afterKill) + 3);
        // ...and nothing of the resources that were done before the first stop.
        assertThat(sandbox.requests("clinics", 200)).isEqualTo(clinicsDone);
        assertThat(sandbox.requests("practitioners", 200)).isEqualTo(practitionersDone);

        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), runId,
                RESOURCES)) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(30));
            List<RunTopicsReader.Received<SourceRecordEnvelope>> got = reader.records(SourceResource.PATIENTS);
            Map<String, Long> perId = got.stream()
                    .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
            assertThat(perId).hasSize(1000);
            // Pages in flight at a stop may have been published without their checkpoint: at most that many repeat.
            assertThat(got.size() - perId.size()).isLessThanOrEqualTo(2 * CONCURRENCY * PAGE_SIZE);
            // The manifest counts distinct records, not messages, and each run event went out once.
            assertThat(reader.events(RunEvent.ManifestCounted.class).stream()
                    .filter(m -> m.resource() == SourceResource.PATIENTS).toList())
                    .singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(1000));
            assertThat(reader.events(RunEvent.ManifestCounted.class)).hasSize(3);
            // The manifest's ids (issue 8 hole 6): the patients' ids once each, whatever the stops and kills.
            List<String> manifestIds = reader.events(RunEvent.ManifestIds.class).stream()
                    .filter(m -> m.resource() == SourceResource.PATIENTS).flatMap(m -> m.ids().stream()).toList();
            assertThat(manifestIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(perId.keySet());
            assertThat(reader.events(RunEvent.RunStarted.class)).hasSize(1);
            assertThat(reader.events(RunEvent.ExtractionFinished.class)).singleElement()
                    .satisfies(e -> assertThat(e.counts()).containsEntry(SourceResource.PATIENTS, 1000L));
        }
    }

    private void awaitPatientPages(String runId, int pages) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode run = JSON.readTree(send("GET", "/runs/" + runId, null));
            assertThat(run.path("state").asText()).as("still running").isNotIn("COMPLETED", "FAILED");
            return patients(run).path("pagesDone").asInt() >= pages;
        });
    }

    /**
     * Waits until requests the dead process left in the sandbox (sleeping in its injected latency) are answered and
     * counted, so the next process's requests are told apart from them.
     */
    private void settleSandbox() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(600)).pollInterval(Duration.ofMillis(600))
                .until(() -> {
                    long now = sandbox.requests("patients", 200);
                    boolean stable = now == last[0];
                    last[0] = now;
                    return stable;
                });
    }

    private String runState(String runId) throws Exception {
        return queryString("SELECT state FROM " + schema + ".extraction_run WHERE run_id = ?", runId);
    }

    private JsonNode awaitCompleted(String runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = JSON.readTree(send("GET", "/runs/" + runId, null));
            assertThat(last[0].path("state").asText()).as(last[0].path("failureReason").asText()).isNotEqualTo("FAILED");
            return last[0].path("state").asText().equals("COMPLETED");
        });
        return last[0];
    }

    private static JsonNode patients(JsonNode run) {
        for (JsonNode r : run.path("resources")) {
            if (r.path("resource").asText().equals("patients")) {
                return r;
            }
        }
        throw new AssertionError("no patients in " + run);
    }

    private int checkpointedPages(String runId) throws Exception {
        return Integer.parseInt(queryString("SELECT count(*) FROM " + schema
                + ".page_checkpoint WHERE run_id = ? AND resource = 'patients'", runId));
    }

    private static String queryString(String sql, String runId) throws Exception {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(extractor.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", TestTokens.bearer(Roles.OPERATOR, Roles.VIEWER));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
