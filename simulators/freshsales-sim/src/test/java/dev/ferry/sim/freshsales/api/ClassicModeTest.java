package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClassicModeTest extends SandboxTestBase {

    private static io.restassured.specification.RequestSpecification classic() {
        return given().header("Authorization", "Token token=" + KEY).contentType("application/json").basePath("/api");
    }

    @Test
    void suiteModeHasNoLeadsAndNoClassicPrefix() {
        api().get("/leads/filters").then().statusCode(404).body("errors.code", equalTo(404));
        api().body("{\"lead\":{\"last_name\":\"L\"}}").post("/leads").then().statusCode(404);
        classic().get("/contacts/filters").then().statusCode(404);
    }

    @Test
    void classicModeServesLeadsUnderApi() {
        config("{\"classicMode\":true}");
        long id = classic().body("{\"lead\":{\"last_name\":\"Lead\",\"email\":\"lead@x.org\"}}").post("/leads").then().statusCode(201)
                .body("lead.display_name", equalTo("Lead")).extract().jsonPath().getLong("lead.id");
        long view = classic().get("/leads/filters").then().statusCode(200).extract().jsonPath().getLong("filters[0].id");
        classic().get("/leads/view/" + view).then().body("leads.id", contains(id));
        classic().body("{\"filter_rule\":[{\"attribute\":\"email\",\"operator\":\"is\",\"value\":\"lead@x.org\"}]}")
                .post("/filtered_search/lead").then().body("meta.total", equalTo(1));
        classic().get("/settings/leads/fields").then().statusCode(200);
        long c = createContact("c@x.org", null);
        classic().body("{\"task\":{\"title\":\"t\",\"due_date\":\"2030-01-01T10:00:00Z\",\"owner_id\":" + ADMIN
                + ",\"targetable_type\":\"Contact\",\"targetable_id\":" + c + "}}").post("/tasks").then().statusCode(201)
                .body("task", hasKey("targetable_id"));
        given().get("/_sim/requests/summary").then().body("byEndpoint.'POST /api/leads'.total", equalTo(1));
    }

    /** Reference 5.8: a note's targetable_type is Contact, SalesAccount or Deal, also on Classic (issue 10). */
    @Test
    void onClassicANoteMayNotNameALead() {
        config("{\"classicMode\":true}");
        long lead = classic().body("{\"lead\":{\"last_name\":\"Lead\",\"email\":\"lead2@x.org\"}}").post("/leads")
                .then().statusCode(201).extract().jsonPath().getLong("lead.id");
        classic().body("{\"note\":{\"description\":\"n\",\"targetable_type\":\"Lead\",\"targetable_id\":" + lead
                + "}}").post("/notes").then().statusCode(400).body("errors.code", equalTo(400));
    }
}
