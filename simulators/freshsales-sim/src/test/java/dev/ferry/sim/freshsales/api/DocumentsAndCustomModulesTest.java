package dev.ferry.sim.freshsales.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DocumentsAndCustomModulesTest extends SandboxTestBase {

    private static io.restassured.response.ValidatableResponse upload(long contact, int size) {
        return given().header("Authorization", "Token token=" + KEY).basePath(PREFIX)
                .multiPart("file", "xray.png", new byte[size], "image/png")
                .multiPart("file_name", "xray.png").multiPart("is_shared", "true")
                .multiPart("targetable_id", String.valueOf(contact)).multiPart("targetable_type", "Contact")
                .post("/documents").then();
    }

    @Test
    void uploadsAreCheckedAgainstFileSizeAndQuota() {
        long c = createContact("doc@x.org", null);
        config("{\"storageQuotaBytes\":1000,\"maxFileSizeBytes\":700}");
        upload(c, 600).statusCode(200).body("content_file_size", equalTo(600)).body("name", equalTo("xray.png"))
                .body("is_shared", equalTo(true)).body("targetable_id", equalTo(c));
        upload(c, 600).statusCode(400).body("errors.message", contains("Storage limit of your plan exceeded"));
        upload(c, 701).statusCode(400).body("errors.message", contains("File size cannot exceed 700 bytes"));
        api().get("/contacts/" + c + "/document_associations").then().body("document_associations.size()", equalTo(1));
        List<Map<String, Object>> docs = state().getList("documents");
        assertThat(docs).hasSize(1);
        assertThat((String) docs.get(0).get("content_sha256")).hasSize(64);
        given().header("Authorization", "Token token=" + KEY).basePath(PREFIX)
                .multiPart("file", "a.png", new byte[1], "image/png").multiPart("targetable_id", "1")
                .multiPart("targetable_type", "Contact").post("/documents").then().statusCode(400);
    }

    @Test
    void planQuotaIsStoragePerActiveUser() {
        config("{\"plan\":\"estate\"}");
        given().get("/_sim/config").then().body("effectiveStorageQuotaBytes", equalTo(3L * 5 * 1024 * 1024 * 1024));
        config("{\"plan\":\"free\"}");
        long c = createContact("free@x.org", null);
        upload(c, 10).statusCode(400);
    }

    @Test
    void customModuleRecordsUseTheEntityNameAsRootKey() {
        long c = createContact("cm@x.org", null);
        api().get("/settings/module_customizations").then().body("module_customizations.entity_name", hasItem("cm_imaging_record"));
        long id = api().body("{\"cm_imaging_record\":{\"name\":\"IMG-1\",\"custom_field\":{\"cf_dentes_id\":\"IMG-1\","
                        + "\"cf_modality\":\"CBCT\",\"cf_patient\":" + c + ",\"cf_taken_on\":\"2024-02-01\"}}}")
                .post("/custom_module/cm_imaging_record").then().statusCode(201)
                .body("cm_imaging_record.custom_field.cf_modality", equalTo("CBCT"))
                .extract().jsonPath().getLong("cm_imaging_record.id");
        api().body("{\"cm_imaging_record\":{\"name\":\"IMG-2\",\"custom_field\":{\"cf_patient\":1}}}")
                .post("/custom_module/cm_imaging_record").then().statusCode(400)
                .body("errors.message", hasItem("cf_patient 1 does not exist"));
        api().get("/custom_module/cm_imaging_record/" + id).then().body("cm_imaging_record.name", equalTo("IMG-1"));
        long view = api().get("/custom_module/cm_imaging_record/filters").then().extract().jsonPath().getLong("filters[0].id");
        api().get("/custom_module/cm_imaging_record/view/" + view).then().body("cm_imaging_record.id", contains(id));
        api().body("{\"filter_rule\":[{\"attribute\":\"cf_modality\",\"operator\":\"is\",\"value\":\"CBCT\"}]}")
                .post("/filtered_search/cm_imaging_record").then().body("meta.total", equalTo(1));
        api().get("/custom_module/cm_nothing/1").then().statusCode(404);
        assertThat(state().getList("cm_imaging_record")).hasSize(1);
    }

    @Test
    void theCustomModuleSetIsConfigurable() {
        Map<String, Object> fields = given().get("/_sim/fields").then().extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        List<Object> cms = (List<Object>) fields.get("custom_modules");
        cms.add(Map.of("entity_name", "cm_lab_order", "label", "Lab orders",
                "fields", List.of(Map.of("name", "name", "type", "text", "default", true, "required", true))));
        given().contentType("application/json").body(fields).put("/_sim/fields").then().statusCode(200);
        api().body("{\"cm_lab_order\":{\"name\":\"LAB-1\"}}").post("/custom_module/cm_lab_order").then().statusCode(201);
        given().post("/_sim/reset").then().statusCode(200);
        api().body("{\"cm_lab_order\":{\"name\":\"LAB-1\"}}").post("/custom_module/cm_lab_order").then().statusCode(404);
    }
}
