package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SelectorsAndViewsTest extends SandboxTestBase {

    @Test
    void selectorsCarryTheSeededSetup() {
        api().get("/selector/owners").then().body("users.email", hasItem("integration@ferry-sandbox.test"))
                .body("users.find { it.id == 71000000004 }.is_active", equalTo(false));
        api().get("/selector/deal_pipelines").then().body("deal_pipelines[0].deal_stages.name", hasItems("New", "Won", "Lost"));
        api().get("/selector/deal_pipelines/71000000202/deal_stages").then().body("deal_stages.size()", equalTo(5));
        api().get("/selector/deal_stages").then().body("deal_stages.size()", equalTo(10));
        api().get("/selector/lifecycle_stages").then().body("lifecycle_stages.type",
                containsInAnyOrder("Lead", "Sales Qualified Lead", "Customer"));
        api().get("/selector/currencies").then().body("currencies.currency_code", hasItem("EUR"));
        api().get("/selector/industry_types").then().body("industry_types.name", hasItems("Healthcare", "Dental"));
        for (String s : List.of("contact_statuses", "business_types", "lead_sources", "territories", "deal_reasons", "deal_types",
                "campaigns", "sales_activity_types", "sales_activity_outcomes", "deal_payment_statuses")) {
            api().get("/selector/" + s).then().statusCode(200).body(s + ".size()", org.hamcrest.Matchers.greaterThan(0));
        }
        api().get("/selector/sales_activity_types/71000000801/sales_activity_outcomes").then()
                .body("sales_activity_outcomes.size()", equalTo(3));
        api().get("/selector/nothing").then().statusCode(404);
    }

    @Test
    void usersCanBeReplaced() {
        given().contentType("application/json").body("{\"users\":[{\"id\":5,\"display_name\":\"Dr. Test\",\"email\":\"dr@x.org\","
                + "\"is_active\":true}]}").put("/_sim/users").then().statusCode(200);
        api().get("/selector/owners").then().body("users.id", contains(5));
        api().body("{\"contact\":{\"emails\":\"u@x.org\",\"owner_id\":5}}").post("/contacts").then().statusCode(201)
                .body("contact.creater_id", equalTo(5));
        given().contentType("application/json").body("{\"users\":[{\"display_name\":\"no id\"}]}").put("/_sim/users").then().statusCode(400);
    }

    @Test
    void fieldMetadataListsSystemAndCustomFields() {
        api().get("/settings/contacts/fields").then().statusCode(200)
                .body("fields.name", hasItems("first_name", "emails", "cf_dentes_id", "cf_treatment_type", "cf_insurance_provider",
                        "cf_recall_interval_months", "cf_inquiry_type", "cf_date_of_birth", "cf_preferred_language",
                        "cf_consent_sms", "cf_consent_email"))
                .body("fields.find { it.name == 'cf_treatment_type' }.type", equalTo("dropdown"))
                .body("fields.find { it.name == 'cf_treatment_type' }.choices.value", hasItem("Orthodontics"))
                .body("fields.find { it.name == 'first_name' }.default", equalTo(true))
                .body("fields.find { it.name == 'cf_dentes_id' }.default", equalTo(false));
        api().get("/settings/sales_accounts/fields").then().body("fields.name", hasItems("cf_dentes_id", "cf_tax_number", "cf_timezone"));
        api().get("/settings/deals/fields").then().body("fields.name", hasItems("cf_policy_number", "cf_coverage_percent",
                "cf_outstanding_balance", "cf_treatment_type", "cf_insurance_provider"));
        for (String m : List.of("tasks", "sales_activities", "appointments", "products")) {
            api().get("/settings/" + m + "/fields").then().body("fields.name", hasItem("cf_dentes_id"));
        }
        api().get("/settings/leads/fields").then().statusCode(404);
    }

    @Test
    void viewsPaginateWithMetaAndSort() {
        for (int i = 0; i < 30; i++) {
            createContact("p" + i + "@x.org", "P-" + i);
        }
        api().get("/contacts/filters").then().body("filters.name", contains("All Contacts", "My Contacts", "Recycle Bin"));
        api().get("/sales_accounts/filters").then().body("filters.name", hasItems("All Accounts", "Recycle Bin"));
        api().get("/deals/filters").then().body("filters.name", contains("Open Deals", "Won Deals", "Lost Deals", "My Deals", "Recycle Bin"));
        api().get("/contacts/view/" + ALL_CONTACTS).then().body("contacts.size()", equalTo(25))
                .body("meta.total_pages", equalTo(2)).body("meta.total", equalTo(30));
        api().get("/contacts/view/" + ALL_CONTACTS + "?page=2").then().body("contacts.size()", equalTo(5));
        api().get("/contacts/view/" + ALL_CONTACTS + "?page=3").then().body("contacts.size()", equalTo(0));
        api().get("/contacts/view/" + ALL_CONTACTS + "?per_page=500").then().body("contacts.size()", equalTo(30));
        api().get("/contacts/view/" + ALL_CONTACTS + "?per_page=7&page=5").then().body("contacts.size()", equalTo(2))
                .body("meta.total_pages", equalTo(5));
        List<String> desc = api().get("/contacts/view/" + ALL_CONTACTS + "?sort=cf_dentes_id&sort_type=desc&per_page=3").then()
                .extract().jsonPath().getList("contacts.custom_field.cf_dentes_id");
        assertThat(desc).containsExactly("P-9", "P-8", "P-7");
        api().get("/contacts/view/1").then().statusCode(404);
        api().get("/contacts/view/" + ALL_CONTACTS + "?page=x").then().statusCode(400);
    }

    @Test
    void shortPagesComeBeforeTheEndAndPagingOnFindsTheRest() {
        for (int i = 0; i < 12; i++) {
            createContact("s" + i + "@x.org", null);
        }
        config("{\"faults\":{\"shortPageRate\":1.0}}");
        List<Object> first = api().get("/contacts/view/" + ALL_CONTACTS + "?per_page=5").then()
                .body("meta.total_pages", equalTo(3)).extract().jsonPath().getList("contacts");
        assertThat(first.size()).isBetween(1, 4);
        List<Object> last = api().get("/contacts/view/" + ALL_CONTACTS + "?per_page=5&page=3").then().extract().jsonPath().getList("contacts");
        assertThat(last).hasSize(2);
        given().get("/_sim/requests/summary").then().body("faults.shortPage", equalTo(1));
    }
}
