package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The practice keeps working while the run reads it: after the third page of patients, the ten oldest patients are
 * edited (they jump to the end of the updated_at order, so every later page shifts by ten and ten records slide onto
 * a page already read), four patients are created and two soft-deleted, through the sandbox's
 * {@code POST /_sim/mutations}. The run must still publish every patient, end with each one's current version, and
 * count them right.
 */
@QuarkusTest
@TestProfile(ShiftingSourceIT.SlowSequentialReads.class)
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "topics", value = "dentes.raw.patients,migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
@QuarkusTestResource(value = DentesSandboxResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "patients", value = "1000"),
        @ResourceArg(name = "dentes-sim.faults.latency-millis", value = "150")})
class ShiftingSourceIT {

    /** Pages of 100 read one at a time, slowly enough to change the practice in the middle. */
    public static class SlowSequentialReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.extractor.dentes.page-size", "100", "ferry.extractor.max-concurrency", "1");
        }
    }

    @Test
    void recordsChangedCreatedAndDeletedMidRunEndUpCurrentAndCounted() {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        JsonNode oldest = sandbox.page("patients", 1, 10).path("data");
        Set<String> edited = new HashSet<>();
        oldest.forEach(r -> edited.add(r.path("id").asText()));

        String runId = given().contentType(ContentType.JSON)
                .body("{\"mode\": \"FULL\", \"resources\": [\"patients\"]}")
                .post("/runs").then().statusCode(202).extract().path("runId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonPath run = given().get("/runs/" + runId).then().extract().jsonPath();
            assertThat(run.getString("state")).as("the page pass must still be running").isNotIn("COMPLETED",
                    "FAILED");
            return run.getInt("resources[0].pagesDone") >= 3;
        });

        ObjectNode mutation = FerryJson.mapper().createObjectNode();
        mutation.put("seed", 7);
        mutation.putObject("upsert").set("patients", oldest);
        mutation.putObject("create").put("patients", 4);
        mutation.putObject("delete").put("patients", 2);
        JsonNode applied = sandbox.mutate(mutation.toString());
        Set<String> created = ids(applied.path("created").path("patients"));
        Set<String> deleted = ids(applied.path("deleted").path("patients"));
        assertThat(created).hasSize(4);
        assertThat(deleted).hasSize(2);

        JsonPath run = FullRunIT.awaitState(runId, "COMPLETED");
        Map<String, ObjectNode> now = sandbox.readAll("patients");

        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), runId,
                List.of(SourceResource.PATIENTS))) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(30));
            List<RunTopicsReader.Received<SourceRecordEnvelope>> got = reader.records(SourceResource.PATIENTS);

            // Every patient the practice has now, and nothing else, reached Kafka...
            Map<String, SourceRecordEnvelope> last = new HashMap<>();
            got.forEach(m -> last.put(m.value().sourceId(), m.value())); // key = id: one partition, offset order
            assertThat(last.keySet()).containsExactlyInAnyOrderElementsOf(now.keySet());
            // ...and the last message of each is its current version (edits and soft deletes included).
            now.forEach((id, record) -> {
                assertThat(last.get(id).sourceUpdatedAt()).as(id).isEqualTo(record.path("updated_at").asText());
                assertThat(last.get(id).deleted()).as(id).isEqualTo(record.path("deleted").asBoolean(false));
            });
            // Once per version read: the ten edited ones twice (read before and after the edit), untouched ones once.
            Map<String, Long> times = got.stream()
                    .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
            edited.stream().filter(id -> !deleted.contains(id))
                    .forEach(id -> assertThat(times.get(id)).as(id).isEqualTo(2L));
            times.forEach((id, n) -> {
                if (!edited.contains(id) && !deleted.contains(id)) {
                    assertThat(n).as(id).isEqualTo(1L);
                }
            });

            RunEvent.ManifestCounted manifest = reader.events(RunEvent.ManifestCounted.class).get(0);
            assertThat(manifest.count()).isEqualTo(now.size()).isEqualTo(1004);
            assertThat(manifest.deleted())
                    .isEqualTo(now.values().stream().filter(r -> r.path("deleted").asBoolean(false)).count());
            // The manifest's ids (issue 8 hole 6) are the practice's ids now: repaired and created ones included,
            // each once, whatever the pages that shifted under the read.
            List<String> manifestIds = reader.events(RunEvent.ManifestIds.class).stream()
                    .flatMap(m -> m.ids().stream()).toList();
            assertThat(manifestIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(now.keySet());
            assertThat(manifest.idChunks()).isEqualTo(reader.events(RunEvent.ManifestIds.class).size());
        }
        // The page pass alone missed records (the shift), and a repair round found them.
        assertThat(run.getInt("resources[0].verificationRounds")).isGreaterThanOrEqualTo(2);
        assertThat(run.getLong("resources[0].unverifiedTail")).isZero();
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
