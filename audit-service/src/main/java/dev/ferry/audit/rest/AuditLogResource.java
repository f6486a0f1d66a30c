package dev.ferry.audit.rest;

import dev.ferry.audit.service.AuditLogExport;
import dev.ferry.audit.service.AuditLogFormat;
import dev.ferry.audit.service.BadRequest;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The practice-wide audit log (every run); one run's log is {@code GET /runs/{runId}/audit-log}. */
@Path("/audit-log")
@Tag(name = "audit-log", description = "Every record operation, as JSON Lines or CSV")
public class AuditLogResource {

    static final String JSONL = "application/jsonl";
    static final String CSV = "text/csv";

    private final AuditLogExport export;

    public AuditLogResource(AuditLogExport export) {
        this.export = export;
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Produces({JSONL, CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "The audit log of every run", description = "Every record operation Ferry performed on "
            + "Freshsales (create, update, link, delete, restore) with run, time, resource, source id, Freshsales "
            + "target and id and the names of the fields it changed; never a field value. Runs in the order the audit "
            + "first heard of them, each run's entries by time. include=all also lists unchanged, rejected and failed "
            + "records (wrote=false). Streamed.")
    @APIResponse(responseCode = "200", description = "The log, one entry per line (JSONL) or row (CSV with header)")
    @APIResponse(responseCode = "400", description = "Unknown format or include",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response practice(
            @Parameter(description = "jsonl (default) or csv") @QueryParam("format") String format,
            @Parameter(description = "writes (default: the operations that changed Freshsales) or all")
            @QueryParam("include") String include) {
        return stream(export, null, format, include);
    }

    /** The streamed answer for one run ({@code runId}) or every run (null); arguments checked before streaming. */
    static Response stream(AuditLogExport export, String runId, String format, String include) {
        AuditLogFormat f = AuditLogFormat.parse(format);
        boolean all = includeAll(include);
        if (runId != null) {
            export.requireRun(runId);
        }
        StreamingOutput body = out -> export.export(runId, all, f, out);
        String name = "audit-log" + (runId == null ? "" : "-" + fileSafe(runId)) + "." + f.extension();
        return Response.ok(body).type(f.mediaType() + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static boolean includeAll(String include) {
        if (include == null || include.isBlank()) {
            return false;
        }
        return switch (include.trim().toLowerCase(Locale.ROOT)) {
            case "writes" -> false;
            case "all" -> true;
            default -> throw new BadRequest("unknown include '" + include + "'; one of [writes, all]");
        };
    }

    private static String fileSafe(String runId) {
        return runId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
