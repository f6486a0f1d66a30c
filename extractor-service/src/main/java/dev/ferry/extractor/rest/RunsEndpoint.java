package dev.ferry.extractor.rest;

import dev.ferry.extractor.model.RunSummary;
import dev.ferry.extractor.model.RunView;
import dev.ferry.extractor.service.RunService;
import jakarta.inject.Inject;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The operator's API for extraction runs. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsEndpoint {

    @Inject
    RunService runs;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an extraction run", description = "Queues the run and answers 202 with its id. "
            + "mode FULL, DELTA, or SAMPLE (size: 200 to 500 records, parents included, default 300; stratified, then read "
            + "back with the loader's POST /sample-diff). Runs only on a confirmed map (mapVersion, default latest;"
            + " optional mapSha256): 409 when none is confirmed or the map changed since.")
    public Response start(StartRunRequest request) {
        if (request == null) {
            throw new RunService.RunRequestRefused(400, "a JSON body with mode is required");
        }
        String runId = runs.start(request.mode(), request.resources(), request.runId(), request.mapVersion(),
                request.mapSha256(), request.size());
        return Response.accepted(new StartRunResponse(runId)).location(URI.create("/runs/" + runId)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List runs, newest first")
    public List<RunSummary> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return runs.list(Math.min(limit, 500));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}")
    @Operation(summary = "A run with its progress per resource")
    public RunView get(@PathParam("runId") String runId) {
        return runs.view(runId).orElseThrow(() -> new RunService.RunRequestRefused(404, "no run " + runId));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{runId}/resume")
    @Operation(summary = "Resume a failed or interrupted run from its checkpoints")
    public Response resume(@PathParam("runId") String runId) {
        runs.resume(runId);
        return Response.accepted(new StartRunResponse(runId)).location(URI.create("/runs/" + runId)).build();
    }
}
