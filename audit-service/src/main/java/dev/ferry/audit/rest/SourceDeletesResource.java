package dev.ferry.audit.rest;

import dev.ferry.audit.service.RollbackService;
import dev.ferry.audit.service.RollbackView;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's request to delete in Freshsales what the source deleted after it was migrated (issue 12, delta): the
 * stated default only flags such records; this carries the deletes out through the rollback's commands.
 */
@Path("/runs/{runId}/source-deletes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rollback", description = "Undo what a run wrote to Freshsales")
public class SourceDeletesResource {

    private final RollbackService rollback;

    public SourceDeletesResource(RollbackService rollback) {
        this.rollback = rollback;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Operation(summary = "Delete in Freshsales what the source deleted after it was migrated, or plan it (dryRun=true)",
            description = "Every record the run ended REJECTED record.deleted that an earlier run's load left in "
            + "Freshsales (and nothing deleted since) gets a DELETE command, children before parents, with the "
            + "rollback's drift check: a record a person changed in Freshsales since Ferry wrote it is left alone and "
            + "reported unless force=true. Deleted records end DELETED in the run, so later deltas no longer flag "
            + "them. Progress: GET /runs/{runId}/rollback. Ids and reasons only, never a value. A second request "
            + "deletes nothing.")
    @APIResponse(responseCode = "200", description = "The plan (dry run), the deletes' state, or DONE with nothing to do")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RollbackView sourceDeletes(@PathParam("runId") String runId,
            @Parameter(description = "plan only, issue nothing") @QueryParam("dryRun") boolean dryRun,
            @Parameter(description = "delete records with drift too") @QueryParam("force") boolean force) {
        return dryRun ? rollback.sourceDeletesDryRun(runId, force) : rollback.startSourceDeletes(runId, force);
    }
}
