package dev.ferry.loader.rest;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.service.TargetMetadataService;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The Freshsales account's setup, for the mapper's lookups (owners by e-mail, stages, pick lists, custom fields). */
@Path("/target/metadata")
@Produces(MediaType.APPLICATION_JSON)
public class TargetMetadataResource {

    private final TargetMetadataService metadata;

    public TargetMetadataResource(TargetMetadataService metadata) {
        this.metadata = metadata;
    }

    @RolesAllowed(Roles.SERVICE)
    @GET
    @Operation(summary = "Owners, lifecycle stages, contact statuses, lead sources, industry and business types, and the "
            + "field definitions of contacts, sales_accounts, deals, products and each custom module (under its cm_* entity "
            + "name), each list exactly as Freshsales serves it. "
            + "503 when Freshsales cannot be reached or the rate budget stays exhausted.")
    public Response get() throws InterruptedException {
        try {
            TargetMetadata body = metadata.get();
            // The contract's codec, not the REST layer's mapper: the mapper decodes with the same one.
            return Response.ok(FerryJson.encodeToString(body), MediaType.APPLICATION_JSON).build();
        } catch (FreshsalesException.BudgetExhausted e) {
            return unavailable("the Freshsales rate budget is exhausted; try again shortly", 60);
        } catch (FreshsalesException.NoAnswer e) {
            return unavailable("Freshsales did not answer: " + e.getMessage(), 10);
        } catch (FreshsalesException.Refused e) {
            return Response.status(Response.Status.BAD_GATEWAY)
                    .entity(Map.of("error", "Freshsales refused: " + e.getMessage(), "messages", e.messages())).build();
        }
    }

    private static Response unavailable(String message, int retryAfterSeconds) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", retryAfterSeconds)
                .entity(Map.of("error", message)).build();
    }
}
