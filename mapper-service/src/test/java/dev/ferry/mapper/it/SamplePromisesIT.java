package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample diff's promise (issue 11 step 4) on the real broker and PostgreSQL: a SAMPLE run's mapped records are
 * kept, and {@code GET /runs/{runId}/promised} gives what the run's confirmed map promises each holds; asked under a
 * map with one rule changed, exactly that field's promise changes. A FULL run keeps nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class SamplePromisesIT {

    private static final String YAML = "application/yaml";
    /** The planted mistake: the patients' preferred language read from their gender. */
    static final String RIGHT_RULE = "      - to: custom_field.cf_preferred_language\n        from: preferred_language";
    static final String WRONG_RULE = "      - to: custom_field.cf_preferred_language\n        from: gender";

    @Inject
    MapperItConfig config;

    private static TestKafka kafka;

    @BeforeAll
    static void clients() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static String confirm(String text) {
        return given().contentType(YAML).body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/mapping/confirmations").then().statusCode(org.hamcrest.Matchers.either(
                        org.hamcrest.Matchers.is(201)).or(org.hamcrest.Matchers.is(200)))
                .extract().path("mappingVersion");
    }

    private void send(String topic, RunMode mode, SourceResource resource, String runId, String json) {
        ObjectNode payload = Fixtures.json(json);
        kafka.sendJson(topic, payload.get("id").asText(), new SourceRecordEnvelope(null, runId, mode, resource,
                payload.get("id").asText(), null, "2024-06-01T10:00:00+03:00", false, payload, Instant.now()));
    }

    private void run(String runId, RunMode mode, String mapVersion) {
        MapperDb db = new MapperDb();
        db.seedMetadata(runId);
        kafka.sendJson(config.runsTopic, runId, new RunEvent.RunStarted(null, runId, mode, mapVersion,
                List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS, SourceResource.PATIENTS), Instant.now()));
        send(config.practitionersTopic, mode, SourceResource.PRACTITIONERS, runId, "{\"id\": \"PR-1\", \"first_name\":"
                + " \"Staff\", \"last_name\": \"One\", \"role\": \"DENTIST\", \"active\": true, \"email\":"
                + " \"ilker.sahin@klinik.example\"}");
        send(config.clinicsTopic, mode, SourceResource.CLINICS, runId, "{\"id\": \"C-1\", \"name\": \"Klinik C-1\","
                + " \"parent_clinic_id\": null, \"phone\": \"0216 555 12 34\", \"address\": {\"city\": \"İstanbul\","
                + " \"country\": \"TR\"}}");
        send(config.patientsTopic, mode, SourceResource.PATIENTS, runId, Fixtures.patient("P-1", "{}"));
        send(config.patientsTopic, mode, SourceResource.PATIENTS, runId, Fixtures.patient("P-2",
                "{\"email\": \"p2@example.com\", \"preferred_language\": \"en\"}"));
        kafka.sendJson(config.runsTopic, runId, manifest(runId, SourceResource.PRACTITIONERS, 1));
        kafka.sendJson(config.runsTopic, runId, manifest(runId, SourceResource.CLINICS, 1));
        kafka.sendJson(config.runsTopic, runId, manifest(runId, SourceResource.PATIENTS, 2));
    }

    @Test
    void aSampleRunsRecordsArePromisedByItsMapAndAChangedRuleChangesExactlyItsField() {
        String text = Fixtures.SPEC.text();
        assertThat(text).contains(RIGHT_RULE);
        String right = confirm(text);
        String wrong = confirm(text.replace(RIGHT_RULE, WRONG_RULE));

        String sample = Records.runId();
        run(sample, RunMode.SAMPLE, right);
        JsonNode[] promised = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            promised[0] = FerryJson.mapper().readTree(given().get("/runs/{run}/promised", sample).then()
                    .statusCode(200).extract().asString());
            assertThat(promised[0].path("records").size()).isEqualTo(3);
        });
        JsonNode body = promised[0];
        assertThat(body.path("mapVersion").asText()).isEqualTo(right);
        assertThat(body.path("runMapVersion").asText()).isEqualTo(right);
        Map<String, JsonNode> byId = byId(body);
        assertThat(byId).containsOnlyKeys("clinics/C-1", "patients/P-1", "patients/P-2");
        JsonNode p2 = byId.get("patients/P-2");
        assertThat(p2.at("/custom_field/cf_dentes_id").asText()).isEqualTo("P-2");
        assertThat(p2.at("/custom_field/cf_preferred_language").asText()).isEqualTo("en");
        assertThat(p2.path("last_name").asText()).isEqualTo("Yılmaz");

        JsonNode under = readTree(given().queryParam("map", wrong).get("/runs/{run}/promised", sample).then()
                .statusCode(200).extract().asString());
        assertThat(under.path("mapVersion").asText()).isEqualTo(wrong);
        Map<String, JsonNode> changed = byId(under);
        for (String id : byId.keySet()) {
            List<String> differing = differing(byId.get(id), changed.get(id));
            if (id.startsWith("patients/")) {
                assertThat(differing).as(id).containsExactly("custom_field.cf_preferred_language");
            } else {
                assertThat(differing).as(id).isEmpty();
            }
        }
        assertThat(changed.get("patients/P-2").at("/custom_field/cf_preferred_language").asText()).isEqualTo("F");

        // A full run keeps no source records: it has no promises.
        String full = Records.runId();
        run(full, RunMode.FULL, right);
        given().get("/runs/{run}/promised", full).then().statusCode(409);
        given().get("/runs/{run}/promised", "no-such-run").then().statusCode(404);
        given().queryParam("map", "v999").get("/runs/{run}/promised", sample).then().statusCode(404);
    }

    private static Map<String, JsonNode> byId(JsonNode body) {
        Map<String, JsonNode> out = new HashMap<>();
        body.path("records").forEach(r -> out.put(r.path("resource").asText() + "/" + r.path("sourceId").asText(),
                r.path("expected")));
        return out;
    }

    private static List<String> differing(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("custom_field")) {
                for (Iterator<String> c = a.get(f).fieldNames(); c.hasNext(); ) {
                    String cf = c.next();
                    if (!a.get(f).get(cf).equals(b.path(f).get(cf))) {
                        out.add("custom_field." + cf);
                    }
                }
            } else if (!a.get(f).equals(b.get(f))) {
                out.add(f);
            }
        }
        return out;
    }

    private static JsonNode readTree(String s) {
        try {
            return FerryJson.mapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
