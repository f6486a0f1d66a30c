package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminApiTest extends SandboxTestBase {

    @Test
    void configMergesPartialJsonAndRejectsNonsense() {
        config("{\"plan\":\"forest\",\"faults\":{\"latencyMs\":0,\"shortPageRate\":0.25}}");
        given().get("/_sim/config").then().body("plan", equalTo("forest")).body("perHourLimit", equalTo(5000))
                .body("perMinuteLimit", equalTo(400)).body("faults.shortPageRate", equalTo(0.25f))
                .body("faults.serverErrorRate", equalTo(0.0f)).body("timeScale", equalTo(1.0f))
                .body("classicMode", equalTo(false)).body("noteMaxLength", equalTo(8000));
        given().contentType("application/json").body("{\"timeScale\":-1}").put("/_sim/config").then().statusCode(400);
        given().contentType("application/json").body("{\"faults\":{\"errorLanguage\":\"xx\"}}").put("/_sim/config").then().statusCode(400);
        given().get("/_sim/config").then().body("timeScale", equalTo(1.0f));
    }

    /** Issue 7: PUT refused the document GET had just served, because of the derived storage quota key. */
    @Test
    void theDocumentGetServesIsAcceptedBackByPut() throws Exception {
        config("{\"plan\":\"forest\",\"faults\":{\"serverErrorRate\":0.1}}");
        String served = given().get("/_sim/config").then().statusCode(200)
                .body("effectiveStorageQuotaBytes", org.hamcrest.Matchers.notNullValue()).extract().asString();
        var edited = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(served);
        edited.put("timeScale", 2.0);
        given().contentType("application/json").body(edited.toString()).put("/_sim/config").then().statusCode(200);
        given().get("/_sim/config").then().body("timeScale", equalTo(2.0f)).body("plan", equalTo("forest"))
                .body("faults.serverErrorRate", equalTo(0.1f));
    }

    @Test
    void stateHoldsEveryModuleIncludingDeletedRecords() {
        long c = createContact("s@x.org", "S-1");
        long acc = createAccount("State clinic");
        api().body("{\"note\":{\"description\":\"n\",\"targetable_type\":\"SalesAccount\",\"targetable_id\":" + acc + "}}")
                .post("/notes").then().statusCode(200);
        api().delete("/contacts/" + c).then().statusCode(200);
        JsonPath s = state();
        for (String module : new String[] {"contacts", "sales_accounts", "deals", "notes", "tasks", "appointments",
                "sales_activities", "products", "documents", "cm_imaging_record"}) {
            assertThat(s.getList(module)).as(module).isNotNull();
        }
        assertThat(s.getBoolean("contacts[0].is_deleted")).isTrue();
        assertThat(s.getString("contacts[0].custom_field.cf_dentes_id")).isEqualTo("S-1");
        assertThat(s.getLong("notes[0].targetable_id")).isEqualTo(acc);
        given().get("/_sim/state?module=notes").then().body("$", hasKey("notes")).body("size()", equalTo(1));
    }

    @Test
    void summaryCountsCallsPerEndpointAndCanBeCleared() {
        createContact("a@x.org", null);
        api().get("/contacts/view/" + ALL_CONTACTS).then().statusCode(200);
        api().get("/no/such/route").then().statusCode(404);
        given().get("/_sim/requests/summary").then().body("total", equalTo(3))
                .body("byEndpoint.'POST /crm/sales/api/contacts'.byStatus.'201'", equalTo(1))
                .body("byEndpoint.'GET /crm/sales/api/contacts/view/{view_id}'.total", equalTo(1))
                .body("byEndpoint.'GET /crm/sales/api/** (unmatched)'.byStatus.'404'", equalTo(1))
                .body("byStatus.'201'", equalTo(1));
        given().delete("/_sim/requests/summary").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void resetBringsDataAndCountersBackToTheSeed() {
        createContact("r@x.org", null);
        given().contentType("application/json").body("[{\"id\":9,\"email\":\"x@x.org\"}]").put("/_sim/users").then().statusCode(200);
        given().post("/_sim/reset").then().statusCode(200);
        assertThat(state().getList("contacts")).isEmpty();
        api().get("/selector/owners").then().body("users.size()", equalTo(4));
        api().get("/selector/owners").then().header("X-RateLimit-Remaining", "998");
        long id = createContact("r@x.org", null);
        // The id sequence restarts with the seed: the first record after a reset gets the first id again.
        assertThat(id).isEqualTo(70_000_100_001L);
    }
}
