package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.EndpointRow.get;
import static dev.ferry.testsupport.security.EndpointRow.post;

import dev.ferry.contracts.security.Roles;
import dev.ferry.audit.rest.AuditLogResource;
import dev.ferry.audit.rest.PoisonResource;
import dev.ferry.audit.rest.RebuildResource;
import dev.ferry.audit.rest.ReconcileResource;
import dev.ferry.audit.rest.RecordsResource;
import dev.ferry.audit.rest.RollbackResource;
import dev.ferry.audit.rest.RunsResource;
import dev.ferry.audit.rest.SourceDeletesResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.security.AuthMatrixTests;
import dev.ferry.testsupport.security.EndpointRow;
import dev.ferry.testsupport.security.FerryJwtResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

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
class AuthMatrixIT extends AuthMatrixTests {

    static final List<EndpointRow> TABLE = List.of(
            get("/runs", "/runs", Roles.VIEWER),
            get("/runs/{runId}", "/runs/no-such-run", Roles.VIEWER),
            get("/runs/{runId}/progress", "/runs/no-such-run/progress", Roles.VIEWER),
            get("/runs/{runId}/reconciliation", "/runs/no-such-run/reconciliation", Roles.VIEWER),
            get("/runs/{runId}/reconciliation/{resource}/{bucket}", "/runs/no-such-run/reconciliation/patients/created",
                    Roles.AUDITOR),
            get("/records/{resource}/{sourceId}/history", "/records/patients/P-1/history", Roles.AUDITOR),
            get("/records/unsettled", "/records/unsettled?resource=patients", Roles.SERVICE, Roles.OPERATOR),
            get("/poison", "/poison", Roles.AUDITOR),
            get("/runs/{runId}/audit-log", "/runs/no-such-run/audit-log", Roles.AUDITOR),
            get("/audit-log", "/audit-log?format=csv", Roles.AUDITOR),
            get("/runs/{runId}/rebuild/{document}.md", "/runs/no-such-run/rebuild/workflows.md", Roles.VIEWER),
            get("/runs/{runId}/rebuild/{document}.html", "/runs/no-such-run/rebuild/integrations.html",
                    Roles.VIEWER),
            post("/runs/{runId}/rollback", "/runs/no-such-run/rollback?dryRun=true", null, Roles.OPERATOR),
            get("/runs/{runId}/rollback", "/runs/no-such-run/rollback", Roles.OPERATOR, Roles.AUDITOR),
            post("/runs/{runId}/source-deletes", "/runs/no-such-run/source-deletes?dryRun=true", null,
                    Roles.OPERATOR),
            post("/runs/{runId}/reconcile", "/runs/no-such-run/reconcile", null, Roles.OPERATOR, Roles.AUDITOR));

    @Override
    protected List<EndpointRow> table() {
        return TABLE;
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {RunsResource.class, RecordsResource.class, PoisonResource.class,
                AuditLogResource.class, RebuildResource.class, RollbackResource.class,
                SourceDeletesResource.class, ReconcileResource.class};
    }
}
