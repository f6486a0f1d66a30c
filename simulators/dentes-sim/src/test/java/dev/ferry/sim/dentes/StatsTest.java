package dev.ferry.sim.dentes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatsTest extends SandboxTestSupport {

    @Test
    void countsRecordsAndRequestsPerResourceAndStatus() {
        api().get("/api/v1/patients");
        api().get("/api/v1/patients/P-000001");
        api().get("/api/v1/patients/P-404");
        given().get("/api/v1/patients");
        api().get("/api/v1/custom-modules/imaging/records");
        api().get("/api/v1/attachments/ATT-1/content");
        api().get("/api/v1/whatever");
        given().get("/_sim/stats").then().statusCode(200)
                .body("records.patients.total", equalTo(7))
                .body("records.patients.live", equalTo(6))
                .body("records.patients.deleted", equalTo(1))
                .body("records.'custom-modules/imaging/records'.total", equalTo(2))
                .body("requests.patients.'200'", equalTo(2))
                .body("requests.patients.'404'", equalTo(1))
                .body("requests.patients.'401'", equalTo(1))
                .body("requests.'custom-modules/imaging/records'.'200'", equalTo(1))
                .body("requests.'attachments/content'.'200'", equalTo(1))
                .body("requests.'(unknown)'.'404'", equalTo(1))
                .body("jvm.heap_max_bytes", greaterThan(0L));
    }
}
