package dev.ferry.sim.dentes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SingleRecordTest extends SandboxTestSupport {

    static final Path FIXTURE = Path.of("src/test/resources/datasets/tiny");

    @Test
    void oneRecordIsServedExactlyAsStored() throws Exception {
        String body = api().get("/api/v1/patients/P-000001").then().statusCode(200)
                .body("data.first_name", equalTo("Ayşe Nur"))
                .body("data.email", equalTo("Ayşe.Güneş@gmail.com"))
                .extract().asString();
        String line = Files.readAllLines(FIXTURE.resolve("patients.jsonl")).stream()
                .filter(l -> l.contains("\"P-000001\"")).findFirst().orElseThrow();
        assertThat(body).isEqualTo("{\"data\":" + line + "}");
    }

    @Test
    void unknownIdsAndResourcesAre404WithTheEnvelope() {
        api().get("/api/v1/patients/P-999999").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        api().get("/api/v1/dentures").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        api().get("/api/v1/dentures/1").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        api().get("/api/v1/custom-modules/nope/records").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        api().get("/api/v1/a/b/c/d").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }

    @Test
    void customModuleRecordsHaveTheirOwnPath() {
        api().get("/api/v1/custom-modules").then().body("data[0].key", equalTo("imaging"));
        api().get("/api/v1/custom-modules/imaging/records").then().statusCode(200).body("data", hasSize(2))
                .body("meta.total", equalTo(2));
        api().get("/api/v1/custom-modules/imaging/records/IMG-1").then().statusCode(200)
                .body("data.values.ai_settings.ai_analysis_enabled", equalTo(true));
        api().get("/api/v1/custom-modules/imaging/records/IMG-9").then().statusCode(404);
    }

    @Test
    void resourcesWithoutAFileAreServedEmpty() throws Exception {
        Path dir = tempDir("only-patients");
        Files.copy(FIXTURE.resolve("patients.jsonl"), dir.resolve("patients.jsonl"));
        io.restassured.RestAssured.given().post("/_sim/dataset?path=" + dir).then().statusCode(200);
        api().get("/api/v1/recalls").then().statusCode(200).body("meta.total", equalTo(0)).body("data", hasSize(0));
    }

    @Test
    void attachmentContentComesWithItsContentType() throws Exception {
        byte[] text = api().get("/api/v1/attachments/ATT-1/content").then().statusCode(200)
                .contentType("text/plain").extract().asByteArray();
        assertThat(text).isEqualTo(Files.readAllBytes(FIXTURE.resolve("attachments/ATT-1")));
        byte[] pdf = api().get("/api/v1/attachments/ATT-2/content").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String sha = api().get("/api/v1/attachments/ATT-2").jsonPath().getString("data.sha256");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf))).isEqualTo(sha);
        api().get("/api/v1/attachments/ATT-3/content").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        api().get("/api/v1/attachments/..%2Fpatients.jsonl/content").then().statusCode(404);
    }
}
