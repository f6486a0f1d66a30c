package dev.ferry.mapper.it;

import static dev.ferry.testsupport.security.EndpointRow.get;
import static dev.ferry.testsupport.security.EndpointRow.post;

import dev.ferry.contracts.security.Roles;
import dev.ferry.mapper.rest.FieldChecklistResource;
import dev.ferry.mapper.rest.MappingResource;
import dev.ferry.mapper.rest.RunResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.security.AuthMatrixTests;
import dev.ferry.testsupport.security.EndpointRow;
import dev.ferry.testsupport.security.FerryJwtResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/**
 * Who may call what on the mapper service: its whole endpoint table (docs/security.md), walked with no token, bad tokens,
 * each wrong role and each right one; and the table checked against the resources, so an endpoint without a row
 * fails the build. {@link FerryJwtResource} is declared here without restriction: it applies to every Quarkus test
 * of the module.
 */
@QuarkusTest
@QuarkusTestResource(FerryJwtResource.class)
@QuarkusTestResource(value = MapperTopicsResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "mapper"),
        restrictToAnnotatedClass = true)
class AuthMatrixIT extends AuthMatrixTests {

    static final List<EndpointRow> TABLE = List.of(
            get("/mapping/specs", "/mapping/specs", Roles.VIEWER),
            get("/mapping/specs/{name}/{version}", "/mapping/specs/no-such/spec", Roles.VIEWER),
            get("/mapping/specs/{name}/{version}/source-fields", "/mapping/specs/no-such/spec/source-fields",
                    Roles.SERVICE, Roles.VIEWER),
            get("/mapping/rules", "/mapping/rules", Roles.VIEWER),
            get("/runs/{runId}/owner-report", "/runs/no-such-run/owner-report", Roles.VIEWER),
            get("/runs/{runId}/owner-report/summary", "/runs/no-such-run/owner-report/summary", Roles.VIEWER),
            get("/runs/{runId}/pending", "/runs/no-such-run/pending", Roles.VIEWER),
            get("/field-checklist", "/field-checklist", Roles.VIEWER),
            get("/field-checklist/summary", "/field-checklist/summary", Roles.VIEWER));

    @Override
    protected List<EndpointRow> table() {
        return TABLE;
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {MappingResource.class, RunResource.class, FieldChecklistResource.class};
    }
}
