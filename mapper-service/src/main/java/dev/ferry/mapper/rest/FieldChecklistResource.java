package dev.ferry.mapper.rest;

import dev.ferry.mapper.service.FieldChecklistService;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The Freshsales field-creation checklist. */
@Path("/field-checklist")
public class FieldChecklistResource {

    private final FieldChecklistService service;

    public FieldChecklistResource(FieldChecklistService service) {
        this.service = service;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Custom fields and dropdown choices to create in Freshsales before loading")
    public FieldChecklistService.Checklist checklist() {
        return service.checklist();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/summary")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The checklist as text")
    public String summary() {
        return service.summary(service.checklist());
    }
}
