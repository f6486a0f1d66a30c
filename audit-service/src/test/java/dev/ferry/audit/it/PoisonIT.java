package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import jakarta.inject.Inject;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poison on each input topic, on the real broker: undecodable bytes, a tombstone, JSON of the wrong shape, an event
 * that breaks a rule. Each is recorded once with its place and a reason that never quotes the content, the audit's own
 * poison is also published to {@code ferry.poison}, the good messages around it are stored, the offsets move on, and
 * the service stays live and ready. Outcomes PostgreSQL would refuse as they are (a NUL character, an unpaired
 * surrogate) are not poison: they are stored as their record's outcome, cleaned (issue 8 hole 5).
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "partitions", value = "1"))
class PoisonIT {

    @Inject
    AuditItConfig config;

    private static final Duration WAIT = Duration.ofSeconds(40);
    /** Looks like patient data; must never appear in a poison record, a log line or the REST answer. */
    private static final String PATIENT_DATA = "Ayşe Yılmaz 1984-02-03 TR12345678901";

    private TestKafka kafka;

    @BeforeEach
    void clients() {
        kafka = new TestKafka();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LoadOutcome created(String run, String sourceId) {
        return Outcomes.of(run, SourceResource.PATIENTS, sourceId, OutcomeKind.CREATED, 1, Instant.now());
    }

    private JsonPath poisonOf(String topic) {
        return given().queryParam("topic", topic).queryParam("size", 1000).get("/poison").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void poisonOnTheOutcomesTopicIsRecordedPublishedAndSkipped() {
        String run = "run-poison-outcomes";
        kafka.send(config.outcomesTopic, 0, "P-X", utf8("garbage " + PATIENT_DATA)); // offset 0: not JSON
        kafka.send(config.outcomesTopic, 0, "P-X", null); // 1: tombstone
        kafka.send(config.outcomesTopic, 0, "P-X", utf8("{\"commandId\":\"c\",\"runId\":\"r\",\"resource\":\"patients\","
                + "\"sourceId\":\"P-X\",\"kind\":\"EXPLODED\",\"detail\":\"" + PATIENT_DATA + "\"}")); // 2: shape
        LoadOutcome withNul = new LoadOutcome("cmd-nul", run, SourceResource.PATIENTS, "P-NUL", 0, null,
                OutcomeKind.CREATED, 5L, null, null, null, null, "bad\u0000detail", 1, Instant.now());
        // 3: PostgreSQL refuses a NUL in text; regression: issue 8 hole 5, this outcome became poison
        kafka.send(config.outcomesTopic, 0, "P-NUL", FerryJson.encode(withNul));
        kafka.send(config.outcomesTopic, 0, "P-100", FerryJson.encode(created(run, "P-100"))); // 4: good
        // 5: a FAILED outcome with a NUL in its messages (jsonb refuses \u0000) and an unpaired surrogate in its
        // detail, written as JSON escapes the way any producer may send them (the JSON itself is valid UTF-8)
        kafka.send(config.outcomesTopic, 0, "P-SUR", utf8("{\"commandId\":\"cmd-sur\",\"runId\":\"" + run + "\","
                + "\"resource\":\"patients\",\"sourceId\":\"P-SUR\",\"part\":0,\"target\":\"contacts\","
                + "\"kind\":\"FAILED\",\"failure\":{\"httpStatus\":400,\"messages\":[\"Email\\u0000 is invalid\"],"
                + "\"cause\":\"target-refused\"},\"detail\":\"refused \\ud800 by Freshsales\",\"attempt\":1,"
                + "\"occurredAt\":\"" + Instant.now() + "\"}"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(poisonOf(config.outcomesTopic).getList("items.offset", Integer.class))
                    .containsExactlyInAnyOrder(0, 1, 2);
            given().get("/records/patients/P-100/history").then().statusCode(200);
            given().get("/records/patients/P-SUR/history").then().statusCode(200);
        });
        JsonPath poison = poisonOf(config.outcomesTopic);
        assertThat(poison.getInt("total")).as("each poison message recorded once").isEqualTo(3);
        assertThat(poison.getList("items.consumer", String.class)).containsOnly("audit-service/outcomes-in");
        assertThat(poison.getList("items.key", String.class)).contains("P-X").doesNotContain("P-NUL", "P-SUR");
        Map<Integer, String> reasons = poison.getList("items", Map.class).stream().collect(Collectors.toMap(
                m -> (Integer) m.get("offset"), m -> (String) m.get("reason")));
        assertThat(reasons.get(0)).contains("not well-formed JSON");
        assertThat(reasons.get(1)).contains("empty message");
        assertThat(String.join(" ", reasons.values())).doesNotContain("Ayşe").doesNotContain("TR123")
                .doesNotContain("1984");
        // stored as the records' outcomes, the unstorable characters replaced and the detail saying so
        given().get("/records/patients/P-NUL/history").then().statusCode(200)
                .body("outcomes[0].kind", equalTo("CREATED"))
                .body("outcomes[0].detail", equalTo("bad\uFFFDdetail [audit: replaced 1 character PostgreSQL cannot "
                        + "store (NUL, unpaired surrogate) with U+FFFD in detail]"))
                .body("states[0].kind", equalTo("CREATED"))
                .body("states[0].terminal", is(true));
        given().get("/records/patients/P-SUR/history").then().statusCode(200)
                .body("outcomes[0].kind", equalTo("FAILED"))
                .body("outcomes[0].failure.messages[0]", equalTo("Email\uFFFD is invalid"))
                .body("outcomes[0].detail", equalTo("refused \uFFFD by Freshsales [audit: replaced 2 characters "
                        + "PostgreSQL cannot store (NUL, unpaired surrogate) with U+FFFD in failure.messages, detail]"));

        // the audit's own poison is on ferry.poison too, for everyone else who watches it
        List<PoisonRecord> published = kafka.readAll(config.poisonTopic).stream().map(ConsumerRecord::value)
                .map(v -> FerryJson.decode(v, PoisonRecord.class))
                .filter(p -> p.topic().equals(config.outcomesTopic)).toList();
        assertThat(published).extracting(PoisonRecord::offset).contains(0L, 1L, 2L).doesNotContain(3L, 5L);
        assertThat(published).extracting(PoisonRecord::reason).noneMatch(r -> r.contains("Ayşe"));

        // the offsets moved past the poison, and the consumer still takes new outcomes
        await().atMost(WAIT).until(() -> kafka.caughtUp(config.outcomesGroup, config.outcomesTopic));
        kafka.send(config.outcomesTopic, 0, "P-101", FerryJson.encode(created(run, "P-101")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/records/patients/P-101/history").then()
                .statusCode(200));
        assertHealthy();
    }

    @Test
    void poisonOnTheRunsTopicIsRecordedAndTheNextEventApplied() {
        String run = "run-poison-runs";
        kafka.send(config.runsTopic, 0, run, utf8("not json at all " + PATIENT_DATA));
        kafka.send(config.runsTopic, 0, run, utf8("{\"type\":\"MANIFEST_COUNTED\",\"runId\":\"" + run
                + "\",\"resource\":\"patients\",\"count\":2,\"deleted\":5}"));
        kafka.send(config.runsTopic, 0, run, utf8("{\"type\":\"RUN_EXPLODED\",\"runId\":\"" + run + "\"}"));
        kafka.sendJson(config.runsTopic, run, new RunEvent.RunStarted(null, run, RunMode.SAMPLE, "dentes-freshsales/v1",
                List.of(SourceResource.CLINICS), Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> {
            given().get("/runs/{id}", run).then().statusCode(200).body("mode", equalTo("SAMPLE"));
            assertThat(poisonOf(config.runsTopic).getList("items.offset", Integer.class)).containsExactlyInAnyOrder(0, 1, 2);
        });
        JsonPath poison = poisonOf(config.runsTopic);
        assertThat(poison.getList("items.consumer", String.class)).containsOnly("audit-service/runs-in");
        assertThat(poison.getList("items.reason", String.class)).anyMatch(r -> r.contains("deleted exceeds count"))
                .anyMatch(r -> r.contains("unknown or missing type")).noneMatch(r -> r.contains("Ayşe"));
        given().get("/runs/{id}", run).then().body("manifests.size()", is(0));
        assertHealthy();
    }

    @Test
    void poisonOnThePoisonTopicIsRecordedOnceAndNeverRepublished() {
        PoisonRecord fromMapper = new PoisonRecord("mapper-service/raw-patients", "dentes.raw.patients", 4, 1234L,
                "P-77", "cannot decode SourceRecordEnvelope: not well-formed JSON", 512, Instant.now());
        kafka.send(config.poisonTopic, 0, "mapper", utf8("garbage " + PATIENT_DATA));
        kafka.sendJson(config.poisonTopic, "mapper", fromMapper);
        kafka.sendJson(config.poisonTopic, "mapper", fromMapper); // the mapper re-published after a restart

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(poisonOf("dentes.raw.patients").getInt("total")).isEqualTo(1);
            assertThat(poisonOf(config.poisonTopic).getList("items.consumer", String.class))
                    .contains("audit-service/poison-in");
        });
        JsonPath mapper = poisonOf("dentes.raw.patients");
        assertThat(mapper.getString("items[0].consumer")).isEqualTo("mapper-service/raw-patients");
        assertThat(mapper.getInt("items[0].partition")).isEqualTo(4);
        assertThat(mapper.getLong("items[0].offset")).isEqualTo(1234L);
        assertThat(mapper.getString("items[0].key")).isEqualTo("P-77");
        JsonPath own = poisonOf(config.poisonTopic);
        assertThat(own.getString("items[0].reason")).doesNotContain("Ayşe");
        // an unusable message on ferry.poison is recorded directly, not sent back to ferry.poison (that would loop)
        long republished = kafka.readAll(config.poisonTopic).stream().map(ConsumerRecord::value)
                .filter(v -> v != null && new String(v, StandardCharsets.UTF_8).contains("audit-service/poison-in"))
                .count();
        assertThat(republished).isZero();
        assertHealthy();
    }

    private static void assertHealthy() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
