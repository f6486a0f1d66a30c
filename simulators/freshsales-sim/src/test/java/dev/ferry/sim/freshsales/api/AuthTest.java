package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest extends SandboxTestBase {

    @Test
    void missingOrWrongKeyGets401WithTheErrorEnvelope() {
        given().basePath(PREFIX).get("/contacts/filters").then().statusCode(401)
                .body("errors.code", equalTo(401)).body("errors.message.size()", equalTo(1))
                .header("X-RateLimit-Remaining", nullValue());
        given().basePath(PREFIX).header("Authorization", "Token token=nope").get("/contacts/filters").then().statusCode(401);
        given().basePath(PREFIX).header("Authorization", "Bearer " + KEY).get("/contacts/filters").then().statusCode(401);
    }

    @Test
    void rejectedCallsDoNotSpendTheBudgetButAreCounted() {
        api().get("/contacts/filters").then().statusCode(200).header("X-RateLimit-Remaining", "999");
        given().basePath(PREFIX).get("/contacts/filters").then().statusCode(401);
        api().get("/contacts/filters").then().statusCode(200).header("X-RateLimit-Remaining", "998");
        given().get("/_sim/requests/summary").then()
                .body("byEndpoint.'GET /crm/sales/api/contacts/filters'.byStatus.'401'", equalTo(1))
                .body("byEndpoint.'GET /crm/sales/api/contacts/filters'.byStatus.'200'", equalTo(2));
    }

    @Test
    void configuredKeysAllWorkAndShareOneBudget() {
        config("{\"apiKeys\":[\"k1\",\"k2\"],\"perHourLimit\":2}");
        given().basePath(PREFIX).header("Authorization", "Token token=k1").get("/selector/owners").then().statusCode(200);
        given().basePath(PREFIX).header("Authorization", "Token token=k2").get("/selector/owners").then().statusCode(200);
        given().basePath(PREFIX).header("Authorization", "Token token=k1").get("/selector/owners").then().statusCode(429);
        given().basePath(PREFIX).header("Authorization", "Token token=" + KEY).get("/selector/owners").then().statusCode(401);
    }

    @Test
    void adminApiNeedsNoKeyAndIsNeverCounted() {
        given().get("/_sim/config").then().statusCode(200).body("apiKeys", hasItem(KEY)).body("perHourLimit", equalTo(1000));
        given().get("/_sim/requests/summary").then().body("total", equalTo(0)).body("byStatus.size()", equalTo(0));
        api().get("/selector/owners").then().statusCode(200).body("users.id", contains(71000000001L, 71000000002L,
                71000000003L, 71000000004L));
    }
}
