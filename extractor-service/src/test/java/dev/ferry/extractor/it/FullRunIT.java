package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A FULL run of practitioners, clinics and patients from the real Dr.DENTES sandbox (1000 patients) into the real
 * Kafka broker, with checkpoints in the real PostgreSQL: every record exactly once per resource, keyed by its id,
 * manifest counts equal to the sandbox's own counts, manifest ids equal to the sandbox's ids, the run events in order,
 * no page read twice, watermarks written; and the REST API's refusals.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "topics", value = "dentes.raw.practitioners,dentes.raw.clinics,dentes.raw.patients,"
                + "dentes.raw.custom-modules,dentes.raw.custom-module-records,migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
@QuarkusTestResource(value = DentesSandboxResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "patients", value = "1000"))
class FullRunIT {

    private static final List<SourceResource> RESOURCES =
            List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS, SourceResource.PATIENTS);

    @Test
    @Order(1)
    void aFullRunPublishesEveryRecordOnceWithTheSandboxsCounts() throws Exception {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        Map<SourceResource, Long> requestsBefore = new HashMap<>();
        RESOURCES.forEach(r -> requestsBefore.put(r, sandbox.requests(r.path(), 200)));
        String runId = given().contentType(ContentType.JSON)
                .body("{\"mode\": \"FULL\", \"resources\": [\"practitioners\", \"clinics\", \"patients\"]}")
                .post("/runs").then().statusCode(202).extract().path("runId");
        assertThat(runId).matches("run-\\d{14}-[0-9a-f]{4}");

        JsonPath run = awaitState(runId, "COMPLETED");

        // No page was read twice (counted before this test reads the sandbox itself): per resource the page
        // pass (pages of 200), one catch-up page and two count probes.
        for (SourceResource r : RESOURCES) {
            long pages = (sandbox.total(r.path()) + 199) / 200;
            assertThat(sandbox.requests(r.path(), 200) - requestsBefore.get(r)).as(r.path() + " requests")
                    .isEqualTo(pages + 3);
        }

        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), runId,
                RESOURCES)) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(30));

            Map<SourceResource, Long> expected = new HashMap<>();
            for (SourceResource r : RESOURCES) {
                long total = sandbox.total(r.path());
                long deleted = sandbox.deleted(r.path());
                expected.put(r, total);
                List<RunTopicsReader.Received<SourceRecordEnvelope>> got = reader.records(r);
                Map<String, Long> perId = got.stream()
                        .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
                assertThat(perId).as(r.path() + ": one message per record").hasSize((int) total)
                        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
                assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(sandbox.readAll(r.path()).keySet());
                assertThat(got).allSatisfy(m -> {
                    assertThat(m.topic()).isEqualTo("dentes.raw." + r.path());
                    assertThat(m.key()).isEqualTo(m.value().sourceId());
                    assertThat(m.value().payload().path("id").asText()).isEqualTo(m.value().sourceId());
                    assertThat(m.value().mode()).isEqualTo(RunMode.FULL);
                    assertThat(m.value().deleted()).isEqualTo(m.value().payload().path("deleted").asBoolean(false));
                    assertThat(m.value().sourceUpdatedAt()).isEqualTo(m.value().payload().path("updated_at").asText());
                });
                assertThat(got.stream().filter(m -> m.value().deleted()).count()).isEqualTo(deleted);

                RunEvent.ManifestCounted manifest = reader.events(RunEvent.ManifestCounted.class).stream()
                        .filter(m -> m.resource() == r).findFirst().orElseThrow();
                assertThat(manifest.count()).as(r.path() + " manifest").isEqualTo(total);
                assertThat(manifest.deleted()).isEqualTo(deleted);
            }

            // Run events: keyed by run id (so one partition, in order), started, per resource its id chunks then
            // its count, finished. The id chunks stand for each resource's records exactly (issue 8 hole 6).
            List<RunTopicsReader.Received<RunEvent>> events = reader.events();
            assertThat(events).allSatisfy(e -> assertThat(e.key()).isEqualTo(runId));
            List<RunEvent> withoutIds = events.stream().map(RunTopicsReader.Received::value)
                    .filter(e -> !(e instanceof RunEvent.ManifestIds)).toList();
            assertThat(withoutIds.stream().map(e -> e.getClass().getSimpleName()).toList()).containsExactly(
                    "RunStarted", "ManifestCounted", "ManifestCounted", "ManifestCounted", "ExtractionFinished");
            RunEvent.RunStarted started = (RunEvent.RunStarted) withoutIds.get(0);
            assertThat(started.mode()).isEqualTo(RunMode.FULL);
            assertThat(started.mappingVersion()).isEqualTo("dentes-freshsales/v1");
            assertThat(started.resources()).containsExactlyElementsOf(RESOURCES);
            // patients depend on practitioners and clinics: their manifest comes last
            assertThat(((RunEvent.ManifestCounted) withoutIds.get(3)).resource()).isEqualTo(SourceResource.PATIENTS);
            assertThat(((RunEvent.ExtractionFinished) withoutIds.get(4)).counts()).isEqualTo(expected);
            for (SourceResource r : RESOURCES) {
                List<Integer> positions = new ArrayList<>();
                List<RunEvent.ManifestIds> chunks = new ArrayList<>();
                int countedAt = -1;
                for (int i = 0; i < events.size(); i++) {
                    RunEvent e = events.get(i).value();
                    if (e instanceof RunEvent.ManifestIds ids && ids.resource() == r) {
                        positions.add(i);
                        chunks.add(ids);
                    } else if (e instanceof RunEvent.ManifestCounted m && m.resource() == r) {
                        countedAt = i;
                        assertThat(m.idChunks()).as(r.path() + " id chunks").isEqualTo(chunks.size());
                    }
                }
                int counted = countedAt;
                assertThat(positions).as(r.path() + ": every id chunk before its count")
                        .allSatisfy(p -> assertThat(p).isLessThan(counted));
                assertThat(chunks).extracting(RunEvent.ManifestIds::chunk)
                        .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
                assertThat(chunks).allSatisfy(c -> {
                    assertThat(c.chunks()).isEqualTo(chunks.size());
                    assertThat(c.ids().size()).isLessThanOrEqualTo(RunEvent.ManifestIds.MAX_IDS);
                });
                List<String> ids = chunks.stream().flatMap(c -> c.ids().stream()).toList();
                assertThat(ids).as(r.path() + " manifest ids").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(sandbox.readAll(r.path()).keySet());
            }
        }

        // Progress as the API shows it.
        for (SourceResource r : RESOURCES) {
            Map<String, Object> view = resourceView(run, r);
            assertThat(view.get("state")).isEqualTo("DONE");
            assertThat(view.get("pagesDone")).isEqualTo(view.get("totalPages"));
            assertThat(((Number) view.get("recordsPublished")).longValue()).isEqualTo(sandbox.total(r.path()));
            assertThat(((Number) view.get("manifestCount")).longValue()).isEqualTo(sandbox.total(r.path()));
        }
        Instant clinicsDone = Instant.parse((String) resourceView(run, SourceResource.CLINICS).get("finishedAt"));
        Instant practitionersDone =
                Instant.parse((String) resourceView(run, SourceResource.PRACTITIONERS).get("finishedAt"));
        Instant patientsStarted = Instant.parse((String) resourceView(run, SourceResource.PATIENTS).get("startedAt"));
        assertThat(patientsStarted).isAfterOrEqualTo(clinicsDone).isAfterOrEqualTo(practitionersDone);

        // The next delta run starts at the snapshot minus the clock-skew margin.
        Instant snapshot = Instant.parse(run.getString("snapshotAt"));
        assertThat(watermarks()).containsOnlyKeys("practitioners", "clinics", "patients")
                .allSatisfy((resource, at) -> assertThat(at).isEqualTo(snapshot.minus(Duration.ofMinutes(5))));

        given().get("/runs").then().statusCode(200)
                .body("find { it.runId == '" + runId + "' }.state", equalTo("COMPLETED"))
                .body("find { it.runId == '" + runId + "' }.resources", equalTo(List.of("practitioners", "clinics",
                        "patients")));
        given().post("/runs/" + runId + "/resume").then().statusCode(409)
                .body("error", containsString("COMPLETED run cannot be resumed"));
    }

    @Test
    @Order(2)
    void refusesWhatItCannotDo() {
        // DELTA runs exist since issue 12 (DeltaRunIT) and are checked like FULL ones.
        given().contentType(ContentType.JSON).body("{\"mode\": \"DELTA\", \"resources\": [\"dentists\"]}")
                .post("/runs").then().statusCode(400).body("error", containsString("dentists"));
        // SAMPLE runs exist since issue 11 step 4 (SampleRunIT); a size outside 200..500 is refused.
        given().contentType(ContentType.JSON).body("{\"mode\": \"SAMPLE\", \"size\": 1000}").post("/runs").then()
                .statusCode(400).body("error", containsString("200 to 500"));
        given().contentType(ContentType.JSON).body("{\"mode\": \"ROLLBACK\"}").post("/runs").then().statusCode(400)
                .body("error", containsString("not an extraction mode"));
        given().contentType(ContentType.JSON).body("{\"mode\": \"FULL\", \"resources\": [\"dentists\"]}")
                .post("/runs").then().statusCode(400).body("error", containsString("dentists"));
        given().contentType(ContentType.JSON).body("{\"mode\": \"FULL\", \"runId\": \"bad id!\"}")
                .post("/runs").then().statusCode(400);
        given().get("/runs/run-that-never-was").then().statusCode(404);
        given().post("/runs/run-that-never-was/resume").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"resources\": [\"clinics\"]}").post("/runs").then()
                .statusCode(400).body("error", containsString("mode is required"));
    }

    @Test
    @Order(3)
    void aRunIdCanBeGivenOnceOnly() {
        given().contentType(ContentType.JSON)
                .body("{\"mode\": \"FULL\", \"runId\": \"run-given-once\", \"resources\": [\"clinics\"]}")
                .post("/runs").then().statusCode(202).body("runId", equalTo("run-given-once"));
        given().contentType(ContentType.JSON)
                .body("{\"mode\": \"FULL\", \"runId\": \"run-given-once\", \"resources\": [\"clinics\"]}")
                .post("/runs").then().statusCode(409);
        awaitState("run-given-once", "COMPLETED");
    }

    /**
     * Custom-module records: every module the sandbox's {@code custom-modules} lists is read from its own records path,
     * each record published once under {@code {key}/{id}} with its module key, and the manifest of
     * {@code custom-module-records} counts and names the records of every module. One id is made to exist in two
     * modules (ids are unique only within a module): two records, two identities.
     */
    @Test
    @Order(4)
    void aRunOfCustomModuleRecordsPublishesEveryModulesRecordsOnceUnderCompositeIds() throws Exception {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        sandbox.mutate("{\"upsert\": {\"custom-modules/lab-work/records\": [{\"id\": \"IMG-0000001\","
                + " \"patient_id\": \"P-000001\", \"treatment_case_id\": null, \"values\": {}}]}}");
        Map<String, Map<String, ObjectNode>> dataset = new TreeMap<>();
        for (ObjectNode definition : sandbox.readAll("custom-modules").values()) {
            String key = definition.path("key").asText();
            dataset.put(key, sandbox.readAll("custom-modules/" + key + "/records"));
        }
        assertThat(dataset).containsOnlyKeys("imaging", "lab-work", "prescriptions");
        assertThat(dataset.get("imaging")).containsKey("IMG-0000001");
        assertThat(dataset.get("lab-work")).containsKey("IMG-0000001");
        List<String> expectedIds = new ArrayList<>();
        long expectedDeleted = 0;
        Map<String, Long> requestsBefore = new HashMap<>();
        for (Map.Entry<String, Map<String, ObjectNode>> m : dataset.entrySet()) {
            m.getValue().keySet().forEach(id -> expectedIds.add(m.getKey() + "/" + id));
            expectedDeleted += m.getValue().values().stream().filter(r -> r.path("deleted").asBoolean(false)).count();
            String resource = "custom-modules/" + m.getKey() + "/records";
            assertThat(sandbox.total(resource)).as(resource).isEqualTo(m.getValue().size());
            requestsBefore.put(m.getKey(), sandbox.requests(resource, 200));
        }
        long expected = expectedIds.size();
        assertThat(dataset.values()).allSatisfy(records -> assertThat(records).hasSizeGreaterThan(200));

        String runId = given().contentType(ContentType.JSON)
                .body("{\"mode\": \"FULL\", \"resources\": [\"custom-modules\", \"custom-module-records\"]}")
                .post("/runs").then().statusCode(202).extract().path("runId");
        JsonPath run = awaitState(runId, "COMPLETED");

        // Each module's records path: its pages, one catch-up page, two count probes; nothing read twice.
        for (Map.Entry<String, Map<String, ObjectNode>> m : dataset.entrySet()) {
            String resource = "custom-modules/" + m.getKey() + "/records";
            assertThat(sandbox.requests(resource, 200) - requestsBefore.get(m.getKey())).as(resource)
                    .isEqualTo((m.getValue().size() + 199) / 200 + 3);
        }

        List<SourceResource> resources = List.of(SourceResource.CUSTOM_MODULES, SourceResource.CUSTOM_MODULE_RECORDS);
        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), runId,
                resources)) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(30));

            List<RunTopicsReader.Received<SourceRecordEnvelope>> got =
                    reader.records(SourceResource.CUSTOM_MODULE_RECORDS);
            Map<String, Long> perId = got.stream()
                    .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
            assertThat(perId).as("one message per module record").hasSize((int) expected)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds)
                    .contains("imaging/IMG-0000001", "lab-work/IMG-0000001");
            assertThat(got).allSatisfy(m -> {
                SourceRecordEnvelope e = m.value();
                assertThat(m.topic()).isEqualTo("dentes.raw.custom-module-records");
                assertThat(m.key()).isEqualTo(e.sourceId());
                assertThat(e.resource()).isEqualTo(SourceResource.CUSTOM_MODULE_RECORDS);
                assertThat(e.sourceId()).isEqualTo(e.moduleKey() + "/" + e.payload().path("id").asText());
                // the payload as the sandbox serves it (the test profile publishes whole records)
                ObjectNode served = dataset.get(e.moduleKey()).get(e.payload().path("id").asText());
                assertThat(e.payload().properties().stream().map(Map.Entry::getKey).toList())
                        .containsExactlyElementsOf(served.properties().stream().map(Map.Entry::getKey).toList());
                assertThat(e.payload().path("patient_id")).isEqualTo(served.path("patient_id"));
                assertThat(e.deleted()).isEqualTo(served.path("deleted").asBoolean(false));
                assertThat(e.sourceUpdatedAt()).isEqualTo(served.path("updated_at").asText());
            });
            assertThat(reader.records(SourceResource.CUSTOM_MODULES)).hasSize(dataset.size())
                    .allSatisfy(m -> assertThat(m.value().moduleKey()).isNull());

            RunEvent.ManifestCounted counted = reader.events(RunEvent.ManifestCounted.class).stream()
                    .filter(m -> m.resource() == SourceResource.CUSTOM_MODULE_RECORDS).findFirst().orElseThrow();
            assertThat(counted.count()).isEqualTo(expected);
            assertThat(counted.deleted()).isEqualTo(expectedDeleted);
            List<String> manifestIds = reader.events(RunEvent.ManifestIds.class).stream()
                    .filter(m -> m.resource() == SourceResource.CUSTOM_MODULE_RECORDS)
                    .flatMap(m -> m.ids().stream()).toList();
            assertThat(manifestIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds);
            assertThat(counted.idChunks()).isEqualTo(1);
            // The definitions are counted first (custom-module-records depends on custom-modules).
            assertThat(reader.events(RunEvent.ManifestCounted.class)).extracting(RunEvent.ManifestCounted::resource)
                    .containsExactly(SourceResource.CUSTOM_MODULES, SourceResource.CUSTOM_MODULE_RECORDS);
            assertThat(reader.events(RunEvent.ExtractionFinished.class)).singleElement()
                    .satisfies(f -> assertThat(f.counts()).isEqualTo(Map.of(SourceResource.CUSTOM_MODULES,
                            (long) dataset.size(), SourceResource.CUSTOM_MODULE_RECORDS, expected)));
        }

        Map<String, Object> view = resourceView(run, SourceResource.CUSTOM_MODULE_RECORDS);
        assertThat(view.get("state")).isEqualTo("DONE");
        assertThat(view.get("sourcePath")).isEqualTo("custom-modules/{key}/records");
        assertThat(view.get("pagesDone")).isEqualTo(view.get("totalPages"));
        assertThat(((Number) view.get("recordsPublished")).longValue()).isEqualTo(expected);
        assertThat(((Number) view.get("manifestCount")).longValue()).isEqualTo(expected);
    }

    /**
     * A module the tenant lists but whose records path answers 404 fails the resource with the module named, and
     * counts nothing; the modules read before it are not read again when the run is resumed, a module created between
     * the attempts is read too, and no record goes out twice.
     */
    @Test
    @Order(5)
    void aModuleThatCannotBeReadFailsTheRunAndTheResumeReadsOnlyWhatIsLeftAndWhatWasCreatedSince() throws Exception {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        // A definition only (an upsert makes no records store): GET custom-modules/zz-ghost/records answers 404.
        sandbox.mutate("{\"upsert\": {\"custom-modules\": [{\"id\": \"CM-90\", \"key\": \"zz-ghost\","
                + " \"name\": \"Hayalet\", \"cardinality\": \"MANY_PER_PATIENT\", \"fields\": [{\"key\": \"note\","
                + " \"label\": \"Not\", \"type\": \"TEXT\", \"choices\": []}]}]}}");
        List<String> readBefore = List.of("imaging", "lab-work", "prescriptions");
        String runId = given().contentType(ContentType.JSON)
                .body("{\"mode\": \"FULL\", \"resources\": [\"custom-module-records\"]}")
                .post("/runs").then().statusCode(202).extract().path("runId");
        JsonPath failed = awaitState(runId, "FAILED");
        assertThat(failed.getString("failureReason")).startsWith("custom-module-records: custom module 'zz-ghost': ")
                .contains("custom-modules/zz-ghost/records page 1").contains("HTTP 404");
        assertThat(resourceView(failed, SourceResource.CUSTOM_MODULE_RECORDS).get("manifestCount")).isNull();

        // Between the attempts: the ghost module gets a records store with records, and a new module appears.
        sandbox.mutate("{\"create\": {\"custom-modules/zz-ghost/records\": 7, \"custom-modules\": 1}}");
        Map<String, Map<String, ObjectNode>> dataset = new TreeMap<>();
        for (ObjectNode definition : sandbox.readAll("custom-modules").values()) {
            String key = definition.path("key").asText();
            dataset.put(key, sandbox.readAll("custom-modules/" + key + "/records"));
        }
        String added = dataset.keySet().stream().filter(k -> !readBefore.contains(k) && !k.equals("zz-ghost"))
                .findFirst().orElseThrow();
        sandbox.mutate("{\"create\": {\"custom-modules/" + added + "/records\": 5}}");
        dataset.put(added, sandbox.readAll("custom-modules/" + added + "/records"));
        assertThat(dataset.get("zz-ghost")).hasSize(7);
        assertThat(dataset.get(added)).hasSize(5);
        Map<String, Long> requestsBefore = new HashMap<>();
        dataset.keySet().forEach(k -> requestsBefore.put(k, sandbox.requests("custom-modules/" + k + "/records", 200)));

        given().post("/runs/" + runId + "/resume").then().statusCode(202);
        JsonPath run = awaitState(runId, "COMPLETED");

        for (String key : readBefore) {
            assertThat(sandbox.requests("custom-modules/" + key + "/records", 200)).as(key + " was done")
                    .isEqualTo(requestsBefore.get(key));
        }
        assertThat(sandbox.requests("custom-modules/zz-ghost/records", 200) - requestsBefore.get("zz-ghost"))
                .isEqualTo(1 + 3);
        List<String> expectedIds = new ArrayList<>();
        dataset.forEach((key, records) -> records.keySet().forEach(id -> expectedIds.add(key + "/" + id)));
        try (RunTopicsReader reader = new RunTopicsReader(FerryInfrastructure.kafkaBootstrapServers(), runId,
                List.of(SourceResource.CUSTOM_MODULE_RECORDS))) {
            reader.pollUntil(() -> !reader.events(RunEvent.ExtractionFinished.class).isEmpty(), Duration.ofSeconds(30));
            reader.drain(Duration.ofSeconds(30));
            Map<String, Long> perId = reader.records(SourceResource.CUSTOM_MODULE_RECORDS).stream()
                    .collect(Collectors.groupingBy(m -> m.value().sourceId(), Collectors.counting()));
            assertThat(perId).as("across both attempts, every record once").hasSize(expectedIds.size())
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds)
                    .contains("zz-ghost/CMR-0000001", added + "/CMR-0000001");
            assertThat(reader.events(RunEvent.ManifestCounted.class)).singleElement()
                    .satisfies(m -> assertThat(m.count()).isEqualTo(expectedIds.size()));
            assertThat(reader.events(RunEvent.ManifestIds.class).stream().flatMap(m -> m.ids().stream()).toList())
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds);
        }
        assertThat(run.getInt("attempts")).isEqualTo(2);
    }

    static JsonPath awaitState(String runId, String state) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = given().get("/runs/" + runId).then().statusCode(200).extract().jsonPath();
            String now = last[0].getString("state");
            if (!now.equals(state) && (now.equals("FAILED") || now.equals("COMPLETED"))) {
                throw new AssertionError("run ended " + now + " instead of " + state + ": "
                        + last[0].getString("failureReason"));
            }
            return now.equals(state);
        });
        return last[0];
    }

    static Map<String, Object> resourceView(JsonPath run, SourceResource resource) {
        List<Map<String, Object>> resources = run.getList("resources");
        return resources.stream().filter(r -> resource.path().equals(r.get("resource"))).findFirst().orElseThrow();
    }

    private static Map<String, Instant> watermarks() throws Exception {
        String schema = ConfigProvider.getConfig().getValue("quarkus.hibernate-orm.database.default-schema",
                String.class);
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT resource, watermark FROM " + schema + ".delta_watermark")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return out;
    }
}
