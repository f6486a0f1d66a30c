package dev.ferry.mapper.rest;

import dev.ferry.contracts.security.Roles;
import dev.ferry.mapper.service.ConfirmedMaps;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Confirmed maps (issue 11 step 2). {@code POST} takes the map (a mapping spec, YAML) as the body: it is compiled
 * like the shipped spec (422 naming every problem and its place when it is wrong) and stored as the next version with
 * its sha256, who and when. The extractor asks {@code GET /{version}} (role service) before it starts a run.
 */
@Path("/mapping/confirmations")
public class ConfirmationResource {

    private final ConfirmedMaps maps;
    private final SecurityIdentity identity;

    public ConfirmationResource(ConfirmedMaps maps, SecurityIdentity identity) {
        this.maps = maps;
        this.identity = identity;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes({ ProposalResource.YAML, "text/yaml", MediaType.TEXT_PLAIN, "application/x-yaml" })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a map: 201 a new version, 200 when it is the latest version's text again, 422 invalid")
    public Response confirm(String text, @QueryParam("proposal") String proposalId,
            @QueryParam("comment") String comment) {
        try {
            ConfirmedMaps.Confirmed c = maps.confirm(text, identity.getPrincipal().getName(), proposalId,
                    comment == null ? null : comment.substring(0, Math.min(500, comment.length())));
            return (c.created() ? Response.created(URI.create("/mapping/confirmations/v" + c.view().version()))
                    : Response.ok()).entity(c.view()).build();
        } catch (ConfirmedMaps.InvalidMap e) {
            return Response.status(422).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", e.getMessage(), "problems", e.problems())).build();
        }
    }

    /** The same as JSON: {@code {"text": "<the map>", "proposalId": "...", "comment": "..."}}. */
    public record ConfirmRequest(String text, String proposalId, String comment) {
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm a map given as {text, proposalId, comment}")
    public Response confirmJson(ConfirmRequest request) {
        return request == null ? ProposalResource.error(400, "a JSON body with text is required")
                : confirm(request.text(), request.proposalId(), request.comment());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every confirmed map, newest first (no texts)")
    public List<ConfirmedMaps.View> list() {
        return maps.list();
    }

    /** {@code latest}, {@code 3}, {@code v3}; {@code intact} false when the stored text no longer has its hash. */
    @RolesAllowed({ Roles.VIEWER, Roles.SERVICE })
    @GET
    @Path("/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One confirmed map: version, sha256 confirmed and now, who, when")
    public Response get(@PathParam("version") String version) {
        // The extractor quotes the error in its 409: say what to do, not only what is missing.
        return maps.find(version).map(v -> Response.ok(v).build()).orElseGet(() -> ProposalResource.error(404,
                "latest".equals(version) ? "no map is confirmed: propose one (ferry propose), then confirm it"
                        + " (ferry confirm --file map.yaml)" : "no confirmed map " + version));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{version}/map.yaml")
    @Produces(ProposalResource.YAML)
    @Operation(summary = "A confirmed map's text as confirmed")
    public String text(@PathParam("version") String version) {
        return maps.text(version).orElseThrow(() -> new NotFoundException("no confirmed map " + version));
    }
}
