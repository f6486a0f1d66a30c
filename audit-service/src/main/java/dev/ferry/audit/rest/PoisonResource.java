package dev.ferry.audit.rest;

import dev.ferry.audit.service.AuditQueries;
import dev.ferry.audit.service.PageView;
import dev.ferry.audit.service.PoisonView;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Messages no consumer could use. */
@Path("/poison")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "poison", description = "Messages some consumer could not decode or store")
public class PoisonResource {

    private final AuditQueries queries;

    public PoisonResource(AuditQueries queries) {
        this.queries = queries;
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Operation(summary = "List poison messages", description = "Newest first. Where each sat and why it was "
            + "refused; never its content.")
    @APIResponse(responseCode = "200", description = "One page of poison records")
    @APIResponse(responseCode = "400", description = "Page or size out of range",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public PageView<PoisonView> poison(
            @Parameter(description = "only messages read from this topic") @QueryParam("topic") String topic,
            @Parameter(description = "0-based page number") @QueryParam("page") Integer page,
            @Parameter(description = "page size") @QueryParam("size") Integer size) {
        return queries.poison(topic, page, size);
    }
}
