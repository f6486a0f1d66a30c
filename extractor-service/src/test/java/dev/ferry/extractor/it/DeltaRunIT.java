package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A DELTA run (issue 12) on the real broker and PostgreSQL against the real Dr.DENTES sandbox: after a FULL run, the
 * practice changes (two patients modified, one created, one soft-deleted); the delta publishes exactly those, plus the
 * one untouched patient the audit (a stub here) lists as not settled, re-read by id; an id the source no longer has
 * is skipped. Its range is fixed from the FULL run's watermark, and its own completion moves the watermark.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "topics", value = "dentes.raw.practitioners,dentes.raw.clinics,dentes.raw.patients,migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
@QuarkusTestResource(value = DentesSandboxResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "patients", value = "120"))
@QuarkusTestResource(value = AuditStubResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DeltaRunIT.NarrowOverlap.class, restrictToAnnotatedClass = true)
class DeltaRunIT {

    private static final List<SourceResource> RESOURCES =
            List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS, SourceResource.PATIENTS);
    private static final String BODY = "{\"mode\": \"%s\", \"resources\": [\"practitioners\", \"clinics\","
            + " \"patients\"]}";

    /** One process, one clock: a 1 s overlap, so the test can count exactly what the delta reads. */
    public static class NarrowOverlap implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("ferry.extractor.consistency.clock-skew-margin", "PT1S");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void aDeltaReadsWhatChangedSinceTheWatermarkAndWhatDidNotSucceed() throws Exception {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        String full = given().contentType(ContentType.JSON).body(BODY.formatted("FULL")).post("/runs").then()
                .statusCode(202).extract().path("runId");
        JsonPath fullRun = FullRunIT.awaitState(full, "COMPLETED");
        Instant fullSnapshot = Instant.parse(fullRun.getString("snapshotAt"));
        assertThat(watermarks().get("patients")).isEqualTo(fullSnapshot.minusSeconds(1));

        JsonNode changed = sandbox.mutate("{\"seed\":5,\"create\":{\"patients\":1},\"modify\":{\"patients\":2},"
                + "\"delete\":{\"patients\":1}}");
        Set<String> expected = new TreeSet<>();
        for (String op : List.of("created", "modified", "deleted")) {
            changed.path(op).path("patients").forEach(id -> expected.add(id.asText()));
        }
        assertThat(expected).hasSize(4);
        String deleted = changed.path("deleted").path("patients").get(0).asText();
        // An untouched patient whose last outcome was no success, one that changed anyway, one the source lost.
        String untouched = sandbox.readAll("patients").keySet().stream().filter(id -> !expected.contains(id))
                .sorted().findFirst().orElseThrow();
        String modified = changed.path("modified").path("patients").get(0).asText();
        AuditStubResource.UNSETTLED.put("patients", List.of(untouched, modified, "P-GONE-1"));
        AuditStubResource.ASKED.clear();

        String delta = given().contentType(ContentType.JSON).body(BODY.formatted("DELTA")).post("/runs").then()
                .statusCode(202).extract().path("runId");
        JsonPath deltaRun = FullRunIT.awaitState(delta, "COMPLETED");
        assertThat(deltaRun.getString("mode")).isEqualTo("DELTA");

        expected.add(untouched);
        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), delta,
                RESOURCES)) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(10));
            Map<String, SourceRecordEnvelope> patients = new HashMap<>();
            for (RunTopicsReader.Received<SourceRecordEnvelope> m : reader.records(SourceResource.PATIENTS)) {
                assertThat(patients.put(m.value().sourceId(), m.value())).as("published once: " + m.value().sourceId())
                        .isNull();
            }
            assertThat(new TreeSet<>(patients.keySet())).isEqualTo(expected);
            assertThat(patients.values()).allSatisfy(e -> assertThat(e.mode()).isEqualTo(RunMode.DELTA));
            assertThat(patients.get(deleted).deleted()).isTrue();
            assertThat(reader.records(SourceResource.PRACTITIONERS)).isEmpty();
            assertThat(reader.records(SourceResource.CLINICS)).isEmpty();
            List<String> manifest = new ArrayList<>();
            reader.events(RunEvent.ManifestIds.class).stream().filter(e -> e.resource() == SourceResource.PATIENTS)
                    .forEach(e -> manifest.addAll(e.ids()));
            assertThat(new TreeSet<>(manifest)).isEqualTo(expected);
        }
        assertThat(AuditStubResource.ASKED).extracting(a -> a.substring(0, a.indexOf('|')))
                .containsExactlyInAnyOrder("practitioners", "clinics", "patients");
        // The delta's range was the full run's watermark; its completion moved the watermark to its own snapshot.
        assertThat(scope(delta)).containsEntry("patients", fullSnapshot.minusSeconds(1));
        assertThat(watermarks().get("patients"))
                .isEqualTo(Instant.parse(deltaRun.getString("snapshotAt")).minusSeconds(1));
    }

    private static Map<String, Instant> watermarks() throws Exception {
        return query("SELECT resource, watermark FROM %s.delta_watermark");
    }

    private static Map<String, Instant> scope(String runId) throws Exception {
        return query("SELECT resource, updated_since FROM %s.delta_scope WHERE run_id = '" + runId + "'");
    }

    private static Map<String, Instant> query(String sql) throws Exception {
        String schema = ConfigProvider.getConfig().getValue("quarkus.hibernate-orm.database.default-schema",
                String.class);
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql.formatted(schema))) {
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                out.put(rs.getString(1), at == null ? null : at.toInstant());
            }
        }
        return out;
    }
}
