package dev.ferry.sim.dentes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture has three patients sharing updated_at 2024-03-01T02:00:00+03:00, written out of id order. */
@QuarkusTest
class OrderingAndDeltaTest extends SandboxTestSupport {

    @Test
    void orderIsUpdatedAtThenIdEvenAcrossPageBoundaries() {
        List<String> all = api().get("/api/v1/patients").jsonPath().getList("data.id");
        assertThat(all).containsExactly("P-000005", "P-000007", "P-000001", "P-000002", "P-000003", "P-000004");
        // A page boundary inside the tie: each tied record still comes exactly once, in id order.
        List<String> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            paged.addAll(api().queryParam("per_page", 2).queryParam("page", page).get("/api/v1/patients")
                    .jsonPath().getList("data.id"));
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void updatedSinceIsInclusive() {
        assertThat(ids("2024-03-01T02:00:00+03:00")).containsExactly("P-000001", "P-000002", "P-000003", "P-000004");
        assertThat(ids("2024-02-29T23:00:00Z")).containsExactly("P-000001", "P-000002", "P-000003", "P-000004");
        assertThat(ids("2024-03-01T02:00:01+03:00")).containsExactly("P-000004");
        assertThat(ids("2024-03-01T02:00:00.001+03:00")).containsExactly("P-000004");
        assertThat(ids("2030-01-01T00:00:00Z")).isEmpty();
    }

    @Test
    void anUnencodedPlusInTheOffsetStillParses() {
        // "+03:00" in a raw query string arrives as " 03:00".
        List<String> ids = api().urlEncodingEnabled(false)
                .get("/api/v1/patients?updated_since=2024-03-01T02:00:00+03:00").jsonPath().getList("data.id");
        assertThat(ids).containsExactly("P-000001", "P-000002", "P-000003", "P-000004");
    }

    @Test
    void softDeletedRecordsShowOnlyWhenAskedAndAreMarked() {
        api().queryParam("include_deleted", true).get("/api/v1/patients").then()
                .body("meta.total", equalTo(7))
                .body("data.find { it.id == 'P-000006' }.deleted", equalTo(true));
        assertThat(api().get("/api/v1/patients").jsonPath().getList("data.id")).doesNotContain("P-000006");
        api().get("/api/v1/patients/P-000006").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        api().queryParam("include_deleted", true).get("/api/v1/patients/P-000006").then().statusCode(200)
                .body("data.deleted", equalTo(true));
        api().get("/api/v1/clinics").then().body("meta.total", equalTo(2));
    }

    private List<String> ids(String since) {
        return api().queryParam("updated_since", since).get("/api/v1/patients").jsonPath().getList("data.id");
    }
}
