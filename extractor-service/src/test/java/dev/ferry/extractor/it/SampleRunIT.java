package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.sample.SampleCandidates;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.PostgresEndpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A SAMPLE run (issue 11 step 4) on the real broker and PostgreSQL against the real Dr.DENTES sandbox: the size is
 * checked; the run publishes exactly the records its first attempt chose, each once, within the size, with every parent
 * their links name; every treatment type and appointment type of the practice is in it; its manifests name exactly what
 * it published; and it leaves the delta watermarks alone.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "topics", value = "dentes.raw.practitioners,dentes.raw.clinics,dentes.raw.patients,dentes.raw.products,"
                + "dentes.raw.treatment-cases,dentes.raw.appointments,migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
@QuarkusTestResource(value = DentesSandboxResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "patients", value = "300"))
class SampleRunIT {

    private static final String BODY = "{\"mode\": \"SAMPLE\", \"size\": %d}";

    @Test
    void aSampleRunPublishesItsChosenRecordsWithTheirParentsAndNothingElse() throws Exception {
        given().contentType(ContentType.JSON).body(BODY.formatted(199)).post("/runs").then().statusCode(400);
        given().contentType(ContentType.JSON).body(BODY.formatted(501)).post("/runs").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"mode\": \"SAMPLE\", \"resources\": [\"patients\"]}")
                .post("/runs").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"mode\": \"FULL\", \"size\": 300}").post("/runs").then()
                .statusCode(400);

        String run = given().contentType(ContentType.JSON).body(BODY.formatted(200)).post("/runs").then()
                .statusCode(202).extract().path("runId");
        JsonPath view = FullRunIT.awaitState(run, "COMPLETED");
        assertThat(view.getString("mode")).isEqualTo("SAMPLE");

        Map<SourceResource, Set<String>> chosen = chosen(run);
        int size = chosen.values().stream().mapToInt(Set::size).sum();
        assertThat(size).isLessThanOrEqualTo(200).isGreaterThan(150);

        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        Map<SourceResource, Set<String>> published = new HashMap<>();
        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), run,
                SampleCandidates.RESOURCES)) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(10));
            for (SourceResource r : SampleCandidates.RESOURCES) {
                Set<String> ids = new TreeSet<>();
                for (RunTopicsReader.Received<SourceRecordEnvelope> m : reader.records(r)) {
                    assertThat(m.value().mode()).isEqualTo(RunMode.SAMPLE);
                    assertThat(ids.add(m.value().sourceId())).as("published once: " + m.value().sourceId()).isTrue();
                }
                published.put(r, ids);
                List<String> manifest = new ArrayList<>();
                reader.events(RunEvent.ManifestIds.class).stream().filter(e -> e.resource() == r)
                        .forEach(e -> manifest.addAll(e.ids()));
                assertThat(new TreeSet<>(manifest)).as(r.path() + " manifest").isEqualTo(ids);
            }
        }
        for (SourceResource r : SampleCandidates.RESOURCES) {
            assertThat(published.get(r)).as(r.path()).isEqualTo(chosen.getOrDefault(r, Set.of()));
        }
        assertThat(published.get(SourceResource.TREATMENT_CASES)).isNotEmpty();
        assertThat(published.get(SourceResource.APPOINTMENTS)).isNotEmpty();

        // Every parent a sampled record names came along; every type of the practice is sampled.
        Map<String, ObjectNode> cases = sandbox.readAll("treatment-cases");
        Map<String, ObjectNode> appointments = sandbox.readAll("appointments");
        Map<String, ObjectNode> patients = sandbox.readAll("patients");
        // A link to a record the tenant lacks (the practice's dangling references) names no parent to bring along.
        live = new HashSet<>();
        for (String resource : List.of("practitioners", "clinics", "patients", "products")) {
            sandbox.readAll(resource).forEach((id, r) -> {
                if (!r.path("deleted").asBoolean(false)) {
                    live.add(resource + "/" + id);
                }
            });
        }
        for (String id : published.get(SourceResource.TREATMENT_CASES)) {
            parentsIn(cases.get(id), published);
            for (JsonNode p : cases.get(id).path("procedures")) {
                if (p.hasNonNull("product_id") && live.contains("products/" + p.get("product_id").asText())) {
                    assertThat(published.get(SourceResource.PRODUCTS)).contains(p.get("product_id").asText());
                }
            }
        }
        published.get(SourceResource.APPOINTMENTS).forEach(id -> parentsIn(appointments.get(id), published));
        for (String id : published.get(SourceResource.PATIENTS)) {
            ObjectNode p = patients.get(id);
            if (p.hasNonNull("clinic_id") && live.contains("clinics/" + p.get("clinic_id").asText())) {
                assertThat(published.get(SourceResource.CLINICS)).contains(p.get("clinic_id").asText());
            }
        }
        assertThat(values(cases, published.get(SourceResource.TREATMENT_CASES), "treatment_type"))
                .isEqualTo(values(cases, cases.keySet(), "treatment_type"));
        assertThat(values(appointments, published.get(SourceResource.APPOINTMENTS), "type"))
                .isEqualTo(values(appointments, appointments.keySet(), "type"));

        // A sample is no extraction of the whole resource: it must not move a delta watermark.
        assertThat(count("SELECT count(*) FROM %s.delta_watermark WHERE run_id = '" + run + "'")).isZero();
    }

    private Set<String> live;

    private void parentsIn(ObjectNode r, Map<SourceResource, Set<String>> published) {
        assertThat(r).isNotNull();
        for (Map.Entry<String, SourceResource> link : Map.of("patient_id", SourceResource.PATIENTS, "clinic_id",
                SourceResource.CLINICS, "practitioner_id", SourceResource.PRACTITIONERS).entrySet()) {
            if (r.hasNonNull(link.getKey())
                    && live.contains(link.getValue().path() + "/" + r.get(link.getKey()).asText())) {
                assertThat(published.get(link.getValue())).as(link.getKey())
                        .contains(r.get(link.getKey()).asText());
            }
        }
    }

    private static Set<String> values(Map<String, ObjectNode> records, Set<String> ids, String field) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            ObjectNode r = records.get(id);
            if (r.hasNonNull(field) && !r.path("deleted").asBoolean(false)) {
                out.add(r.get(field).asText());
            }
        }
        return out;
    }

    private static Map<SourceResource, Set<String>> chosen(String run) throws Exception {
        Map<SourceResource, Set<String>> out = new HashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(("SELECT resource, source_id FROM %s.sample_record WHERE run_id = '"
                        + run + "'").formatted(schema()))) {
            while (rs.next()) {
                out.computeIfAbsent(SourceResource.fromPath(rs.getString(1)), k -> new TreeSet<>())
                        .add(rs.getString(2));
            }
        }
        return out;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.formatted(schema()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String schema() {
        return ConfigProvider.getConfig().getValue("quarkus.hibernate-orm.database.default-schema", String.class);
    }

    private static Connection connection() throws Exception {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }
}
