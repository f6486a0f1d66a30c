package dev.ferry.sim.dentes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest extends SandboxTestSupport {

    @Test
    void noTokenIs401WithTheErrorEnvelope() {
        given().get("/api/v1/patients").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("UNAUTHORIZED"))
                .body("error.message", equalTo("Missing bearer token"));
    }

    @Test
    void wrongTokenIs401AndTheRightOneServes() {
        given().header("Authorization", "Bearer nope").get("/api/v1/patients").then().statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Basic " + TOKEN).get("/api/v1/patients").then().statusCode(401);
        api().get("/api/v1/patients").then().statusCode(200).body("meta.total", equalTo(6));
        api().get("/api/v1/patients/P-000001").then().statusCode(200);
        given().get("/api/v1/attachments/ATT-1/content").then().statusCode(401);
    }

    @Test
    void tokensChangeAtRuntime() {
        putConfig("{\"tokens\":[\"rotated\"]}");
        api().get("/api/v1/patients").then().statusCode(401);
        given().header("Authorization", "bearer rotated").get("/api/v1/patients").then().statusCode(200);
    }

    @Test
    void unauthenticatedRequestsDoNotLearnWhichResourcesExist() {
        given().get("/api/v1/no-such-thing").then().statusCode(401);
        api().get("/api/v1/no-such-thing").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }
}
