package dev.ferry.mapper.it;

import static dev.ferry.testsupport.security.EndpointRow.get;
import static dev.ferry.testsupport.security.EndpointRow.post;

import dev.ferry.contracts.security.Roles;
import dev.ferry.mapper.rest.FieldChecklistResource;
import dev.ferry.mapper.rest.ConfirmationResource;
import dev.ferry.mapper.rest.MappingResource;
import dev.ferry.mapper.rest.PreflightResource;
import dev.ferry.mapper.rest.ProposalResource;
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
            get("/runs/{runId}/promised", "/runs/no-such-run/promised", Roles.OPERATOR),
            get("/field-checklist", "/field-checklist", Roles.VIEWER),
            get("/field-checklist/summary", "/field-checklist/summary", Roles.VIEWER),
            // A base spec this mapper does not have: 400 before the loader is asked (none runs here).
            post("/mapping/proposals", "/mapping/proposals", "{\"baseVersion\":\"no-such/v9\"}", Roles.OPERATOR),
            get("/mapping/proposals", "/mapping/proposals", Roles.VIEWER),
            get("/mapping/proposals/{id}", "/mapping/proposals/no-such", Roles.VIEWER),
            get("/mapping/proposals/{id}/proposal.md", "/mapping/proposals/no-such/proposal.md", Roles.VIEWER),
            get("/mapping/proposals/{id}/map.yaml", "/mapping/proposals/no-such/map.yaml", Roles.VIEWER),
            // Not a mapping spec: 422, nothing stored.
            post("/mapping/confirmations", "/mapping/confirmations", "{\"text\":\"version: nope\"}",
                    Roles.OPERATOR),
            get("/mapping/confirmations", "/mapping/confirmations", Roles.VIEWER),
            get("/mapping/confirmations/{version}", "/mapping/confirmations/v99", Roles.VIEWER, Roles.SERVICE),
            get("/mapping/confirmations/{version}/map.yaml", "/mapping/confirmations/v99/map.yaml", Roles.VIEWER),
            // No confirmed map v99: a blocked report (200) before the loader is asked (none runs here).
            post("/preflight", "/preflight", "{\"map\":\"v99\"}", Roles.OPERATOR),
            get("/preflight/{id}", "/preflight/no-such", Roles.VIEWER),
            get("/preflight/{id}/preflight.md", "/preflight/no-such/preflight.md", Roles.VIEWER),
            get("/preflight/{id}/field-checklist.csv", "/preflight/no-such/field-checklist.csv", Roles.VIEWER));

    @Override
    protected List<EndpointRow> table() {
        return TABLE;
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {MappingResource.class, RunResource.class, FieldChecklistResource.class,
                ProposalResource.class, ConfirmationResource.class, PreflightResource.class};
    }
}
