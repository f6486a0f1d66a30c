package dev.ferry.sim.freshsales.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class CallObjectTest {

    private static final Function<String, String> NO_QUERY = q -> null;
    private static final LongFunction<String> JOBS = id -> id == 7 ? "sales_accounts" : null;

    private static String of(String template, Map<String, String> params) {
        return CallObject.of(template, params, NO_QUERY, JOBS);
    }

    @Test
    void moduleRoutesConcernTheirModule() {
        assertThat(of("/contacts/bulk_upsert", Map.of())).isEqualTo("contacts");
        assertThat(of("/sales_accounts/{id}", Map.of("id", "3"))).isEqualTo("sales_accounts");
        assertThat(of("/contacts/view/{view_id}", Map.of("view_id", "1"))).isEqualTo("contacts");
        assertThat(of("/deals/upsert", Map.of())).isEqualTo("deals");
        assertThat(of("/notes", Map.of())).isEqualTo("notes");
        assertThat(of("/cpq/products/filterize", Map.of())).isEqualTo("products");
        assertThat(of("/contacts/{id}/forget", Map.of("id", "3"))).isEqualTo("contacts");
    }

    @Test
    void aChildListingIsSpentOnTheChildren() {
        assertThat(of("/contacts/{id}/notes", Map.of("id", "3"))).isEqualTo("notes");
        assertThat(of("/deals/{id}/tasks", Map.of("id", "3"))).isEqualTo("tasks");
        assertThat(of("/contacts/{id}/document_associations", Map.of("id", "3"))).isEqualTo("documents");
    }

    @Test
    void lookupsSearchesAndCustomModulesNameTheirEntity() {
        assertThat(CallObject.of("/lookup", Map.of(), q -> q.equals("entities") ? "contact" : null, JOBS))
                .isEqualTo("contacts");
        assertThat(CallObject.of("/lookup", Map.of(), q -> q.equals("entities") ? "sales_account,contact" : null, JOBS))
                .isEqualTo("sales_accounts");
        assertThat(of("/lookup", Map.of())).isEqualTo("lookup");
        assertThat(of("/filtered_search/{entity}", Map.of("entity", "contact"))).isEqualTo("contacts");
        assertThat(of("/filtered_search/{entity}", Map.of("entity", "cm_imaging_record"))).isEqualTo("cm_imaging_record");
        assertThat(of("/custom_module/{entity}", Map.of("entity", "cm_lab_work"))).isEqualTo("cm_lab_work");
    }

    @Test
    void aPollConcernsItsJobsModule() {
        assertThat(of("/job_statuses/{id}", Map.of("id", "7"))).isEqualTo("sales_accounts");
        assertThat(of("/job_statuses/{id}", Map.of("id", "8"))).isEqualTo(CallObject.UNKNOWN_JOB);
        assertThat(of("/job_statuses/{id}", Map.of("id", "x"))).isEqualTo(CallObject.UNKNOWN_JOB);
    }

    @Test
    void accountReadsAndUnmatchedCallsAreApart() {
        assertThat(of("/selector/{name}", Map.of("name", "owners"))).isEqualTo(CallObject.METADATA);
        assertThat(of("/settings/{module}/fields", Map.of("module", "contacts"))).isEqualTo(CallObject.METADATA);
        assertThat(of(null, Map.of())).isEqualTo(CallObject.UNMATCHED);
    }
}
