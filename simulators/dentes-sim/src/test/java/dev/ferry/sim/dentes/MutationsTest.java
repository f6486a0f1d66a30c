package dev.ferry.sim.dentes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A practice still at work during cutover, seen through delta reads. */
@QuarkusTest
class MutationsTest extends SandboxTestSupport {

    static final String NOW = "2030-01-01T03:00:00+03:00";

    @BeforeEach
    void fixedClock() {
        clock.useClock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void createdModifiedAndDeletedRecordsShowUpInTheNextDelta() {
        JsonPath result = mutate("""
                {"seed":1,"create":{"patients":3,"appointments":2},"modify":{"patients":2,"appointments":1},
                 "delete":{"patients":1}}""");
        assertThat(result.getString("at")).isEqualTo(NOW);
        List<String> created = result.getList("created.patients");
        List<String> modified = result.getList("modified.patients");
        List<String> deleted = result.getList("deleted.patients");
        assertThat(created).hasSize(3);
        assertThat(modified).hasSize(2).doesNotContainAnyElementsOf(created);
        assertThat(deleted).hasSize(1).doesNotContainAnyElementsOf(created).doesNotContainAnyElementsOf(modified);
        assertThat(result.getList("created.appointments")).hasSize(2);
        assertThat(result.getList("modified.appointments")).hasSize(1);

        JsonPath delta = api().queryParam("updated_since", NOW).get("/api/v1/patients").then().statusCode(200)
                .extract().jsonPath();
        List<String> seen = delta.getList("data.id");
        List<String> expected = new ArrayList<>(created);
        expected.addAll(modified);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(delta.getList("data.updated_at", String.class)).allMatch(NOW::equals);
        assertThat(seen).isSorted();

        JsonPath withDeleted = api().queryParam("updated_since", NOW).queryParam("include_deleted", true)
                .get("/api/v1/patients").jsonPath();
        assertThat(withDeleted.getList("data.id", String.class)).containsAll(expected).containsAll(deleted).hasSize(6);
        assertThat(withDeleted.getBoolean("data.find { it.id == '" + deleted.get(0) + "' }.deleted")).isTrue();
        api().get("/api/v1/patients/" + deleted.get(0)).then().statusCode(404);

        // Earlier watermarks see the old records plus the new versions, each once.
        api().get("/api/v1/patients").then().body("meta.total", equalTo(6 + 3 - 1));
        api().queryParam("updated_since", NOW).get("/api/v1/appointments").then().body("meta.total", equalTo(3));
    }

    @Test
    void createdRecordsAreCompleteAndReferenceLiveRecords() {
        JsonPath result = mutate("{\"seed\":7,\"create\":{\"patients\":1,\"clinical-notes\":1,\"recalls\":1,"
                + "\"treatment-cases\":1,\"billing-records\":1,\"custom-modules/imaging/records\":1,\"attachments\":1,"
                + "\"practitioners\":1,\"clinics\":1,\"products\":1,\"workflows\":1,\"integrations\":1,\"custom-modules\":1}}");
        String patient = result.getString("created.patients[0]");
        api().get("/api/v1/patients/" + patient).then().statusCode(200)
                .body("data.created_at", equalTo(NOW)).body("data.updated_at", equalTo(NOW))
                .body("data.first_name", org.hamcrest.Matchers.notNullValue());
        String note = result.getString("created.clinical-notes[0]");
        String notePatient = api().get("/api/v1/clinical-notes/" + note).jsonPath().getString("data.patient_id");
        api().get("/api/v1/patients/" + notePatient).then().statusCode(200);
        String img = result.getString("created.'custom-modules/imaging/records'[0]");
        api().get("/api/v1/custom-modules/imaging/records/" + img).then().statusCode(200);
        String att = result.getString("created.attachments[0]");
        String type = api().get("/api/v1/attachments/" + att).jsonPath().getString("data.content_type");
        byte[] bytes = api().get("/api/v1/attachments/" + att + "/content").then().statusCode(200)
                .contentType(type).extract().asByteArray();
        assertThat(bytes.length).isEqualTo(api().get("/api/v1/attachments/" + att).jsonPath().getInt("data.size_bytes"));
        String moduleKey = api().get("/api/v1/custom-modules/" + result.getString("created.custom-modules[0]"))
                .jsonPath().getString("data.key");
        api().get("/api/v1/custom-modules/" + moduleKey + "/records").then().statusCode(200).body("meta.total", equalTo(0));
        for (String resource : List.of("practitioners", "clinics", "products", "workflows", "integrations", "billing-records",
                "treatment-cases", "recalls")) {
            assertThat(result.getList("created.'" + resource + "'")).as(resource).hasSize(1);
        }
    }

    @Test
    void explicitRecordsAndIdsCanBeGiven() {
        JsonPath result = mutate("""
                {"upsert":{"patients":[{"id":"P-000001","clinic_id":"C-2","first_name":"Ayşe Nur","last_name":"Güneş-Kaya"},
                                       {"id":"P-NEW","clinic_id":"C-2","first_name":"Yeni","last_name":"Hasta"}]},
                 "delete_ids":{"appointments":["A-1","A-404"]}}""");
        assertThat(result.getList("upserted.patients")).containsExactly("P-000001", "P-NEW");
        assertThat(result.getList("deleted.appointments")).containsExactly("A-1");
        assertThat(result.getList("not_found.appointments")).containsExactly("A-404");
        api().get("/api/v1/patients/P-000001").then().body("data.last_name", equalTo("Güneş-Kaya"))
                .body("data.created_at", equalTo("2021-05-01T09:15:00+03:00")).body("data.updated_at", equalTo(NOW));
        api().get("/api/v1/patients/P-NEW").then().body("data.created_at", equalTo(NOW));
        api().queryParam("include_deleted", true).get("/api/v1/appointments/A-1").then().body("data.deleted", equalTo(true));
    }

    @Test
    void sameSeedSamePicks() {
        JsonPath a = mutate("{\"seed\":5,\"modify\":{\"patients\":3}}");
        given().post("/_sim/reset").then().statusCode(200);
        JsonPath b = mutate("{\"seed\":5,\"modify\":{\"patients\":3}}");
        assertThat(a.getList("modified.patients")).isEqualTo(b.getList("modified.patients"));
    }

    @Test
    void impossibleRequestsAre400() {
        given().contentType("application/json").body("{\"create\":{\"dentures\":1}}").post("/_sim/mutations").then()
                .statusCode(400).body("error.code", equalTo("INVALID_PARAMETER"));
        given().contentType("application/json").body("{\"modify\":{\"patients\":-1}}").post("/_sim/mutations").then()
                .statusCode(400);
        given().contentType("application/json").body("[1]").post("/_sim/mutations").then().statusCode(400);
        given().contentType("application/json").body("{\"upsert\":{\"patients\":[{\"first_name\":\"x\"}]}}")
                .post("/_sim/mutations").then().statusCode(400);
    }

    @Test
    void resetDropsMutations() {
        mutate("{\"create\":{\"patients\":5}}");
        api().get("/api/v1/patients").then().body("meta.total", equalTo(11));
        given().post("/_sim/reset").then().statusCode(200);
        api().get("/api/v1/patients").then().body("meta.total", equalTo(6));
    }

    private static JsonPath mutate(String body) {
        return given().contentType("application/json").body(body).post("/_sim/mutations").then().statusCode(200)
                .extract().jsonPath();
    }
}
