package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;

/** Shared helpers; every test starts from the seed with the start-up config. */
abstract class SandboxTestBase {

    static final String KEY = "ferry-sandbox-key";
    static final String PREFIX = "/crm/sales/api";
    static final long ADMIN = 71000000001L;
    static final long ALL_CONTACTS = 71100000101L;
    static final long RECYCLE_CONTACTS = 71100000109L;
    static final long ALL_ACCOUNTS = 71100000201L;
    static final long OPEN_DEALS = 71100000301L;
    static final long WON_DEALS = 71100000302L;
    static final long LOST_DEALS = 71100000303L;

    @BeforeEach
    void resetSandbox() {
        given().post("/_sim/reset?config=true").then().statusCode(200);
        // Rolling windows: tests that count remaining calls must not straddle the top of a clock hour.
        config("{\"bulkJobStartDelayMs\":0,\"bulkJobItemDelayMs\":0,\"windowMode\":\"ROLLING\"}");
    }

    static RequestSpecification api() {
        return given().header("Authorization", "Token token=" + KEY).contentType(ContentType.JSON).basePath(PREFIX);
    }

    static void config(String json) {
        given().contentType(ContentType.JSON).body(json).put("/_sim/config").then().statusCode(200);
    }

    static long createContact(String email, String dentesId) {
        String body = "{\"contact\":{\"first_name\":\"Pat\",\"last_name\":\"Ient\",\"emails\":\"" + email + "\""
                + (dentesId == null ? "" : ",\"custom_field\":{\"cf_dentes_id\":\"" + dentesId + "\"}") + "}}";
        return api().body(body).post("/contacts").then().statusCode(201).extract().jsonPath().getLong("contact.id");
    }

    static long createAccount(String name) {
        return api().body("{\"sales_account\":{\"name\":\"" + name + "\"}}").post("/sales_accounts")
                .then().statusCode(201).extract().jsonPath().getLong("sales_account.id");
    }

    static JsonPath state() {
        return given().get("/_sim/state").then().statusCode(200).extract().jsonPath();
    }
}
