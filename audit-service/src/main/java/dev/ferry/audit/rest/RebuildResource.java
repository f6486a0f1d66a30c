package dev.ferry.audit.rest;

import dev.ferry.audit.document.HtmlRenderer;
import dev.ferry.audit.service.NotFound;
import dev.ferry.audit.service.RebuildDocuments;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The rebuild documents of a run (issue 10): {@code workflows.md}, {@code workflows.html}, {@code integrations.md},
 * {@code integrations.html}. Role viewer: they hold automation and integration settings, no patient value and no
 * credential.
 */
@Path("/runs/{runId}/rebuild")
@Tag(name = "rebuild", description = "What an admin sets up again in Freshsales: workflows and integrations")
public class RebuildResource {

    static final String MARKDOWN = "text/markdown";
    static final String HTML = "text/html";

    private final RebuildDocuments documents;

    public RebuildResource(RebuildDocuments documents) {
        this.documents = documents;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{document}.md")
    @Produces(MARKDOWN)
    @Operation(summary = "A rebuild document as Markdown", description = "workflows: each automation's trigger, "
            + "conditions, schedule, actions (channel, template, offset) and the Freshsales feature that rebuilds it; "
            + "integrations: name, kind, endpoint, auth type (never a credential), data format, whether it is bound "
            + "to Turkish health compliance (not portable) and what rebuilds it.")
    @APIResponse(responseCode = "200", description = "The document")
    @APIResponse(responseCode = "404", description = "Unknown run or document",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response markdown(@PathParam("runId") String runId,
            @Parameter(description = "workflows or integrations") @PathParam("document") String document) {
        String body = documents.render(runId, kind(document), RebuildDocuments.Format.MARKDOWN);
        return Response.ok(body).type(MARKDOWN + "; charset=UTF-8").build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{document}.html")
    @Produces(HTML)
    @Operation(summary = "A rebuild document as HTML", description = "The Markdown document's content as one "
            + "self-contained page; every value escaped, and a Content-Security-Policy that allows no script.")
    @APIResponse(responseCode = "200", description = "The document")
    @APIResponse(responseCode = "404", description = "Unknown run or document",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response html(@PathParam("runId") String runId,
            @Parameter(description = "workflows or integrations") @PathParam("document") String document) {
        String body = documents.render(runId, kind(document), RebuildDocuments.Format.HTML);
        return Response.ok(body).type(HTML + "; charset=UTF-8")
                .header("Content-Security-Policy", HtmlRenderer.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static RebuildDocuments.Kind kind(String document) {
        return RebuildDocuments.Kind.fromUrlName(document)
                .orElseThrow(() -> new NotFound("no rebuild document '" + document + "'; one of [workflows, integrations]"));
    }
}
