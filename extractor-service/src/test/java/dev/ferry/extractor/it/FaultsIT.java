package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tenant misbehaves: 429s with Retry-After, random 503s, pages that fail once; then an outage long enough to
 * exhaust the retries. The first run must complete with every record exactly once; the second must fail with a reason
 * an operator understands, and a resume after the outage must finish it without reading a checkpointed page again.
 */
@QuarkusTest
@TestProfile(FaultsIT.SmallPagesQuickRetries.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "topics", value = "dentes.raw.practitioners,dentes.raw.clinics,dentes.raw.patients,migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
@QuarkusTestResource(value = DentesSandboxResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "patients", value = "1000"),
        @ResourceArg(name = "dentes-sim.faults.rate-limit-rate", value = "0.15"),
        @ResourceArg(name = "dentes-sim.faults.retry-after-seconds", value = "1"),
        @ResourceArg(name = "dentes-sim.faults.server-error-rate", value = "0.15"),
        @ResourceArg(name = "dentes-sim.faults.fail-once-pages", value = "patients:2,patients:7,clinics:1")})
class FaultsIT {

    private static final List<SourceResource> RESOURCES =
            List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS, SourceResource.PATIENTS);

    /** Pages of 50 (20 for the patients), two in flight, retries in milliseconds rather than seconds. */
    public static class SmallPagesQuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.extractor.dentes.page-size", "50",
                    "ferry.extractor.max-concurrency", "2",
                    "ferry.extractor.dentes.retry.initial-delay", "PT0.05S",
                    "ferry.extractor.dentes.retry.max-delay", "PT0.4S",
                    "ferry.extractor.dentes.retry.max-attempts", "8");
        }
    }

    @Test
    @Order(1)
    void throttlingServerErrorsAndFlakyPagesStillGiveACompleteRun() {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        String runId = start("[\"practitioners\", \"clinics\", \"patients\"]");

        FullRunIT.awaitState(runId, "COMPLETED");

        assertThat(sandbox.requests("patients", 429) + sandbox.requests("clinics", 429)
                + sandbox.requests("practitioners", 429)).as("429s served").isPositive();
        assertThat(sandbox.requests("patients", 503)).as("503s served").isGreaterThanOrEqualTo(2);
        try (RunTopicsReader reader = reader(runId)) {
            for (SourceResource r : RESOURCES) {
                Map<String, Long> perId = reader.records(r).stream()
                        .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
                assertThat(perId).as(r.path()).hasSize((int) sandbox.total(r.path()))
                        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
                assertThat(reader.events(RunEvent.ManifestCounted.class).stream().filter(m -> m.resource() == r)
                        .findFirst().orElseThrow().count()).isEqualTo(sandbox.total(r.path()));
            }
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "THROTTLED")).isPositive();
        assertThat(counter(metrics, "SERVER_ERROR")).isPositive();
    }

    @Test
    @Order(2)
    void anOutageFailsTheRunWithAReasonAndAResumeFinishesItFromTheCheckpoints() {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        sandbox.configure("{\"faults\": {\"rateLimitRate\": 0, \"serverErrorRate\": 0, \"failOncePages\": [],"
                + " \"latencyMillis\": 100}}");
        String runId = start("[\"patients\"]");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().get("/runs/" + runId).then().extract().jsonPath()
                        .getInt("resources[0].pagesDone") >= 4);

        sandbox.configure("{\"faults\": {\"serverErrorRate\": 1.0}}");
        JsonPath failed = FullRunIT.awaitState(runId, "FAILED");

        assertThat(failed.getString("failureReason")).contains("patients: GET patients page").contains("HTTP 503")
                .contains("gave up after 8 attempts");
        assertThat(failed.getString("resources[0].state")).isEqualTo("FAILED");
        int checkpointed = failed.getInt("resources[0].pagesDone");
        int totalPages = failed.getInt("resources[0].totalPages");
        assertThat(totalPages).isEqualTo(20);
        assertThat(checkpointed).isBetween(4, 19);

        sandbox.configure("{\"faults\": {\"serverErrorRate\": 0}}");
        long before = sandbox.requests("patients", 200);
        given().post("/runs/" + runId + "/resume").then().statusCode(202);
        JsonPath done = FullRunIT.awaitState(runId, "COMPLETED");

        // Only the pages without checkpoint were read again, plus one catch-up page and two count probes.
        assertThat(sandbox.requests("patients", 200) - before).isEqualTo((totalPages - checkpointed) + 3);
        assertThat(done.getInt("attempts")).isEqualTo(2);
        assertThat(done.getString("resources[0].state")).isEqualTo("DONE");
        try (RunTopicsReader reader = reader(runId)) {
            List<RunTopicsReader.Received<SourceRecordEnvelope>> got = reader.records(SourceResource.PATIENTS);
            Map<String, Long> perId = got.stream()
                    .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
            // A failed page publishes nothing, so even across the failure every patient went out exactly once.
            assertThat(perId).hasSize(1000).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(reader.events(RunEvent.ManifestCounted.class)).singleElement()
                    .satisfies(m -> assertThat(m.count()).isEqualTo(1000));
            assertThat(reader.events(RunEvent.RunStarted.class)).hasSize(1);
        }
    }

    private static String start(String resources) {
        return given().contentType(ContentType.JSON).body("{\"mode\": \"FULL\", \"resources\": " + resources + "}")
                .post("/runs").then().statusCode(202).extract().path("runId");
    }

    private static RunTopicsReader reader(String runId) {
        RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), runId, RESOURCES);
        reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
        reader.drain(Duration.ofSeconds(30));
        return reader;
    }

    private static double counter(String metrics, String reason) {
        Matcher m = Pattern.compile("ferry_extractor_dentes_retries_total\\{[^}]*reason=\"" + reason
                + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
