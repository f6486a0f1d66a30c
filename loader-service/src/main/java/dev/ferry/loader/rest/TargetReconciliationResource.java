package dev.ferry.loader.rest;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.security.Roles;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.reconcile.TargetReconciler;
import dev.ferry.loader.reconcile.TargetReconciliation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Issue 12's reconciliation, layer 3: Freshsales read back against what Ferry last wrote. */
@Path("/target/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class TargetReconciliationResource {

    private final TargetReconciler reconciler;

    public TargetReconciliationResource(TargetReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @RolesAllowed({Roles.SERVICE, Roles.AUDITOR})
    @GET
    @Operation(summary = "Reads Freshsales back (list views sorted by updated_at where the API has them, notes per "
            + "parent, one GET per record only where no listing exists; every call under the shared budget) and "
            + "compares it with the id ledger: records missing, present more than once (one cf_dentes_id on two live "
            + "records), drifted (field names; expected and actual values only for ferry-auditor with values=true), "
            + "orphaned (a note, task, activity or deal whose parent link is gone or points elsewhere) and surplus "
            + "(a live record whose cf_dentes_id the ledger does not know). Counts the calls it made. Changes nothing. "
            + "503 when the rate budget stays exhausted or Freshsales does not answer.")
    public Response reconcile(
            @Parameter(description = "the run whose records to check (written last or created by it); all runs "
                    + "when absent") @QueryParam("runId") String runId,
            @Parameter(description = "true: drift findings carry expected and actual values (ferry-auditor only)")
            @QueryParam("values") boolean values,
            @Context SecurityContext security) throws InterruptedException {
        boolean withValues = values && security.isUserInRole(Roles.AUDITOR);
        try {
            TargetReconciliation body = reconciler.reconcile(runId == null || runId.isBlank() ? null : runId,
                    withValues);
            // The contract's codec: the audit service decodes with the same one.
            return Response.ok(FerryJson.encodeToString(body), MediaType.APPLICATION_JSON).build();
        } catch (FreshsalesException.BudgetExhausted e) {
            return unavailable("the Freshsales rate budget is exhausted; try again later", 60);
        } catch (FreshsalesException.NoAnswer e) {
            return unavailable("Freshsales did not answer: " + e.getMessage(), 10);
        } catch (FreshsalesException.Refused e) {
            // Only the call and status: a refusal's messages could quote a record.
            return Response.status(Response.Status.BAD_GATEWAY)
                    .entity(Map.of("error", "Freshsales refused: " + e.getMessage())).build();
        }
    }

    private static Response unavailable(String message, int retryAfterSeconds) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", retryAfterSeconds)
                .entity(Map.of("error", message)).build();
    }
}
