package dev.ferry.extractor.rest;

import dev.ferry.contracts.security.Roles;
import dev.ferry.extractor.discovery.Discoveries;
import dev.ferry.extractor.discovery.MarkdownReport;
import dev.ferry.extractor.discovery.OwnerMatching;
import dev.ferry.extractor.service.RunService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Discovery (issue 11, step 1): read the tenant, write nothing, report counts, schema, data-quality findings with the
 * ids behind them, attachment volume and owner matches. Starting one is an operator's act (it reads the whole tenant
 * on its rate limit); the report lists patient ids and staff e-mails, so it is an auditor's read; the list shows
 * states and counts only (viewer).
 */
@Path("/discoveries")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveriesEndpoint {

    @Inject
    Discoveries discoveries;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a discovery of the tenant", description = "Answers 202 with its id. Optional body:"
            + " {\"targetUsers\": [{\"email\", \"displayName\", \"active\"}]} to match practitioners against;"
            + " without it the loader is asked (ferry.discovery.loader-url).")
    public Response start(StartDiscoveryRequest request) {
        List<OwnerMatching.User> users = null;
        if (request != null && request.targetUsers() != null) {
            if (request.targetUsers().stream().anyMatch(u -> u == null || u.email() == null || u.email().isBlank())) {
                throw new RunService.RunRequestRefused(400, "every target user needs an email");
            }
            users = request.targetUsers().stream().map(u -> new OwnerMatching.User(u.email(), u.displayName(),
                    u.active() == null || u.active())).toList();
        }
        String id = discoveries.start(users);
        return Response.accepted(Map.of("discoveryId", id)).location(URI.create("/discoveries/" + id)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Discoveries kept in memory, newest first (states and counts, no report)")
    public List<Discoveries.View> list() {
        return discoveries.list();
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Path("/{id}")
    @Operation(summary = "A discovery's state and, once completed, its report (JSON)")
    public Discoveries.View get(@PathParam("id") String id) {
        return discoveries.view(id).orElseThrow(() -> new RunService.RunRequestRefused(404, "no discovery " + id));
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Path("/{id}/report.md")
    @Produces("text/markdown; charset=utf-8")
    @Operation(summary = "A completed discovery's report as a Markdown page")
    public Response markdown(@PathParam("id") String id) {
        Discoveries.View v = discoveries.view(id)
                .orElseThrow(() -> new RunService.RunRequestRefused(404, "no discovery " + id));
        if (v.report() == null) {
            throw new RunService.RunRequestRefused(409, "discovery " + id + " is " + v.state()
                    + (v.failureReason() == null ? "" : ": " + v.failureReason()));
        }
        return Response.ok(MarkdownReport.render(v.report())).build();
    }
}
