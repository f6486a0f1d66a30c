package dev.ferry.mapper.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.security.Roles;
import dev.ferry.mapper.mapping.preflight.PreflightDocuments;
import dev.ferry.mapper.mapping.preflight.PreflightReport;
import dev.ferry.mapper.service.PreflightService;
import dev.ferry.mapper.service.ProposalService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Preflight (issue 11 step 3): {@code POST} checks the confirmed map against the Freshsales account now and answers
 * the report (200 whether it passed or not: {@code passed} says which); the {@code GET}s serve a kept report as JSON,
 * Markdown and the field-creation checklist as CSV. A report names fields, stages, counts and staff (the user
 * checklist: names, e-mails, roles), never a patient's value, so a viewer may read it, as the owner report.
 */
@Path("/preflight")
public class PreflightResource {

    private final PreflightService preflight;

    public PreflightResource(PreflightService preflight) {
        this.preflight = preflight;
    }

    /**
     * Body (optional): {@code {"map": "latest" | "3" | "confirmed/v3", "discovery": <a discovery report>,
     * "callsPerHour": 5000}}. Without a discovery report the practice's custom fields, practitioners, attachments and
     * the cost are not checked (each said as a finding).
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the confirmed map against the Freshsales account: passed, or what blocks and what to do")
    public Response run(JsonNode body) {
        String map = body == null ? null : body.path("map").asText(null);
        JsonNode discovery = body == null ? null : body.get("discovery");
        Integer perHour = body == null || !body.hasNonNull("callsPerHour") ? null : body.get("callsPerHour").asInt();
        try {
            PreflightReport r = preflight.run(map, discovery, perHour);
            return Response.ok(r).location(URI.create("/preflight/" + r.preflightId())).build();
        } catch (IllegalArgumentException e) {
            return ProposalResource.error(400, e.getMessage());
        } catch (ProposalService.TargetUnavailable e) {
            return ProposalResource.error(503, e.getMessage());
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A kept preflight report (the last 20, in memory); id latest: the one run last")
    public PreflightReport get(@PathParam("id") String id) {
        return find(id);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/preflight.md")
    @Produces("text/markdown")
    @Operation(summary = "A preflight report as a Markdown page")
    public String markdown(@PathParam("id") String id) {
        return PreflightDocuments.markdown(find(id));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/field-checklist.csv")
    @Produces("text/csv")
    @Operation(summary = "The field-creation checklist of a preflight as CSV: module, label, type, pick-list values")
    public String csv(@PathParam("id") String id) {
        return PreflightDocuments.csv(find(id));
    }

    private PreflightReport find(String id) {
        return preflight.find(id).orElseThrow(() -> new NotFoundException(PreflightService.LATEST.equals(id)
                ? "no preflight has run since the mapper started (reports are kept in memory, the last 20)"
                : "no preflight " + id + " (reports are kept in memory, the last 20)"));
    }
}
