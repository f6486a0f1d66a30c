package dev.ferry.loader.it;

import static dev.ferry.testsupport.security.EndpointRow.get;
import static dev.ferry.testsupport.security.EndpointRow.post;

import dev.ferry.contracts.security.Roles;
import dev.ferry.loader.rest.OperatorResource;
import dev.ferry.loader.rest.SampleDiffResource;
import dev.ferry.loader.rest.TargetMetadataResource;
import dev.ferry.loader.rest.TargetReconciliationResource;
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
 * Who may call what on the loader service: its whole endpoint table (docs/security.md), walked with no token, bad tokens,
 * each wrong role and each right one; and the table checked against the resources, so an endpoint without a row
 * fails the build. {@link FerryJwtResource} is declared here without restriction: it applies to every Quarkus test
 * of the module.
 */
@QuarkusTest
@QuarkusTestResource(FerryJwtResource.class)
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "loader"))
@QuarkusTestResource(value = LoaderItResource.class, restrictToAnnotatedClass = true)
class AuthMatrixIT extends AuthMatrixTests {

    static final List<EndpointRow> TABLE = List.of(
            get("/target/metadata", "/target/metadata", Roles.SERVICE),
            get("/budget", "/budget", Roles.VIEWER),
            get("/ledger/{resource}/{sourceId}", "/ledger/patients/P-1", Roles.AUDITOR),
            get("/parked", "/parked", Roles.VIEWER),
            get("/status", "/status", Roles.VIEWER),
            get("/target/reconciliation", "/target/reconciliation?runId=no-such-run", Roles.SERVICE, Roles.AUDITOR),
            post("/sample-diff", "/sample-diff", "{\"runId\": \"run-1\", \"records\": []}", Roles.OPERATOR));

    @Override
    protected List<EndpointRow> table() {
        return TABLE;
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {TargetMetadataResource.class, OperatorResource.class,
                TargetReconciliationResource.class, SampleDiffResource.class};
    }
}
