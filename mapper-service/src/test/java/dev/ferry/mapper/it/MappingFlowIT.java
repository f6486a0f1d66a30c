package dev.ferry.mapper.it;

import static dev.ferry.mapper.it.Records.clinic;
import static dev.ferry.mapper.it.Records.manifest;
import static dev.ferry.mapper.it.Records.patient;
import static dev.ferry.mapper.it.Records.practitioner;
import static dev.ferry.mapper.it.Records.started;
import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testsupport.TestKafka;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.TypedRef;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw envelopes in, commands and outcomes out, on the real broker and the real database: records that arrive before
 * what they depend on are held in PostgreSQL and released when the run's manifests are complete; every record ends
 * with exactly one message, keyed as agreed.
 */
@QuarkusTest
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class MappingFlowIT {

    @Inject
    MapperItConfig config;

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestKafka kafka;

    @BeforeAll
    static void clients() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private void send(SourceRecordEnvelope e) {
        String topic = switch (e.resource()) {
            case PRACTITIONERS -> config.practitionersTopic;
            case CLINICS -> config.clinicsTopic;
            default -> config.patientsTopic;
        };
        kafka.sendJson(topic, e.sourceId(), e);
    }

    private void sendRun(String runId, Object event) {
        kafka.sendJson(config.runsTopic, runId, event);
    }

    private List<ConsumerRecord<String, byte[]>> commandRecords(String runId) {
        return kafka.readAll(config.commandsTopic).stream().filter(r -> Records.command(r).runId().equals(runId)).toList();
    }

    private List<ConsumerRecord<String, byte[]>> outcomeRecords(String runId) {
        return kafka.readAll(config.outcomesTopic).stream().filter(r -> Records.outcome(r).runId().equals(runId)).toList();
    }

    @Test
    void patientsBeforeTheirClinicAreHeldThenReleasedAndEveryRecordEndsWithOneMessage() {
        String run = Records.runId();
        MapperDb db = new MapperDb();
        db.seedMetadata(run);
        sendRun(run, started(run, SourceResource.PRACTITIONERS, SourceResource.CLINICS, SourceResource.PATIENTS));
        // Patients first: their clinics and practitioners are not read yet.
        send(patient(run, "P-1", "{\"clinic_id\": \"C-1\", \"primary_practitioner_id\": \"PR-1\"}"));
        send(patient(run, "P-2", "{\"clinic_id\": \"C-404\", \"email\": \"p2@example.com\"}"));
        send(patient(run, "P-3", "{\"clinic_id\": \"C-2\", \"primary_practitioner_id\": \"PR-2\","
                + " \"email\": \"p3@example.com\"}"));
        // P-1's address again, and no mobile: nothing of its own reaches Freshsales (with a mobile it would load and
        // keep the address in cf_shared_email, MappingEngineTest)
        send(patient(run, "P-4", "{\"clinic_id\": \"C-1\", \"email\": \"AYSE.YILMAZ@example.com\", \"mobile_phone\": null}"));
        send(patient(run, "P-5", "{\"first_name\": \" \", \"email\": \"p5@example.com\"}"));
        sendRun(run, manifest(run, SourceResource.PATIENTS, 5));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/runs/{run}/pending", run).then().statusCode(200)
                .body("[0].resource", equalTo("patients")).body("[0].count", equalTo(5))
                .body("[0].waitingFor", containsString("practitioners")));
        assertThat(commandRecords(run)).as("nothing is mapped while its dependencies are incomplete").isEmpty();
        assertThat(db.count("SELECT count(*) FROM {schema}.pending WHERE run_id = ?", run)).isEqualTo(5);

        send(practitioner(run, "PR-1", "İlker.Sahin@Klinik.Example"));
        send(practitioner(run, "PR-2", "nobody@klinik.example"));
        sendRun(run, manifest(run, SourceResource.PRACTITIONERS, 2));
        send(clinic(run, "C-1", null));
        send(clinic(run, "C-2", "C-1"));
        sendRun(run, manifest(run, SourceResource.CLINICS, 2));

        await().atMost(PATIENCE).until(() -> commandRecords(run).size() == 4 && outcomeRecords(run).size() == 5);
        assertThat(db.count("SELECT count(*) FROM {schema}.pending WHERE run_id = ?", run)).isZero();

        Map<String, ConsumerRecord<String, byte[]>> commands = commandRecords(run).stream()
                .collect(Collectors.toMap(r -> Records.command(r).sourceId(), Function.identity()));
        assertThat(commands).containsOnlyKeys("C-1", "C-2", "P-1", "P-3");
        commands.forEach((id, r) -> assertThat(r.key()).as("command key of " + id).isEqualTo(id));

        LoadCommand p1 = Records.command(commands.get("P-1"));
        assertThat(p1.commandId()).isEqualTo(CommandIds.of(run, SourceResource.PATIENTS, "P-1", 0, "UPSERT"));
        assertThat(TypedRef.fromNode(p1.fields().at("/sales_accounts/0/id")))
                .isEqualTo(TypedRef.optional(SourceResource.CLINICS, "C-1"));
        assertThat(p1.fields().get("owner_id").asLong()).as("PR-1 matched İlker.Sahin@ to ilker.sahin@").isEqualTo(1001);
        LoadCommand p3 = Records.command(commands.get("P-3"));
        assertThat(p3.fields().get("owner_id").asLong()).isEqualTo(1003);
        assertThat(p3.notes()).contains("owner fell back to the default user: practitioner PR-2 has no Freshsales user");
        LoadCommand c2 = Records.command(commands.get("C-2"));
        assertThat(TypedRef.fromNode(c2.fields().get("parent_sales_account_id")))
                .isEqualTo(TypedRef.optional(SourceResource.CLINICS, "C-1"));

        Map<String, LoadOutcome> outcomes = outcomeRecords(run).stream().peek(r -> assertThat(r.key())
                .isEqualTo(Topics.outcomeKey(Records.outcome(r).resource(), Records.outcome(r).sourceId())))
                .map(Records::outcome)
                .collect(Collectors.toMap(LoadOutcome::sourceId, Function.identity()));
        assertThat(outcomes).containsOnlyKeys("PR-1", "PR-2", "P-2", "P-4", "P-5");
        assertThat(outcomes.get("PR-1").kind()).isEqualTo(OutcomeKind.LINKED);
        assertThat(outcomes.get("PR-1").freshsalesId()).isEqualTo(1001L);
        assertThat(outcomes.get("PR-2").kind()).isEqualTo(OutcomeKind.REJECTED);
        assertThat(outcomes.get("PR-2").rejection().rule()).isEqualTo("owner.unmatched");
        assertThat(outcomes.get("PR-2").rejection().field()).isEqualTo("email");
        assertThat(outcomes.get("P-2").rejection().rule()).isEqualTo("reference.unknown");
        assertThat(outcomes.get("P-2").rejection().field()).isEqualTo("clinic_id");
        assertThat(outcomes.get("P-4").rejection().rule()).as("P-1 has the same address and the lower id")
                .isEqualTo("contact.unreachable");
        assertThat(outcomes.get("P-4").rejection().message()).contains("shared with patients P-1");
        assertThat(outcomes.get("P-5").rejection().rule()).isEqualTo("name.missing");
        assertThat(outcomes.get("P-5").rejection().field()).isEqualTo("first_name");
        assertThat(outcomes.get("P-2").commandId()).isEqualTo(CommandIds.of(run, SourceResource.PATIENTS, "P-2", 0, "UPSERT"));

        given().get("/runs/{run}/owner-report", run).then().statusCode(200)
                .body("complete", equalTo(true)).body("practitioners", equalTo(2)).body("matched", equalTo(1))
                .body("unmatched", equalTo(1))
                .body("unmatchedPractitioners[0].practitionerId", equalTo("PR-2"))
                .body("unmatchedPractitioners[0].email", equalTo("nobody@klinik.example"))
                .body("fallbackOwner.userId", equalTo(1003));
        given().get("/runs/{run}/owner-report/summary", run).then().statusCode(200)
                .body(containsString("PR-2")).body(containsString("no Freshsales user has this e-mail address"));
        JsonNode checklist = given().get("/field-checklist").then().statusCode(200).extract().as(JsonNode.class);
        assertThat(checklist.get("fields").findValuesAsText("fieldName")).contains("cf_date_of_birth", "cf_home_phone");
        assertThat(checklist.toString()).doesNotContain("1984-03-07");
    }

    @Test
    void anUnknownClinicIsOnlyCalledUnknownOnceTheClinicsManifestIsComplete() {
        String run = Records.runId();
        new MapperDb().seedMetadata(run);
        sendRun(run, started(run, SourceResource.CLINICS, SourceResource.PATIENTS));
        send(clinic(run, "C-10", null));
        sendRun(run, manifest(run, SourceResource.CLINICS, 2));
        send(patient(run, "P-10", "{\"clinic_id\": \"C-11\", \"email\": \"p10@example.com\"}"));
        send(patient(run, "P-11", "{\"clinic_id\": \"C-77\", \"email\": \"p11@example.com\"}"));
        sendRun(run, manifest(run, SourceResource.PATIENTS, 2));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/runs/{run}/pending", run).then()
                .body("find { it.resource == 'patients' }.count", equalTo(2))
                .body("find { it.resource == 'patients' }.waitingFor", containsString("all 2 clinics of the run (1 read")));
        assertThat(outcomeRecords(run)).as("C-77 cannot be called unknown while a clinic is still to come").isEmpty();

        send(clinic(run, "C-11", null));
        await().atMost(PATIENCE).until(() -> commandRecords(run).size() == 3 && outcomeRecords(run).size() == 1);
        LoadOutcome p11 = Records.outcome(outcomeRecords(run).get(0));
        assertThat(p11.sourceId()).isEqualTo("P-11");
        assertThat(p11.rejection().rule()).isEqualTo("reference.unknown");
        assertThat(p11.rejection().message()).contains("clinics C-77");
        assertThat(commandRecords(run).stream().map(Records::command).map(LoadCommand::sourceId))
                .containsExactlyInAnyOrder("C-10", "C-11", "P-10");
    }

    /**
     * Regression, issue 8 hole 8: uniqueness was decided before the reference checks, so a family member rejected for
     * an unknown clinic still held the shared address, and the next one, with no mobile number, was rejected
     * {@code contact.unreachable}: two patients lost where one had to be.
     */
    @Test
    void aPatientRejectedForAnUnknownClinicHoldsNoSharedAddress() {
        String run = Records.runId();
        new MapperDb().seedMetadata(run);
        sendRun(run, started(run, SourceResource.CLINICS, SourceResource.PATIENTS));
        send(patient(run, "P-40", "{\"clinic_id\": \"C-499\", \"email\": \"family.hole8@example.com\"}"));
        send(patient(run, "P-41", "{\"clinic_id\": \"C-40\", \"email\": \"Family.Hole8@example.com\","
                + " \"mobile_phone\": null}"));
        sendRun(run, manifest(run, SourceResource.PATIENTS, 2));
        send(clinic(run, "C-40", null));
        sendRun(run, manifest(run, SourceResource.CLINICS, 1));

        await().atMost(PATIENCE).until(() -> commandRecords(run).size() == 2 && outcomeRecords(run).size() == 1);
        LoadOutcome p40 = Records.outcome(outcomeRecords(run).get(0));
        assertThat(p40.sourceId()).isEqualTo("P-40");
        assertThat(p40.rejection().rule()).isEqualTo("reference.unknown");
        LoadCommand p41 = commandRecords(run).stream().map(Records::command)
                .filter(c -> c.sourceId().equals("P-41")).findFirst().orElseThrow();
        assertThat(p41.fields().at("/emails").asText()).as("P-41 keeps the address P-40 cannot use")
                .isEqualToIgnoringCase("family.hole8@example.com");
        assertThat(p41.fields().at("/custom_field/cf_shared_email").isMissingNode()).isTrue();
    }

    /**
     * Regression, issue 8 hole 5: one clinic that reached the mapper undecodable went to poison, the run's clinics never
     * reached their manifest count, and every patient of the run waited for them forever.
     */
    @Test
    void aClinicThatArrivesUndecodableEndsRejectedAndTheRunsPatientsGoOn() {
        String run = Records.runId();
        new MapperDb().seedMetadata(run);
        sendRun(run, started(run, SourceResource.CLINICS, SourceResource.PATIENTS));
        kafka.send(config.clinicsTopic, "C-70", "{\"runId\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send(clinic(run, "C-71", null));
        sendRun(run, new dev.ferry.contracts.RunEvent.ManifestIds(null, run, SourceResource.CLINICS, 0, 1,
                List.of("C-70", "C-71"), java.time.Instant.now()));
        sendRun(run, new dev.ferry.contracts.RunEvent.ManifestCounted(null, run, SourceResource.CLINICS, 2, 0, 1,
                java.time.Instant.now()));
        send(patient(run, "P-70", "{\"clinic_id\": \"C-71\", \"email\": \"p70@example.com\"}"));
        sendRun(run, manifest(run, SourceResource.PATIENTS, 1));

        await().atMost(PATIENCE).until(() -> commandRecords(run).size() == 2 && outcomeRecords(run).size() == 1);
        assertThat(commandRecords(run).stream().map(Records::command).map(LoadCommand::sourceId))
                .containsExactlyInAnyOrder("C-71", "P-70");
        LoadOutcome c70 = Records.outcome(outcomeRecords(run).get(0));
        assertThat(c70.sourceId()).isEqualTo("C-70");
        assertThat(c70.kind()).isEqualTo(OutcomeKind.REJECTED);
        assertThat(c70.rejection().rule()).isEqualTo("record.unreadable");
    }

    @Test
    void recordsWaitForTheTargetMetadataAndGoOnceItIsThere() {
        String run = Records.runId();
        sendRun(run, started(run, SourceResource.PRACTITIONERS));
        send(practitioner(run, "PR-20", "isil.kaya@klinik.example"));
        sendRun(run, manifest(run, SourceResource.PRACTITIONERS, 1));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/runs/{run}/pending", run).then()
                .body("[0].resource", equalTo("practitioners"))
                .body("[0].waitingFor", containsString("target metadata from the loader")));
        assertThat(outcomeRecords(run)).isEmpty();

        new MapperDb().seedMetadata(run);
        await().atMost(PATIENCE).until(() -> outcomeRecords(run).size() == 1);
        LoadOutcome linked = Records.outcome(outcomeRecords(run).get(0));
        assertThat(linked.kind()).isEqualTo(OutcomeKind.LINKED);
        assertThat(linked.freshsalesId()).isEqualTo(1002L);
    }

    @Test
    void aRunUsesTheSpecItNamesAndAResourceThatSpecDoesNotMapIsRejected() {
        String run = Records.runId();
        new MapperDb().seedMetadata(run);
        sendRun(run, Records.startedWith("dentes-freshsales/v2", run, SourceResource.PRACTITIONERS,
                SourceResource.CLINICS));
        send(practitioner(run, "PR-30", "ilker.sahin@klinik.example"));
        send(clinic(run, "C-30", "C-1"));
        await().atMost(PATIENCE).until(() -> outcomeRecords(run).size() == 1 && commandRecords(run).size() == 1);
        LoadOutcome rejected = Records.outcome(outcomeRecords(run).get(0));
        assertThat(rejected.sourceId()).isEqualTo("PR-30");
        assertThat(rejected.rejection().rule()).isEqualTo("mapping.missing");
        assertThat(rejected.rejection().message()).contains("dentes-freshsales/v2");
        LoadCommand clinic = Records.command(commandRecords(run).get(0));
        assertThat(clinic.mappingVersion()).isEqualTo("dentes-freshsales/v2");
        assertThat(clinic.fields().has("parent_sales_account_id")).as("v2 maps no parent").isFalse();

        String unknownVersion = Records.runId();
        sendRun(unknownVersion, Records.startedWith("dentes-freshsales/v9", unknownVersion, SourceResource.CLINICS));
        send(clinic(unknownVersion, "C-31", null));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/runs/{run}/pending", unknownVersion).then()
                .body("[0].waitingFor", containsString("mapping spec dentes-freshsales/v9, which this mapper does not have")));
    }
}
