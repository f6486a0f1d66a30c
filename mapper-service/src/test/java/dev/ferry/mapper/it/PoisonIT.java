package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.mapper.it.Records.practitioner;
import static dev.ferry.mapper.it.Records.started;
import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Poison on every input topic goes to {@code ferry.poison} with where it was and why (never its content), the
 * offsets move past it, and the consumers stay healthy: valid records sent afterwards are processed.
 */
@QuarkusTest
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class PoisonIT {

    @Inject
    MapperItConfig config;

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** A marker standing for patient data inside the poison: it must not appear anywhere in what the mapper writes. */
    private static final String SECRET = "Ayşe-Yılmaz-12345678901";

    @Test
    void poisonOnEveryInputTopicIsSetAsideAndTheConsumersCarryOn() {
        String run = Records.runId();
        try (TestKafka kafka = new TestKafka()) {
            byte[] notJson = ("{\"first_name\": \"" + SECRET + "\", ").getBytes(StandardCharsets.UTF_8);
            kafka.send(config.practitionersTopic, "bad-practitioner", notJson);
            kafka.send(config.clinicsTopic, "bad-clinic", notJson);
            kafka.send(config.patientsTopic, "bad-patient", notJson);
            kafka.send(config.runsTopic, "bad-run", notJson);
            // Well-formed JSON that is not an envelope (no resource, no payload), and a patient on the clinics topic.
            kafka.send(config.patientsTopic, "P-shape", ("{\"runId\": \"" + run + "\", \"sourceId\": \"" + SECRET + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            kafka.sendJson(config.clinicsTopic, "P-misplaced", Records.patient(run, "P-misplaced", "{}"));
            kafka.send(config.runsTopic, "bad-type", "{\"type\": \"RUN_EXPLODED\", \"runId\": \"x\"}".getBytes(StandardCharsets.UTF_8));

            await().atMost(PATIENCE).until(() -> kafka.readAll(config.poisonTopic).size() == 7);
            Map<String, PoisonRecord> poison = kafka.readAll(config.poisonTopic).stream().map(Records::poison)
                    .collect(Collectors.toMap(PoisonRecord::key, Function.identity()));
            assertThat(poison).containsOnlyKeys("bad-practitioner", "bad-clinic", "bad-patient", "bad-run", "P-shape",
                    "P-misplaced", "bad-type");
            assertThat(poison.get("bad-practitioner").consumer()).isEqualTo("mapper-service/raw-practitioners-in");
            assertThat(poison.get("bad-practitioner").topic()).isEqualTo(config.practitionersTopic);
            assertThat(poison.get("bad-clinic").consumer()).isEqualTo("mapper-service/raw-clinics-in");
            assertThat(poison.get("bad-patient").reason()).contains("not well-formed JSON");
            assertThat(poison.get("bad-run").consumer()).isEqualTo("mapper-service/runs-in");
            assertThat(poison.get("bad-run").sizeBytes()).isEqualTo(notJson.length);
            assertThat(poison.get("P-misplaced").reason()).isEqualTo("a patients record on the topic of clinics");
            assertThat(poison.get("bad-type").reason()).contains("RunEvent");
            assertThat(poison.get("P-shape").offset()).isGreaterThanOrEqualTo(0);
            assertThat(kafka.readAll(config.poisonTopic)).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(SECRET).doesNotContain("Ayşe"));

            // Every consumer is still alive: a whole run goes through afterwards.
            new MapperDb().seedMetadata(run);
            kafka.sendJson(config.runsTopic, run, started(run, SourceResource.PRACTITIONERS, SourceResource.CLINICS));
            kafka.sendJson(config.practitionersTopic, "PR-1", practitioner(run, "PR-1", "ilker.sahin@klinik.example"));
            kafka.sendJson(config.clinicsTopic, "C-1", Records.clinic(run, "C-1", null));
            kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.PRACTITIONERS, 1));
            kafka.sendJson(config.runsTopic, run, manifest(run, SourceResource.CLINICS, 1));
            await().atMost(PATIENCE).until(() -> outcomes(kafka, run).size() == 1);
            assertThat(outcomes(kafka, run).get(0).kind()).isEqualTo(OutcomeKind.LINKED);
            await().atMost(PATIENCE).until(() -> kafka.caughtUp(config.patientsGroup, config.patientsTopic)
                    && kafka.caughtUp(config.clinicsGroup, config.clinicsTopic) && kafka.caughtUp(config.practitionersGroup, config.practitionersTopic)
                    && kafka.caughtUp(config.runsGroup, config.runsTopic));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    private List<LoadOutcome> outcomes(TestKafka kafka, String run) {
        return kafka.readAll(config.outcomesTopic).stream().map(r -> FerryJson.decode(r.value(), LoadOutcome.class))
                .filter(o -> o.runId().equals(run)).toList();
    }
}
