package dev.ferry.mapper.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.store.Hashes;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Confirmed maps on the real PostgreSQL (issue 11 step 2): a wrong map is refused naming its problems; a map is
 * stored as v1, v2, ... with its sha256 and who confirmed it; the same text again is the same version; a confirmed
 * map is a spec version ({@code confirmed/vN}) the extractor's source-fields call reads; a stored text changed after
 * its confirmation shows as not intact.
 */
@QuarkusTest
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class ConfirmationIT {

    private static final String YAML = "application/yaml";

    private static Response confirm(String text) {
        return given().contentType(YAML).body(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/mapping/confirmations");
    }

    @Test
    void confirmVersionHashAndTheChangedMap() {
        given().get("/mapping/confirmations/latest").then().statusCode(404)
                .body(containsString("no map is confirmed"));

        // A typo in a transform: 422, the problem names the rule's place; nothing stored.
        String wrong = Fixtures.SPEC.text().replace("transforms: [trim, collapse-spaces]\n        required: name.missing",
                "transforms: [trim, colapse-spaces]\n        required: name.missing");
        assertThat(wrong).isNotEqualTo(Fixtures.SPEC.text());
        confirm(wrong).then().statusCode(422)
                .body("error", containsString("not a valid mapping spec"))
                .body("problems", hasItem(containsString("colapse-spaces")))
                .body("problems[0]", containsString("mappings.clinics"));
        given().get("/mapping/confirmations").then().statusCode(200).body("size()", equalTo(0));

        String text = Fixtures.SPEC.text();
        confirm(text).then().statusCode(201).header("Location", containsString("/mapping/confirmations/v1"))
                .body("version", equalTo(1)).body("mappingVersion", equalTo("confirmed/v1"))
                .body("sha256", equalTo(Hashes.sha256(text))).body("intact", equalTo(true))
                .body("confirmedBy", equalTo("test-user")).body("specVersion", equalTo("dentes-freshsales/v1"))
                .body("resources", hasItem("patients"));
        // The same text again is the same version (200, not a v2).
        confirm(text).then().statusCode(200).body("version", equalTo(1));

        String edited = text.replace("        transforms: [phone]\n        on-invalid: drop           # a wrong",
                "        transforms: [phone]\n        on-invalid: reject         # a wrong");
        assertThat(edited).isNotEqualTo(text);
        given().contentType("application/json")
                .body(java.util.Map.of("text", edited, "proposalId", "p-1", "comment", "mobile numbers must be valid"))
                .post("/mapping/confirmations").then().statusCode(201)
                .body("version", equalTo(2)).body("sha256", equalTo(Hashes.sha256(edited)))
                .body("proposalId", equalTo("p-1"));

        List<Integer> versions = given().get("/mapping/confirmations").then().statusCode(200).extract()
                .jsonPath().getList("version", Integer.class);
        assertThat(versions).containsExactly(2, 1);
        given().get("/mapping/confirmations/latest").then().statusCode(200).body("version", equalTo(2));
        assertThat(given().get("/mapping/confirmations/v1/map.yaml").then().statusCode(200).extract().asString())
                .isEqualTo(text);
        // The extractor asks which fields a run's map reads by its spec version, confirmed/vN.
        given().get("/mapping/specs/confirmed/v2/source-fields").then().statusCode(200)
                .body("patients", hasItem("mobile_phone"));
        given().get("/mapping/specs/confirmed/v9/source-fields").then().statusCode(404);

        // Someone changes v2's stored text behind the mapper's back: the view says so (the extractor's gate refuses it).
        new MapperDb().update("UPDATE {schema}.confirmed_map SET text = text || '# changed' WHERE version = 2");
        given().get("/mapping/confirmations/2").then().statusCode(200)
                .body("intact", equalTo(false)).body("sha256", equalTo(Hashes.sha256(edited)))
                .body("currentSha256", equalTo(Hashes.sha256(edited + "# changed")));
    }
}
