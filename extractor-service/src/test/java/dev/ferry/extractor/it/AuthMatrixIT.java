package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.EndpointRow.get;
import static dev.ferry.testsupport.security.EndpointRow.post;

import dev.ferry.contracts.security.Roles;
import dev.ferry.extractor.rest.DiscoveriesEndpoint;
import dev.ferry.extractor.rest.RunsEndpoint;
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
 * Who may call what on the extractor service: its whole endpoint table (docs/security.md), walked with no token, bad tokens,
 * each wrong role and each right one; and the table checked against the resources, so an endpoint without a row
 * fails the build. {@link FerryJwtResource} is declared here without restriction: it applies to every Quarkus test
 * of the module.
 */
@QuarkusTest
@QuarkusTestResource(FerryJwtResource.class)
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "topics", value = "dentes.raw.practitioners,dentes.raw.clinics,dentes.raw.patients,migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
class AuthMatrixIT extends AuthMatrixTests {

    static final List<EndpointRow> TABLE = List.of(
            // A run id the service refuses (400): the call is authorised but starts nothing.
            post("/runs", "/runs", "{\"mode\":\"FULL\",\"runId\":\"not a valid id!\"}", Roles.OPERATOR),
            get("/runs", "/runs", Roles.VIEWER),
            get("/runs/{runId}", "/runs/no-such-run", Roles.VIEWER),
            post("/runs/{runId}/resume", "/runs/no-such-run/resume", null, Roles.OPERATOR),
            // A user without an e-mail is refused (400): authorised, but no discovery starts.
            post("/discoveries", "/discoveries", "{\"targetUsers\":[{\"displayName\":\"x\"}]}", Roles.OPERATOR),
            get("/discoveries", "/discoveries", Roles.VIEWER),
            get("/discoveries/{id}", "/discoveries/no-such-discovery", Roles.AUDITOR),
            get("/discoveries/{id}/report.md", "/discoveries/no-such-discovery/report.md", Roles.AUDITOR));

    @Override
    protected List<EndpointRow> table() {
        return TABLE;
    }

    @Override
    protected Class<?>[] resources() {
        return new Class<?>[] {RunsEndpoint.class, DiscoveriesEndpoint.class};
    }
}
