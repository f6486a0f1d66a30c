package dev.ferry.sim.dentes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FaultsTest extends SandboxTestSupport {

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        putConfig("{\"faults\":{\"rateLimitRate\":1.0,\"retryAfterSeconds\":7}}");
        api().get("/api/v1/patients").then().statusCode(429).header("Retry-After", "7")
                .body("error.code", equalTo("RATE_LIMITED"));
        putConfig("{\"faults\":{\"rateLimitRate\":0}}");
        api().get("/api/v1/patients").then().statusCode(200);
    }

    @Test
    void serverErrorsAtTheConfiguredRateAndStatus() {
        putConfig("{\"faults\":{\"serverErrorRate\":1.0,\"serverErrorStatus\":502}}");
        api().get("/api/v1/appointments").then().statusCode(502).body("error.code", equalTo("SERVER_ERROR"));
        api().get("/api/v1/appointments/A-1").then().statusCode(502);
    }

    @Test
    void aNamedPageFailsOnceThenSucceeds() {
        putConfig("{\"faults\":{\"failOncePages\":[\"patients:2\"]}}");
        api().queryParam("per_page", 2).get("/api/v1/patients").then().statusCode(200);
        api().queryParam("per_page", 2).queryParam("page", 2).get("/api/v1/patients").then().statusCode(503)
                .body("error.code", equalTo("SERVER_ERROR"));
        api().queryParam("per_page", 2).queryParam("page", 2).get("/api/v1/patients").then().statusCode(200)
                .body("data.id", equalTo(List.of("P-000001", "P-000002")));
        api().queryParam("per_page", 2).queryParam("page", 2).get("/api/v1/appointments").then().statusCode(200);
    }

    @Test
    void aFailOnceRateFailsEachDistinctQueryAtMostOnce() {
        putConfig("{\"faults\":{\"failOnceRate\":1.0,\"failOnceStatus\":500}}");
        api().queryParam("page", 1).get("/api/v1/recalls").then().statusCode(500);
        api().queryParam("page", 1).get("/api/v1/recalls").then().statusCode(200);
        api().queryParam("page", 1).queryParam("updated_since", "2020-01-01T00:00:00Z").get("/api/v1/recalls")
                .then().statusCode(500);
        api().queryParam("page", 1).queryParam("updated_since", "2020-01-01T00:00:00Z").get("/api/v1/recalls")
                .then().statusCode(200);
    }

    @Test
    void latencyIsAddedThroughTheInjectedSleeper() {
        List<Long> slept = new ArrayList<>();
        clock.useSleeper(slept::add);
        putConfig("{\"faults\":{\"latencyMillis\":250}}");
        api().get("/api/v1/patients").then().statusCode(200);
        api().get("/api/v1/patients/P-000001").then().statusCode(200);
        assertThat(slept).containsExactly(250L, 250L);
        putConfig("{\"faults\":{\"latencyMillis\":100,\"latencyJitterMillis\":50}}");
        slept.clear();
        for (int i = 0; i < 20; i++) {
            api().get("/api/v1/workflows");
        }
        assertThat(slept).hasSize(20).allMatch(ms -> ms >= 100 && ms <= 150);
        assertThat(slept.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void seededFaultsRepeatAfterReseeding() {
        putConfig("{\"faults\":{\"seed\":99,\"rateLimitRate\":0.5}}");
        List<Integer> first = statuses(30);
        putConfig("{\"faults\":{\"seed\":99}}");
        List<Integer> second = statuses(30);
        assertThat(first).isEqualTo(second).contains(200, 429);
    }

    @Test
    void badSettingsAreRefusedAndUnknownKeysToo() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"faults\":{\"rateLimitRate\":2}}")
                .put("/_sim/config").then().statusCode(400).body("error.code", equalTo("INVALID_PARAMETER"));
        io.restassured.RestAssured.given().contentType("application/json").body("{\"fautls\":{}}")
                .put("/_sim/config").then().statusCode(400);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"faults\":{\"failOncePages\":[\"patients\"]}}")
                .put("/_sim/config").then().statusCode(400);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"tokens\":[\"ok\"],\"maxPerPage\":\"s3cr3t-ish\"}")
                .put("/_sim/config").then().statusCode(400)
                .body("error.message", equalTo("invalid settings: wrong type at maxPerPage"));
        io.restassured.RestAssured.given().get("/_sim/config").then().statusCode(200)
                .body("faults.rateLimitRate", equalTo(0.0f)).body("tokens", equalTo(List.of(TOKEN)));
    }

    @Test
    void malformedAdminBodiesAre400WithTheEnvelope() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"faults\":").put("/_sim/config")
                .then().statusCode(400).body("error.code", equalTo("INVALID_REQUEST"));
        io.restassured.RestAssured.given().contentType("application/json").body("{oops").post("/_sim/mutations")
                .then().statusCode(400).body("error.code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void putMergesAndKeepsWhatItDoesNotName() {
        putConfig("{\"faults\":{\"retryAfterSeconds\":3}}");
        putConfig("{\"faults\":{\"latencyMillis\":0}}");
        io.restassured.RestAssured.given().get("/_sim/config").then()
                .body("faults.retryAfterSeconds", equalTo(3)).body("maxPerPage", equalTo(200));
    }

    private List<Integer> statuses(int n) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(api().get("/api/v1/products").statusCode());
        }
        return s;
    }
}
