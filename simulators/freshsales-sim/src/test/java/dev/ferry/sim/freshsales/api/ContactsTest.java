package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactsTest extends SandboxTestBase {

    @Test
    void createReturns201WrappedWithOffsetTimestampsAndDefaults() {
        api().body("{\"contact\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"emails\":\"ada@example.org\","
                        + "\"owner_id\":71000000002,\"custom_field\":{\"cf_dentes_id\":\"P-1\",\"cf_consent_sms\":true,"
                        + "\"cf_recall_interval_months\":\"6\",\"cf_date_of_birth\":\"1980-02-03\"}}}")
                .post("/contacts").then().statusCode(201)
                .body("contact.id", not(nullValue()))
                .body("contact.display_name", equalTo("Ada Lovelace"))
                .body("contact.email", equalTo("ada@example.org"))
                .body("contact.emails[0].is_primary", equalTo(true))
                .body("contact.lifecycle_stage_id", equalTo(71000000601L))
                .body("contact.record_type_id", equalTo("71010794470"))
                .body("contact.is_deleted", equalTo(false))
                .body("contact.custom_field.cf_recall_interval_months", equalTo(6))
                .body("contact.custom_field.cf_consent_sms", equalTo(true))
                .body("contact.created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-04:00"));
    }

    @Test
    void unwrappedBodiesWorkAndWrappedWins() {
        api().body("{\"first_name\":\"Top\",\"mobile_number\":\"+31 6 1\"}").post("/contacts").then().statusCode(201)
                .body("contact.first_name", equalTo("Top"));
        api().body("{\"first_name\":\"Top\",\"contact\":{\"first_name\":\"Inner\",\"mobile_number\":\"+31 6 2\"}}")
                .post("/contacts").then().statusCode(201).body("contact.first_name", equalTo("Inner"));
    }

    @Test
    void partialUpdateKeepsUntouchedFields() {
        long id = createContact("a@x.org", "P-2");
        api().body("{\"contact\":{\"job_title\":\"Patient\",\"custom_field\":{\"cf_insurance_provider\":\"SGK\"}}}")
                .put("/contacts/" + id).then().statusCode(200)
                .body("contact.job_title", equalTo("Patient"))
                .body("contact.first_name", equalTo("Pat"))
                .body("contact.custom_field.cf_dentes_id", equalTo("P-2"))
                .body("contact.custom_field.cf_insurance_provider", equalTo("SGK"));
        api().get("/contacts/" + id).then().statusCode(200).body("contact.job_title", equalTo("Patient"));
        api().get("/contacts/123").then().statusCode(404).body("errors.code", equalTo(404));
    }

    @Test
    void deleteIsSoftToTheRecycleBinAndForgetIsHard() {
        long id = createContact("del@x.org", null);
        api().delete("/contacts/" + id).then().statusCode(200).body(equalTo("true"));
        api().get("/contacts/view/" + RECYCLE_CONTACTS).then().body("contacts.id", hasItem(id)).body("contacts[0].is_deleted", equalTo(true));
        api().get("/contacts/view/" + ALL_CONTACTS).then().body("meta.total", equalTo(0));
        List<Map<String, Object>> contacts = state().getList("contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0)).containsEntry("is_deleted", true);
        api().delete("/contacts/" + id + "/forget").then().statusCode(200);
        assertThat(state().getList("contacts")).isEmpty();
        api().delete("/contacts/" + id).then().statusCode(404);
    }

    @Test
    void deleteCanAnswer204() {
        config("{\"deleteResponse\":\"NO_CONTENT_204\"}");
        long id = createContact("d204@x.org", null);
        api().delete("/contacts/" + id).then().statusCode(204);
    }

    @Test
    void emailsAreUniqueAcrossLiveContactsUnlessSwitchedOff() {
        createContact("same@x.org", null);
        api().body("{\"contact\":{\"emails\":[\"SAME@x.org\"]}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("Email has already been taken"));
        config("{\"uniqueContactEmails\":false}");
        api().body("{\"contact\":{\"emails\":[\"same@x.org\"]}}").post("/contacts").then().statusCode(201);
    }

    @Test
    void validationFollowsTheRealServiceRules() {
        api().body("{\"contact\":{\"first_name\":\"No contact data\"}}").post("/contacts").then().statusCode(400)
                .body("errors.code", equalTo(400)).body("errors.message", hasItem("Email or mobile number is required"));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"sales_accounts\":{\"id\":1}}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("The type for sales_accounts is invalid."));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"first_name\":{\"a\":1}}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("The type for first_name is invalid."));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"custom_field\":{\"cf_nope\":\"x\"}}}").post("/contacts").then()
                .statusCode(400).body("errors.message", hasItem("cf_nope is not a valid custom field"));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"custom_field\":{\"cf_treatment_type\":\"Magic\"}}}").post("/contacts")
                .then().statusCode(400).body("errors.message", hasItem("Magic is not a valid value for cf_treatment_type"));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"custom_field\":{\"cf_interests\":\"Whitening;Nope\"}}}")
                .post("/contacts").then().statusCode(400);
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"custom_field\":{\"cf_recall_interval_months\":\"six\"}}}")
                .post("/contacts").then().statusCode(400).body("errors.message", hasItem("The type for cf_recall_interval_months is invalid."));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"owner_id\":999}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("owner_id 999 does not exist"));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"owner_id\":71000000004}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("Owner 71000000004 is not an active user"));
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"sales_accounts\":[{\"id\":42,\"is_primary\":true}]}}")
                .post("/contacts").then().statusCode(400).body("errors.message", hasItem("sales_account_id 42 does not exist"));
        api().body("{\"contact\":{\"emails\":\"not-an-email\"}}").post("/contacts").then().statusCode(400);
        api().body("{\"contact\":{\"emails\":\"t@x.org\",\"contact_status_id\":71000000631}}").post("/contacts").then()
                .statusCode(400).body("errors.message[0]", equalTo("Contact status 71000000631 does not belong to lifecycle stage 71000000601"));
        api().body("{not json").post("/contacts").then().statusCode(400);
        assertThat(state().getList("contacts")).isEmpty();
    }

    @Test
    void multiSelectValuesAreSemicolonJoinedAndAccountsLink() {
        long acc = createAccount("Clinic");
        JsonPath c = api().body("{\"contact\":{\"emails\":\"m@x.org\",\"custom_field\":{\"cf_interests\":[\"Whitening\",\"Implants\"]},"
                        + "\"sales_accounts\":[{\"id\":" + acc + ",\"is_primary\":true}]}}")
                .queryParam("include", "sales_accounts").post("/contacts").then().statusCode(201).extract().jsonPath();
        assertThat(c.getString("contact.custom_field.cf_interests")).isEqualTo("Whitening;Implants");
        assertThat(c.getString("contact.sales_accounts[0].name")).isEqualTo("Clinic");
        assertThat(c.getBoolean("contact.sales_accounts[0].is_primary")).isTrue();
        api().body("{\"contact\":{\"emails\":\"m2@x.org\",\"sales_accounts\":[{\"id\":" + acc + ",\"is_primary\":true},{\"id\":"
                + createAccount("Other") + ",\"is_primary\":true}]}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("Only one sales account can be primary"));
    }

    @Test
    void adminRequiredFieldsAreEnforced() {
        given().contentType("application/json").body("{\"label\":\"Dr.DENTES id\",\"type\":\"text\",\"default\":false,\"required\":true}")
                .put("/_sim/fields/contacts/cf_dentes_id").then().statusCode(200);
        api().get("/settings/contacts/fields").then().body("fields.find { it.name == 'cf_dentes_id' }.required", equalTo(true));
        api().body("{\"contact\":{\"emails\":\"r@x.org\"}}").post("/contacts").then().statusCode(400)
                .body("errors.message", hasItem("Dr.DENTES id can't be blank"));
        createContact("r@x.org", "P-9");
    }
}
