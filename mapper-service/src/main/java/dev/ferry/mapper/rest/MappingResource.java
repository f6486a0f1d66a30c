package dev.ferry.mapper.rest;

import dev.ferry.mapper.mapping.Rules;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.service.SpecRegistry;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The loaded mapping specs and the validation rules they may name. */
@Path("/mapping")
public class MappingResource {

    private final SpecRegistry specs;

    public MappingResource(SpecRegistry specs) {
        this.specs = specs;
    }

    /** A loaded spec. */
    public record SpecInfo(String version, String location, String sha256, List<String> resources, boolean isDefault) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/specs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The mapping specs this mapper loaded")
    public List<SpecInfo> specs() {
        return specs.all().stream().map(s -> new SpecInfo(s.version(), s.location(), s.sha256(),
                s.mappings().keySet().stream().map(r -> r.path()).toList(), s == specs.defaultSpec())).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/specs/{name}/{version}")
    @Produces("application/yaml")
    @Operation(summary = "A spec as written, e.g. /mapping/specs/dentes-freshsales/v1")
    public String spec(@PathParam("name") String name, @PathParam("version") String version) {
        return specs.forVersion(name + "/" + version).map(CompiledSpec::text)
                .orElseThrow(() -> new NotFoundException("no mapping spec " + name + "/" + version));
    }

    @RolesAllowed({ Roles.SERVICE, Roles.VIEWER })
    @GET
    @Path("/specs/{name}/{version}/source-fields")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per source resource, the top-level fields the spec reads: all the extractor may publish")
    public Map<String, List<String>> sourceFields(@PathParam("name") String name, @PathParam("version") String version) {
        CompiledSpec spec = specs.forVersion(name + "/" + version)
                .orElseThrow(() -> new NotFoundException("no mapping spec " + name + "/" + version));
        Map<String, List<String>> out = new TreeMap<>();
        spec.mappings().forEach((resource, mapping) -> out.put(resource.path(), List.copyOf(mapping.sourceFields())));
        return out;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/rules")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every validation rule and what it means")
    public Map<String, String> rules() {
        return new TreeMap<>(Rules.meanings());
    }
}
