package dev.ferry.sim.freshsales.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountsAndDealsTest extends SandboxTestBase {

    @Test
    void accountNamesAreUnique() {
        createAccount("Smile Clinic");
        api().body("{\"sales_account\":{\"name\":\"smile clinic\"}}").post("/sales_accounts").then().statusCode(400)
                .body("errors.code", equalTo(400)).body("errors.message", contains("Name has already been taken"));
        api().body("{\"sales_account\":{\"city\":\"Utrecht\"}}").post("/sales_accounts").then().statusCode(400)
                .body("errors.message", hasItem("Name can't be blank"));
    }

    @Test
    void parentAccountMustExistAndMayNotFormACycle() {
        long a = createAccount("A");
        long b = api().body("{\"sales_account\":{\"name\":\"B\",\"parent_sales_account_id\":" + a + "}}").post("/sales_accounts")
                .then().statusCode(201).body("sales_account.parent_sales_account_id", equalTo(a)).extract().jsonPath()
                .getLong("sales_account.id");
        long c = api().body("{\"sales_account\":{\"name\":\"C\",\"parent_sales_account_id\":" + b + "}}").post("/sales_accounts")
                .then().statusCode(201).extract().jsonPath().getLong("sales_account.id");
        api().body("{\"sales_account\":{\"parent_sales_account_id\":" + c + "}}").put("/sales_accounts/" + a).then().statusCode(400)
                .body("errors.message", hasItem("Parent sales account would create a cycle in the account hierarchy"));
        api().body("{\"sales_account\":{\"parent_sales_account_id\":" + a + "}}").put("/sales_accounts/" + a).then().statusCode(400);
        api().body("{\"sales_account\":{\"name\":\"D\",\"parent_sales_account_id\":123}}").post("/sales_accounts").then()
                .statusCode(400).body("errors.message", hasItem("parent_sales_account_id 123 does not exist"));
    }

    @Test
    void dealsGetTheDefaultPipelineAndClosingStagesDriveTheViews() {
        long acc = createAccount("Clinic");
        JsonPath d = api().body("{\"deal\":{\"name\":\"Aligners\",\"amount\":\"1200.5\",\"sales_account_id\":" + acc + "}}")
                .post("/deals").then().statusCode(201).extract().jsonPath();
        assertThat(d.getLong("deal.deal_pipeline_id")).isEqualTo(71000000201L);
        assertThat(d.getLong("deal.deal_stage_id")).isEqualTo(71000000211L);
        assertThat(d.getDouble("deal.amount")).isEqualTo(1200.5);
        assertThat(d.getString("deal.stage_updated_time")).isNotNull();
        long id = d.getLong("deal.id");
        api().get("/deals/view/" + OPEN_DEALS).then().body("deals.id", hasItem(id));
        api().body("{\"deal\":{\"deal_stage_id\":71000000224}}").put("/deals/" + id).then().statusCode(200)
                .body("deal.deal_pipeline_id", equalTo(71000000202L)).body("deal.probability", equalTo(100))
                .body("deal.closed_date", notNullValue());
        api().get("/deals/view/" + WON_DEALS).then().body("deals.id", hasItem(id)).body("meta.total", equalTo(1));
        api().get("/deals/view/" + OPEN_DEALS).then().body("meta.total", equalTo(0));
        api().body("{\"deal\":{\"deal_pipeline_id\":71000000201,\"deal_stage_id\":71000000225}}").put("/deals/" + id).then()
                .statusCode(400).body("errors.message", hasItem("Deal stage 71000000225 does not belong to pipeline 71000000201"));
        api().body("{\"deal\":{\"name\":\"X\",\"amount\":1,\"sales_account_id\":77}}").post("/deals").then().statusCode(400)
                .body("errors.message", hasItem("sales_account_id 77 does not exist"));
        api().body("{\"deal\":{\"name\":\"X\"}}").post("/deals").then().statusCode(400).body("errors.message", hasItem("Deal value can't be blank"));
    }

    @Test
    void productsAreFoundAgainByTheirCustomFieldThroughFilterize() {
        long tc1 = api().body("{\"product\":{\"name\":\"Scaling\",\"product_code\":\"D1110\",\"is_active\":true,"
                + "\"product_pricings\":[{\"currency_code\":\"TRY\",\"unit_price\":1250.5}],"
                + "\"custom_field\":{\"cf_dentes_id\":\"PRD-1\"}}}").post("/cpq/products").then().statusCode(201)
                .extract().jsonPath().getLong("product.id");
        api().body("{\"product\":{\"name\":\"Crown\",\"custom_field\":{\"cf_dentes_id\":\"PRD-2\"}}}")
                .post("/cpq/products").then().statusCode(201);
        api().body("{\"filter_rule\":[{\"attribute\":\"cf_dentes_id\",\"operator\":\"is_in\",\"value\":[\"PRD-1\",\"PRD-9\"]}]}")
                .post("/cpq/products/filterize").then().statusCode(200)
                .body("products.id", contains(tc1))
                .body("products[0].custom_field.cf_dentes_id", equalTo("PRD-1"))
                .body("products[0].product_code", equalTo("D1110"))
                .body("meta.total", equalTo(1));
    }

    @Test
    void dealContactsAndProductLineItems() {
        long c1 = createContact("c1@x.org", null);
        long c2 = createContact("c2@x.org", null);
        long product = api().body("{\"product\":{\"name\":\"Implant crown\"}}").post("/cpq/products").then().statusCode(201)
                .extract().jsonPath().getLong("product.id");
        long id = api().body("{\"deal\":{\"name\":\"Implant\",\"amount\":2500,\"contacts_added_list\":[" + c1 + "," + c2 + "],"
                        + "\"products\":[{\"id\":" + product + ",\"quantity\":2,\"unit_price\":1250}]}}")
                .queryParam("include", "products,contacts").post("/deals").then().statusCode(201)
                .body("deal.has_products", equalTo(true))
                .body("deal.products[0].name", equalTo("Implant crown"))
                .body("deal.products[0].quantity", equalTo(2))
                .body("deal.contacts.id", contains(c1, c2))
                .extract().jsonPath().getLong("deal.id");
        api().get("/deals/" + id).then().body("deal.products", org.hamcrest.Matchers.nullValue());
        api().body("{\"deal\":{\"contacts_removed_list\":[" + c1 + "]}}").put("/deals/" + id).then().statusCode(200);
        List<Map<String, Object>> deals = state().getList("deals");
        assertThat(deals.get(0).get("contact_ids")).asList().containsExactly(c2);
        api().body("{\"deal\":{\"name\":\"Bad\",\"amount\":1,\"products\":[{\"id\":5,\"quantity\":1}]}}").post("/deals").then()
                .statusCode(400).body("errors.message", hasItem("product_id 5 does not exist"));
        api().body("{\"deal\":{\"name\":\"Bad\",\"amount\":1,\"contacts_added_list\":[9]}}").post("/deals").then().statusCode(400);
    }

    @Test
    void bulkDestroySoftDeletesTheSelectedIdsAndCanTakeLinkedRecords() {
        long acc = createAccount("Going");
        long keep = createAccount("Staying");
        long contact = api().body("{\"contact\":{\"emails\":\"l@x.org\",\"sales_account_id\":" + acc + "}}").post("/contacts")
                .then().statusCode(201).extract().jsonPath().getLong("contact.id");
        api().body("{\"selected_ids\":[" + acc + ",999],\"delete_associated_contacts_deals\":true}").post("/sales_accounts/bulk_destroy")
                .then().statusCode(200).body("message", notNullValue());
        api().get("/sales_accounts/view/" + ALL_ACCOUNTS).then().body("sales_accounts.id", contains(keep));
        api().get("/contacts/" + contact).then().body("contact.is_deleted", equalTo(true));
        api().body("{\"selected_ids\":\"x\"}").post("/contacts/bulk_destroy").then().statusCode(400);
    }
}
