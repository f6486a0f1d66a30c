package dev.ferry.sim.freshsales.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LookupSearchUpsertTest extends SandboxTestBase {

    @Test
    void lookupMatchesExactlyAndNestsPerEntity() {
        long c = createContact("Look@X.org", "P-77");
        createContact("other@x.org", "P-777");
        long a = createAccount("Dental Care");
        api().get("/lookup?q=P-77&f=cf_dentes_id&entities=contact").then().statusCode(200)
                .body("contacts.contacts.id", contains(c));
        api().get("/lookup?q=look@x.org&f=email&entities=contact,sales_account").then()
                .body("contacts.contacts.id", contains(c)).body("sales_accounts.sales_accounts.size()", equalTo(0));
        api().get("/lookup?q=dental care&f=name&entities=sales_account").then().body("sales_accounts.sales_accounts.id", contains(a));
        api().get("/lookup?q=P-7&f=cf_dentes_id&entities=contact").then().body("contacts.contacts.size()", equalTo(0));
        api().get("/lookup?q=x").then().statusCode(400);
        api().delete("/contacts/" + c).then().statusCode(200);
        api().get("/lookup?q=P-77&f=cf_dentes_id&entities=contact").then().body("contacts.contacts.size()", equalTo(0));
    }

    @Test
    void filteredSearchSupportsTheObservedOperatorsAndReturnsThinRecords() {
        long c1 = createContact("f1@x.org", "F-1");
        long c2 = createContact("f2@x.org", "F-2");
        api().body("{\"filter_rule\":[{\"attribute\":\"cf_dentes_id\",\"operator\":\"is_in\",\"value\":[\"F-1\",\"F-2\"]}]}")
                .post("/filtered_search/contact").then().statusCode(200).body("meta.total", equalTo(2))
                .body("contacts[0]", not(hasKey("custom_field"))).body("contacts[0]", hasKey("email"));
        api().body("{\"filter_rule\":[{\"attribute\":\"email\",\"operator\":\"contains\",\"value\":\"F2@\"}]}")
                .post("/filtered_search/contact").then().body("contacts.id", contains(c2));
        api().body("{\"filter_rule\":[{\"attribute\":\"updated_at\",\"operator\":\"is_after\",\"value\":\"2000-01-01T00:00:00Z\"},"
                + "{\"attribute\":\"updated_at\",\"operator\":\"is_before\",\"value\":\"2999-01-01T00:00:00Z\"}]}")
                .post("/filtered_search/contact").then().body("meta.total", equalTo(2));
        api().body("{\"filter_rule\":[{\"attribute\":\"updated_at\",\"operator\":\"is_after\",\"value\":\"2999-01-01T00:00:00Z\"}]}")
                .post("/filtered_search/contact").then().body("meta.total", equalTo(0));
        api().delete("/contacts/" + c1).then().statusCode(200);
        api().body("{\"filter_rule\":[{\"attribute\":\"deleted\",\"operator\":\"is\",\"value\":1}]}")
                .post("/filtered_search/contact").then().body("contacts.id", contains(c1));
        api().body("{\"filter_rule\":[],\"per_page\":1}").post("/filtered_search/contact").then().body("meta.total", equalTo(1));
        api().body("{\"filter_rule\":[{\"attribute\":\"bogus\",\"operator\":\"is\",\"value\":1}]}").post("/filtered_search/contact")
                .then().statusCode(400);
        api().body("{\"filter_rule\":[{\"attribute\":\"email\",\"operator\":\"like\",\"value\":1}]}").post("/filtered_search/contact")
                .then().statusCode(400);
        api().body("{}").post("/filtered_search/lead").then().statusCode(404);
        api().get("/search?q=f2&include=contact").then().body("id", hasItem(c2));
    }

    @Test
    void upsertCreatesWith201AndUpdatesWith200() {
        String body = "{\"unique_identifier\":{\"cf_dentes_id\":\"U-1\"},\"contact\":{\"first_name\":\"Una\",\"emails\":\"una@x.org\"}}";
        long id = api().body(body).post("/contacts/upsert").then().statusCode(201)
                .body("contact.custom_field.cf_dentes_id", equalTo("U-1")).extract().jsonPath().getLong("contact.id");
        api().body("{\"unique_identifier\":{\"cf_dentes_id\":\"U-1\"},\"contact\":{\"last_name\":\"Changed\"}}")
                .post("/contacts/upsert").then().statusCode(200).body("contact.id", equalTo(id))
                .body("contact.first_name", equalTo("Una")).body("contact.last_name", equalTo("Changed"));
        api().body("{\"unique_identifier\":{\"emails\":\"una@x.org\"},\"contact\":{\"job_title\":\"x\"}}").post("/contacts/upsert")
                .then().statusCode(200).body("contact.id", equalTo(id));
        api().body("{\"unique_identifier\":{\"emails\":\"new@x.org\"},\"contact\":{\"first_name\":\"N\"}}").post("/contacts/upsert")
                .then().statusCode(201).body("contact.email", equalTo("new@x.org"));
        api().body("{\"unique_identifier\":{\"mobile_number\":\"+90 5\"},\"contact\":{\"first_name\":\"M\"}}").post("/contacts/upsert")
                .then().statusCode(201).body("contact.mobile_number", equalTo("+90 5"));
        api().body("{\"unique_identifier\":{\"name\":\"Clinic\"},\"sales_account\":{\"city\":\"Izmir\"}}").post("/sales_accounts/upsert")
                .then().statusCode(201);
        api().body("{\"unique_identifier\":{\"name\":\"Clinic\"},\"sales_account\":{\"city\":\"Ankara\"}}").post("/sales_accounts/upsert")
                .then().statusCode(200).body("sales_account.city", equalTo("Ankara"));
        api().body("{\"unique_identifier\":{\"cf_dentes_id\":\"D-1\"},\"deal\":{\"name\":\"Plan\",\"amount\":10}}").post("/deals/upsert")
                .then().statusCode(201);
        api().body("{\"unique_identifier\":{\"name\":\"Plan\"},\"deal\":{\"amount\":10}}").post("/deals/upsert").then().statusCode(400);
        api().body("{\"unique_identifier\":{\"first_name\":\"x\"},\"contact\":{}}").post("/contacts/upsert").then().statusCode(400)
                .body("errors.message", contains("first_name cannot be used as a unique identifier"));
        api().body("{\"contact\":{}}").post("/contacts/upsert").then().statusCode(400);
        api().body("{\"unique_identifier\":{\"emails\":\"a@x.org\",\"mobile_number\":\"1\"},\"contact\":{}}").post("/contacts/upsert")
                .then().statusCode(400);
        assertThat(state().getList("contacts")).hasSize(3);
    }
}
