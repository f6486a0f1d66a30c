package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.EndpointRow.get;
import static dev.ferry.testsupport.security.EndpointRow.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.security.Roles;
import dev.ferry.audit.rest.PoisonResource;
import dev.ferry.audit.rest.RecordsResource;
import dev.ferry.audit.rest.RunsResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.security.AuthMatrix;
import dev.ferry.testsupport.security.EndpointRow;
import dev.ferry.testsupport.security.FerryJwtResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on the audit service: its whole endpoint table (docs/security.md), walked with no token, bad tokens,
 * each wrong role and each right one; and the table checked against the resources, so an endpoint without a row
 * fails the build. {@link FerryJwtResource} is declared here without restriction: it applies to every Quarkus test
 * of the module.
 */
@QuarkusTest
@QuarkusTestResource(FerryJwtResource.class)
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "partitions", value = "1"))
class AuthMatrixIT {

    static final List<EndpointRow> TABLE = List.of(
            get("/runs", "/runs", Roles.VIEWER),
            get("/runs/{runId}", "/runs/no-such-run", Roles.VIEWER),
            get("/runs/{runId}/progress", "/runs/no-such-run/progress", Roles.VIEWER),
            get("/runs/{runId}/reconciliation", "/runs/no-such-run/reconciliation", Roles.VIEWER),
            get("/runs/{runId}/reconciliation/{resource}/{bucket}", "/runs/no-such-run/reconciliation/patients/created",
                    Roles.AUDITOR),
            get("/records/{resource}/{sourceId}/history", "/records/patients/P-1/history", Roles.AUDITOR),
            get("/poison", "/poison", Roles.AUDITOR));

    @Test
    void the_table_names_every_endpoint_with_the_roles_it_allows() {
        AuthMatrix.assertCovers(TABLE, RunsResource.class, RecordsResource.class, PoisonResource.class);
    }

    @Test
    void every_endpoint_refuses_missing_bad_and_wrong_role_tokens_and_serves_the_right_roles() {
        AuthMatrix.Walk walk = AuthMatrix.walk(TABLE);
        assertThat(walk.unauthenticated()).isEqualTo(TABLE.size());
        assertThat(walk.allowed()).isGreaterThanOrEqualTo(TABLE.size());
    }

    @Test
    void health_is_open_and_metrics_need_a_viewer() {
        AuthMatrix.assertHealthOpenAndMetricsGuarded();
    }
}
