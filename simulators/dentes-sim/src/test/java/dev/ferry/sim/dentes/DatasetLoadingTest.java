package dev.ferry.sim.dentes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatasetLoadingTest extends SandboxTestSupport {

    @Test
    void aFolderReplacesWhatIsServedAndResetRestoresTheStart() throws Exception {
        Path dir = tempDir("two-patients");
        Files.writeString(dir.resolve("patients.jsonl"), """
                {"id":"X-1","clinic_id":"C-1","first_name":"Ece","last_name":"Ak","created_at":"2024-01-01T00:00:00+03:00","updated_at":"2024-01-02T00:00:00+03:00"}
                {"id":"X-2","clinic_id":"C-1","first_name":"Can","last_name":"Ün","created_at":"2024-01-01T00:00:00+03:00","updated_at":"2024-01-01T00:00:00+03:00"}
                """);
        given().post("/_sim/dataset?path=" + dir).then().statusCode(200)
                .body("records.patients.total", equalTo(2)).body("records.appointments.total", equalTo(0));
        api().get("/api/v1/patients").then().body("data.id", equalTo(java.util.List.of("X-2", "X-1")));
        given().post("/_sim/reset").then().statusCode(200).body("records.patients.total", equalTo(7));
        api().get("/api/v1/patients").then().body("meta.total", equalTo(6));
    }

    @Test
    void aBrokenDatasetIsRefusedAndTheOldOneStaysServed() throws Exception {
        Path dir = tempDir("broken");
        Files.writeString(dir.resolve("patients.jsonl"), "{\"id\":\"X-1\",\"updated_at\":\"2024-01-01T00:00:00+03:00\"}\n{not json\n");
        given().post("/_sim/dataset?path=" + dir).then().statusCode(422).body("error.code", equalTo("INVALID_DATASET"))
                .body("error.message", org.hamcrest.Matchers.containsString("patients.jsonl line 2"))
                .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("{not")));
        Files.writeString(dir.resolve("patients.jsonl"), "{\"id\":\"X-1\",\"updated_at\":\"2024-01-01T00:00:00+03:00\"}\n"
                + "{\"id\":\"X-1\",\"updated_at\":\"2024-01-02T00:00:00+03:00\"}\n");
        given().post("/_sim/dataset?path=" + dir).then().statusCode(422)
                .body("error.message", org.hamcrest.Matchers.containsString("appears twice"));
        Files.writeString(dir.resolve("patients.jsonl"), "{\"id\":\"X-1\"}\n");
        given().post("/_sim/dataset?path=" + dir).then().statusCode(422)
                .body("error.message", org.hamcrest.Matchers.containsString("no updated_at"));
        given().post("/_sim/dataset?path=/no/such/folder").then().statusCode(400);
        given().post("/_sim/dataset").then().statusCode(400);
        api().get("/api/v1/patients").then().statusCode(200).body("meta.total", equalTo(6));
    }
}
