package dev.ferry.audit.rest;

import dev.ferry.audit.service.AuditLogExport;
import dev.ferry.audit.service.AuditQueries;
import dev.ferry.audit.service.PageView;
import dev.ferry.audit.service.RecordEntry;
import dev.ferry.audit.service.RunProgress;
import dev.ferry.audit.service.RunReconciliation;
import dev.ferry.audit.service.RunView;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs, their progress and their reconciliation. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Migration runs, progress and reconciliation")
public class RunsResource {

    private final AuditQueries queries;
    private final AuditLogExport auditLog;

    public RunsResource(AuditQueries queries, AuditLogExport auditLog) {
        this.queries = queries;
        this.auditLog = auditLog;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List runs", description = "Newest first (by when the audit first heard of them).")
    @APIResponse(responseCode = "200", description = "One page of runs")
    @APIResponse(responseCode = "400", description = "Page or size out of range",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public PageView<RunView> runs(
            @Parameter(description = "0-based page number") @QueryParam("page") Integer page,
            @Parameter(description = "page size (default 100, at most ferry.audit.paging.max-size)")
            @QueryParam("size") Integer size) {
        return queries.runs(page, size);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}")
    @Operation(summary = "One run", description = "Mode, mapping version, start, extraction end, finish, status "
            + "and the manifests received.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RunView run(@PathParam("runId") String runId) {
        return queries.run(runId);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}/progress")
    @Operation(summary = "Progress of a run", description = "Per resource: manifest count, records seen, terminal, "
            + "pending (manifest - terminal), records per current-state kind, terminal records per minute over "
            + "ferry.audit.rate-window, the Freshsales calls the pending records still need (pending x calls per "
            + "record) and the budget (ferry.audit.budget.*); the ETA is those calls over the budget, known also "
            + "while no record moves (between hourly bursts).")
    @APIResponse(responseCode = "200", description = "The run's progress")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RunProgress progress(@PathParam("runId") String runId) {
        return queries.progress(runId);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}/reconciliation")
    @Operation(summary = "Reconciliation of a run (machine-readable)", description = "Per resource: the manifest "
            + "against created, updated, unchanged, linked, deleted, restored, rejected, failed and deferred. A "
            + "manifest with an id set is compared by ids (`reconciledBy: ids`): `missing` = manifest ids without a "
            + "terminal state, `surplus` = terminal states for ids the manifest does not hold; a manifest of counts "
            + "only keeps unaccounted = manifest - terminal. `balanced` is false while any published record lacks "
            + "exactly one terminal state, while a manifest's ids are still arriving, or with a surplus; "
            + "`unbalancedBecause` says why. The demo writes this document to reconciliation.json and exits non-zero "
            + "on false.")
    @APIResponse(responseCode = "200", description = "The reconciliation")
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RunReconciliation reconciliation(@PathParam("runId") String runId) {
        return queries.reconciliation(runId);
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Path("/{runId}/reconciliation/{resource}/{bucket}")
    @Operation(summary = "The records behind one reconciliation number", description = "Ordered by source id. "
            + "Rejections carry rule, field and message; failures the target's status and messages. Bucket `pending` "
            + "lists the known records without a terminal state. Buckets `missing` (manifest ids without a terminal "
            + "state; one never heard of has its sourceId only) and `surplus` (terminal states for ids the manifest "
            + "does not hold) need the manifest's whole id set.")
    @APIResponse(responseCode = "200", description = "One page of records")
    @APIResponse(responseCode = "400", description = "Unknown bucket, or page or size out of range",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "Unknown run or resource",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Bucket missing or surplus for a manifest without an id set, "
            + "or whose ids are still arriving", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public PageView<RecordEntry> bucket(
            @PathParam("runId") String runId,
            @Parameter(description = "resource path, e.g. patients") @PathParam("resource") String resource,
            @Parameter(description = "created, updated, unchanged, linked, deleted, restored, rejected, failed, "
                    + "deferred, pending, missing or surplus") @PathParam("bucket") String bucket,
            @Parameter(description = "0-based page number") @QueryParam("page") Integer page,
            @Parameter(description = "page size") @QueryParam("size") Integer size) {
        return queries.bucket(runId, resource, bucket, page, size);
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Path("/{runId}/audit-log")
    @Produces({AuditLogResource.JSONL, AuditLogResource.CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "The audit log of a run", description = "Every record operation of the run on Freshsales "
            + "(create, update, link, delete, restore), oldest first: time, resource, source id, Freshsales target "
            + "and id, the names of the fields it changed (never a value), attempt and command id. A redelivered "
            + "outcome is one entry. include=all also lists unchanged, rejected (rule, field) and failed (HTTP "
            + "status) records, with wrote=false. JSON Lines or CSV (header row, RFC 4180 quoting, changedFields "
            + "joined by ';'), streamed.")
    @APIResponse(responseCode = "200", description = "The log, one entry per line (JSONL) or row (CSV with header)")
    @APIResponse(responseCode = "400", description = "Unknown format or include",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "Unknown run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response auditLog(
            @PathParam("runId") String runId,
            @Parameter(description = "jsonl (default) or csv") @QueryParam("format") String format,
            @Parameter(description = "writes (default: the operations that changed Freshsales) or all")
            @QueryParam("include") String include) {
        return AuditLogResource.stream(auditLog, runId, format, include);
    }
}
