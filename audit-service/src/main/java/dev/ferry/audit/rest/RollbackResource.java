package dev.ferry.audit.rest;

import dev.ferry.audit.service.RollbackService;
import dev.ferry.audit.service.RollbackView;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

/** Rollback of a run (issue 12): a dry run, the rollback itself, and where it stands. */
@Path("/runs/{runId}/rollback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rollback", description = "Undo what a run wrote to Freshsales")
public class RollbackResource {

    private final RollbackService rollback;

    public RollbackResource(RollbackService rollback) {
        this.rollback = rollback;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Operation(summary = "Roll a run back, or plan it (dryRun=true)", description = "From the ledger: records the run "
            + "created are deleted, records it updated get their before-images written back, anything else is left "
            + "alone with the reason; children before parents (notes, tasks, activities, module records; deals; "
            + "contacts; accounts; products). A record a person changed in Freshsales since Ferry wrote it is left "
            + "alone and reported (drift) unless force=true. The dry run issues nothing and lists every record with the "
            + "cost in calls and the ETA on the loader's budget. Ids, field names and reasons only, never a value. A "
            + "second rollback with nothing left to do is a no-op.")
    @APIResponse(responseCode = "200", description = "The plan (dry run) or the rollback's state")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RollbackView rollback(@PathParam("runId") String runId,
            @Parameter(description = "plan only, issue nothing") @QueryParam("dryRun") boolean dryRun,
            @Parameter(description = "roll back records with drift too") @QueryParam("force") boolean force) {
        return dryRun ? rollback.dryRun(runId, force) : rollback.start(runId, force);
    }

    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @GET
    @Operation(summary = "Where a run's rollback stands", description = "State (NONE, RUNNING, DONE), level, counts "
            + "and every issued command with its outcome (drift names fields, never values).")
    @APIResponse(responseCode = "200", description = "The rollback's state")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RollbackView state(@PathParam("runId") String runId) {
        return rollback.state(runId);
    }
}
