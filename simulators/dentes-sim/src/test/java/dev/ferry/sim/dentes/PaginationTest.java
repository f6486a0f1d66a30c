package dev.ferry.sim.dentes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaginationTest extends SandboxTestSupport {

    @Test
    void metaDescribesThePages() {
        api().queryParam("per_page", 4).get("/api/v1/patients").then().statusCode(200)
                .body("data", hasSize(4))
                .body("meta.page", equalTo(1)).body("meta.per_page", equalTo(4))
                .body("meta.total", equalTo(6)).body("meta.total_pages", equalTo(2));
        api().queryParam("per_page", 4).queryParam("page", 2).get("/api/v1/patients").then()
                .body("data", hasSize(2)).body("meta.page", equalTo(2));
        api().queryParam("per_page", 4).queryParam("page", 3).get("/api/v1/patients").then().statusCode(200)
                .body("data", hasSize(0)).body("meta.total", equalTo(6)).body("meta.total_pages", equalTo(2));
    }

    @Test
    void defaultPerPageIs100() {
        api().get("/api/v1/patients").then().body("meta.per_page", equalTo(100)).body("meta.page", equalTo(1));
        api().get("/api/v1/workflows").then().body("meta.total", equalTo(1)).body("meta.total_pages", equalTo(1));
    }

    @Test
    void perPageAboveTheMaximumIsClampedByDefaultOrRejected() {
        api().queryParam("per_page", 500).get("/api/v1/patients").then().statusCode(200)
                .body("meta.per_page", equalTo(200));
        putConfig("{\"perPageOverMax\":\"REJECT\"}");
        api().queryParam("per_page", 201).get("/api/v1/patients").then().statusCode(400)
                .body("error.code", equalTo("INVALID_PARAMETER"));
        api().queryParam("per_page", 200).get("/api/v1/patients").then().statusCode(200);
    }

    @Test
    void badParametersAre400() {
        for (String[] q : List.of(new String[] {"page", "0"}, new String[] {"page", "x"}, new String[] {"per_page", "0"},
                new String[] {"per_page", "-5"}, new String[] {"updated_since", "yesterday"},
                new String[] {"include_deleted", "maybe"}, new String[] {"sort", "name"})) {
            api().queryParam(q[0], q[1]).get("/api/v1/patients").then().statusCode(400)
                    .body("error.code", equalTo("INVALID_PARAMETER"));
        }
    }

    @Test
    void sortByUpdatedAtIsAcceptedAndIsTheOnlyOrder() {
        List<String> sorted = api().queryParam("sort", "updated_at").get("/api/v1/patients").jsonPath().getList("data.id");
        List<String> plain = api().get("/api/v1/patients").jsonPath().getList("data.id");
        assertThat(sorted).isEqualTo(plain);
    }
}
