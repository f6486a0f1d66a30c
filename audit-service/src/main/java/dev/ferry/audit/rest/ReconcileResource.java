package dev.ferry.audit.rest;

import dev.ferry.audit.service.ReconcileReport;
import dev.ferry.audit.service.RunReconcile;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Issue 12's reconciliation of a run, all three layers. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Migration runs, progress and reconciliation")
public class ReconcileResource {

    private final RunReconcile reconcile;

    public ReconcileResource(RunReconcile reconcile) {
        this.reconcile = reconcile;
    }

    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @POST
    @Path("/{runId}/reconcile")
    @Operation(summary = "Reconcile a run: counts, ids and Freshsales", description = "Layer 1: the manifests against "
            + "the terminal outcomes (as GET /runs/{id}/reconciliation). Layer 2: per resource reconciled by ids, the "
            + "ids missing (no terminal outcome) and surplus (outcomes for ids the manifest does not hold). Layer 3: "
            + "the loader reads Freshsales back (list views sorted by updated_at, notes per parent, under the shared "
            + "budget; the calls are counted) and lists records missing, present twice, drifted (field names, never "
            + "values), orphaned (a note, task, activity or deal without its parent link) and surplus (a cf_dentes_id "
            + "the loader's ledger does not know). `clean` only when every layer is; `targetUnavailable` says why "
            + "layer 3 is missing. POST: it costs Freshsales calls; it changes nothing.")
    @APIResponse(responseCode = "200", description = "The reconciliation")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ReconcileReport reconcile(@PathParam("runId") String runId) throws InterruptedException {
        return reconcile.reconcile(runId);
    }
}
