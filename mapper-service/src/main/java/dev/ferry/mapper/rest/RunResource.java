package dev.ferry.mapper.rest;

import dev.ferry.mapper.service.OwnerReportService;
import dev.ferry.mapper.service.Readiness;
import dev.ferry.mapper.service.RunContexts;
import dev.ferry.mapper.service.SamplePromises;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import dev.ferry.mapper.store.PendingStore;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Per-run views: the owner-match report, the records still held, and a sample run's promised values. */
@Path("/runs/{runId}")
public class RunResource {

    private final OwnerReportService reports;
    private final PendingStore pending;
    private final RunContexts contexts;
    private final SamplePromises promises;

    public RunResource(OwnerReportService reports, PendingStore pending, RunContexts contexts,
            SamplePromises promises) {
        this.promises = promises;
        this.reports = reports;
        this.pending = pending;
        this.contexts = contexts;
    }

    /**
     * One group of held records (no record content).
     *
     * @param waitingFor what the group waits for now; "nothing: ..." when the releaser is about to map it
     */
    public record PendingGroup(String resource, long count, String waitingFor) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/owner-report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Practitioners matched and unmatched to Freshsales users, and the fallback owner")
    public OwnerReportService.OwnerReport ownerReport(@PathParam("runId") String runId) {
        return reports.report(runId).orElseThrow(() -> new NotFoundException("no run " + runId));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/owner-report/summary")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The owner-match report as text, for a terminal")
    public String ownerReportSummary(@PathParam("runId") String runId) {
        return reports.summary(ownerReport(runId));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/pending")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Records of the run held until what they depend on is complete, per resource")
    public List<PendingGroup> pending(@PathParam("runId") String runId) {
        return pending.groups(runId).stream().map(g -> new PendingGroup(g.resource().path(), g.count(),
                contexts.check(runId, g.resource()) instanceof Readiness.Waiting w ? w.reason()
                        : "nothing: the releaser maps them on its next pass")).toList();
    }

    @RolesAllowed(Roles.OPERATOR)
    @GET
    @Path("/promised")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A SAMPLE run's records as the confirmed map promises them in Freshsales (issue 11 step 4):"
            + " the body POST /sample-diff of the loader takes. map= another confirmed map to promise from (default:"
            + " the run's). Holds patient values.")
    public SamplePromises.Promises promised(@PathParam("runId") String runId, @QueryParam("map") String map) {
        try {
            return promises.of(runId, map);
        } catch (SamplePromises.Refused e) {
            throw new WebApplicationException(e.getMessage(), Response.status(e.status())
                    .entity(java.util.Map.of("error", e.getMessage())).type(MediaType.APPLICATION_JSON).build());
        }
    }
}
