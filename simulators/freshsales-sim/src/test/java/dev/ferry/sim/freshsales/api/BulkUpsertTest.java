package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkUpsertTest extends SandboxTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String jobPath(String url) {
        return url.substring(url.indexOf(PREFIX) + PREFIX.length());
    }

    private static JsonPath awaitDone(String path) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = api().get(path).then().statusCode(200).extract().jsonPath();
            return "SUCCESS".equals(last[0].getString("status"));
        });
        return last[0];
    }

    @Test
    void jobRunsAsynchronouslyAndReportsFailuresPerItem() throws Exception {
        long existing = createContact("old@x.org", "B-0");
        config("{\"bulkJobsPaused\":true}");
        String body = "{\"contacts\":["
                + "{\"emails\":\"old@x.org\",\"data\":{\"job_title\":\"Updated\"}},"
                + "{\"emails\":\"new@x.org\",\"data\":{\"first_name\":\"New\",\"custom_field\":{\"cf_dentes_id\":\"B-1\"}}},"
                + "{\"emails\":\"bad@x.org\",\"data\":{\"custom_field\":{\"cf_treatment_type\":\"Magic\"}}},"
                + "{\"id\":\"" + existing + "\",\"data\":{\"city\":\"Izmir\"}},"
                + "{\"cf_dentes_id\":\"B-2\",\"data\":{\"mobile_number\":\"+31 6 9\"}}]}";
        String url = api().body(body).post("/contacts/bulk_upsert").then().statusCode(200)
                .body("job_status_url", startsWith("http://")).extract().jsonPath().getString("job_status_url");
        JsonPath pending = api().get(jobPath(url)).then().statusCode(200).extract().jsonPath();
        assertThat(pending.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(pending.getInt("progress")).isZero();
        assertThat(JSON.readTree(pending.getString("data")).path("record_status").path("succeeded").asInt()).isZero();
        assertThat(state().getList("contacts")).hasSize(1);
        config("{\"bulkJobsPaused\":false}");
        JsonPath done = awaitDone(jobPath(url));
        assertThat(done.getInt("progress")).isEqualTo(100);
        assertThat(done.getString("job_type_name")).isEqualTo("contacts_bulk_upsert");
        assertThat(done.getString("created_at")).endsWith("-04:00");
        assertThat(done.getString("status_updated_at")).isNotNull();
        JsonNode data = JSON.readTree(done.getString("data"));
        assertThat(data.path("record_status").path("succeeded").asInt()).isEqualTo(4);
        assertThat(data.path("record_status").path("failed").asInt()).isEqualTo(1);
        JsonNode failure = data.path("detailed_failure_report").get(0);
        assertThat(failure.path("index").asInt()).isEqualTo(2);
        assertThat(failure.path("unique_identifier").path("emails").asText()).isEqualTo("bad@x.org");
        assertThat(failure.path("errors").path("code").asInt()).isEqualTo(400);
        assertThat(failure.path("errors").path("message").get(0).asText()).isEqualTo("Magic is not a valid value for cf_treatment_type");
        assertThat(data.has("detailed_success_report")).isFalse();
        api().get("/contacts/" + existing).then().body("contact.job_title", equalTo("Updated")).body("contact.city", equalTo("Izmir"));
        api().get("/lookup?q=B-1&f=cf_dentes_id&entities=contact").then().body("contacts.contacts.size()", equalTo(1));
        api().get("/lookup?q=B-2&f=cf_dentes_id&entities=contact").then().body("contacts.contacts[0].mobile_number", equalTo("+31 6 9"));
        given().get("/_sim/requests/summary").then().body("byEndpoint.'GET /crm/sales/api/job_statuses/{id}'.total",
                org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                // Issue 13's bench counts calls per object: a poll is the polled job's module, a lookup its entity's.
                .body("byObject.contacts.byEndpoint.'GET /crm/sales/api/job_statuses/{id}'.total",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("byObject.contacts.byEndpoint.'GET /crm/sales/api/lookup'.total", equalTo(2))
                .body("byObject.contacts.byEndpoint.'POST /crm/sales/api/contacts/bulk_upsert'.byStatus.'200'", equalTo(1))
                .body("byObject.contacts.byEndpoint.'GET /crm/sales/api/contacts/{id}'.total", equalTo(1))
                .body("byObject.sales_accounts", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void idsOfWrittenRecordsAreReportedOnlyWhenSwitchedOn() throws Exception {
        config("{\"bulkJobReportsIds\":true}");
        String url = api().body("{\"sales_accounts\":[{\"name\":\"Acme\",\"data\":{\"city\":\"Utrecht\"}},{\"id\":1,\"data\":{}}]}")
                .post("/sales_accounts/bulk_upsert").then().statusCode(200).extract().jsonPath().getString("job_status_url");
        JsonNode data = JSON.readTree(awaitDone(jobPath(url)).getString("data"));
        JsonNode ok = data.path("detailed_success_report").get(0);
        assertThat(ok.path("action").asText()).isEqualTo("created");
        long id = ok.path("id").asLong();
        api().get("/sales_accounts/" + id).then().body("sales_account.name", equalTo("Acme"));
        assertThat(data.path("detailed_failure_report").get(0).path("errors").path("message").get(0).asText())
                .isEqualTo("Record with id 1 not found");
    }

    @Test
    void requestsAreValidatedUpFront() {
        StringJoiner items = new StringJoiner(",");
        for (int i = 0; i < 101; i++) {
            items.add("{\"emails\":\"x" + i + "@x.org\",\"data\":{}}");
        }
        api().body("{\"contacts\":[" + items + "]}").post("/contacts/bulk_upsert").then().statusCode(400)
                .body("errors.message[0]", equalTo("A maximum of 100 records is allowed per request"));
        api().body("{\"contacts\":{}}").post("/contacts/bulk_upsert").then().statusCode(400)
                .body("errors.message[0]", equalTo("The type for contacts is invalid."));
        api().body("{\"contacts\":[]}").post("/contacts/bulk_upsert").then().statusCode(400);
        api().get("/job_statuses/5").then().statusCode(404);
    }

    @Test
    void bulkUpsertCanAnswer405WithoutApplyingAnything() {
        config("{\"faults\":{\"bulkUpsert405Rate\":1.0}}");
        api().body("{\"contacts\":[{\"emails\":\"z@x.org\",\"data\":{}}]}").post("/contacts/bulk_upsert").then().statusCode(405)
                .body("errors.code", equalTo(405));
        given().get("/_sim/requests/summary").then().body("faults.bulkUpsert405", equalTo(1));
        assertThat(state().getList("contacts")).isEmpty();
    }
}
