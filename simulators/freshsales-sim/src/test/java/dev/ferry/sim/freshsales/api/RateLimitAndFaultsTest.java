package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitAndFaultsTest extends SandboxTestBase {

    @TestHTTPResource("/")
    URI root;

    @Test
    void the429HasTheEnvelopeHeadersAndNoRetryAfterByDefault() {
        // Rolling windows: a fixed minute or hour could roll over in the middle of the test.
        config("{\"perHourLimit\":3,\"windowMode\":\"ROLLING\"}");
        api().get("/selector/owners").then().statusCode(200).header("X-RateLimit-Limit", "3").header("X-RateLimit-Remaining", "2");
        api().get("/selector/owners").then().statusCode(200).header("X-RateLimit-Remaining", "1");
        api().get("/job_statuses/1").then().statusCode(404).header("X-RateLimit-Remaining", "0");
        api().get("/selector/owners").then().statusCode(429).body("errors.code", equalTo(429))
                .body("errors.message.size()", equalTo(1)).header("Retry-After", nullValue())
                .header("X-RateLimit-Remaining", "0").header("X-RateLimit-Reset", notNullValue());
        given().get("/_sim/config").then().statusCode(200);
        given().get("/_sim/requests/summary").then().body("rateLimited", equalTo(1))
                .body("byEndpoint.'GET /crm/sales/api/selector/{name}'.byStatus.'429'", equalTo(1))
                .body("byEndpoint.'GET /crm/sales/api/job_statuses/{id}'.byStatus.'404'", equalTo(1));
        config("{\"retryAfterOn429\":true}");
        api().get("/selector/owners").then().statusCode(429).header("Retry-After", notNullValue());
        given().post("/_sim/reset").then().statusCode(200);
        api().get("/selector/owners").then().statusCode(200);
    }

    @Test
    void perMinuteBudgetAndEpochResetUnit() {
        config("{\"perMinuteLimit\":1,\"windowMode\":\"ROLLING\",\"rateLimitResetUnit\":\"EPOCH_SECONDS\","
                + "\"rateLimitHeaderBucket\":\"MINUTE\"}");
        long reset = Long.parseLong(api().get("/selector/owners").then().statusCode(200).header("X-RateLimit-Limit", "1")
                .extract().header("X-RateLimit-Reset"));
        assertThat(reset).isGreaterThan(1_000_000_000L);
        api().get("/selector/owners").then().statusCode(429);
    }

    @Test
    void timeScaleRenewsTheHourInRealSeconds() {
        config("{\"perHourLimit\":1,\"timeScale\":36000}");
        api().get("/selector/owners").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> api().get("/selector/owners").statusCode() == 200);
    }

    @Test
    void serverErrorsHappenBeforeAnythingIsApplied() {
        config("{\"faults\":{\"serverErrorRate\":1.0,\"serverErrorStatuses\":[503]}}");
        api().body("{\"contact\":{\"emails\":\"e@x.org\"}}").post("/contacts").then().statusCode(503).body("errors.code", equalTo(503));
        config("{\"faults\":{\"serverErrorRate\":0}}");
        assertThat(state().getList("contacts")).isEmpty();
        given().get("/_sim/requests/summary").then().body("faults.serverError", equalTo(1))
                .body("byEndpoint.'POST /crm/sales/api/contacts'.byStatus.'503'", equalTo(1));
    }

    @Test
    void faultDiceAreSeeded() {
        List<Integer> first = statuses("{\"faults\":{\"seed\":7,\"serverErrorRate\":0.5}}");
        List<Integer> second = statuses("{\"faults\":{\"seed\":7,\"serverErrorRate\":0.5}}");
        assertThat(first).isEqualTo(second).contains(200).anyMatch(s -> s >= 500);
    }

    private List<Integer> statuses(String cfg) {
        given().post("/_sim/reset?config=true").then().statusCode(200);
        config(cfg);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(api().get("/selector/owners").statusCode());
        }
        return out;
    }

    @Test
    void latencyIsAddedToEveryCall() {
        config("{\"faults\":{\"latencyMs\":300}}");
        // A lower bound only: the injected delay can only make the call slower.
        api().get("/selector/owners").then().statusCode(200).time(greaterThanOrEqualTo(300L));
        given().get("/_sim/requests/summary").then().body("faults.latency", equalTo(1));
    }

    @Test
    void lostResponseAfterCommitClosesTheConnectionButTheRecordExists() {
        config("{\"faults\":{\"dropResponseAfterCommitRate\":1.0}}");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(root.resolve("/crm/sales/api/contacts"))
                .header("Authorization", "Token token=" + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contact\":{\"emails\":\"lost@x.org\",\"custom_field\":{\"cf_dentes_id\":\"L-1\"}}}"))
                .build();
        assertThatThrownBy(() -> client.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        List<Map<String, Object>> contacts = state().getList("contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0)).containsEntry("email", "lost@x.org");
        given().get("/_sim/requests/summary").then().body("faults.dropped", equalTo(1));
        // Reads are never dropped.
        api().get("/selector/owners").then().statusCode(200);
    }

    @Test
    void lostResponseCanAlsoLookLikeAClientTimeout() {
        config("{\"faults\":{\"dropResponseAfterCommitRate\":1.0,\"dropMode\":\"TIMEOUT\",\"dropTimeoutMs\":5000}}");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(root.resolve("/crm/sales/api/sales_accounts"))
                .timeout(Duration.ofMillis(1000))
                .header("Authorization", "Token token=" + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sales_account\":{\"name\":\"Timed out clinic\"}}")).build();
        assertThatThrownBy(() -> client.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        // On a loaded machine the client may give up before the server got to the write: wait for the commit.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(state().getList("sales_accounts.name")).containsExactly("Timed out clinic"));
    }

    @Test
    void errorMessagesCanComeInDutchOrTurkish() {
        config("{\"faults\":{\"errorLanguage\":\"nl\"}}");
        createAccount("Kliniek");
        api().body("{\"sales_account\":{\"name\":\"Kliniek\"}}").post("/sales_accounts").then().statusCode(400)
                .body("errors.message", contains("Naam is al in gebruik"));
        config("{\"faults\":{\"errorLanguage\":\"tr\"}}");
        api().body("{\"sales_account\":{\"name\":\"Kliniek\"}}").post("/sales_accounts").then().statusCode(400)
                .body("errors.message", contains("Bu ad zaten kullanılıyor"));
        given().basePath(PREFIX).get("/contacts/filters").then().statusCode(401)
                .body("errors.message[0]", equalTo("Kimlik doğrulama başarısız. Lütfen geçerli bir API anahtarı girin."));
    }
}
