package dev.ferry.audit.rest;

import dev.ferry.audit.service.AuditQueries;
import dev.ferry.audit.service.RecordHistory;
import dev.ferry.audit.service.UnsettledRecords;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

/** One source record's history. */
@Path("/records")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "records", description = "Outcome histories of source records")
public class RecordsResource {

    private final AuditQueries queries;
    private final UnsettledRecords unsettled;

    public RecordsResource(AuditQueries queries, UnsettledRecords unsettled) {
        this.queries = queries;
        this.unsettled = unsettled;
    }

    /**
     * What a delta run re-reads besides what changed since its watermark (issue 12): the ids whose last outcome is not
     * a terminal success. The extractor asks with its service token; an operator may look too. Ids only.
     */
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR})
    @GET
    @Path("/unsettled")
    @Operation(summary = "Source ids whose last outcome is not a terminal success", description = "Per resource: the"
            + " records whose newest run has no terminal outcome for them yet, or ended them REJECTED or FAILED.")
    @APIResponse(responseCode = "200", description = "The ids, in the ledger's order")
    @APIResponse(responseCode = "404", description = "No such resource",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public UnsettledRecords.Answer unsettled(
            @Parameter(description = "resource path, e.g. patients") @QueryParam("resource") String resource) {
        return unsettled.of(resource == null ? "" : resource);
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Path("/{resource}/{sourceId}/history")
    @Operation(summary = "Every outcome of one source record", description = "All runs, oldest first, with the "
            + "record's current state in each run.")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "404", description = "No outcome for this record",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RecordHistory history(
            @Parameter(description = "resource path, e.g. patients") @PathParam("resource") String resource,
            @Parameter(description = "the record's Dr.DENTES id") @PathParam("sourceId") String sourceId) {
        return queries.history(resource, sourceId);
    }
}
