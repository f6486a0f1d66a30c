package dev.ferry.mapper.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.contracts.security.Roles;
import dev.ferry.mapper.mapping.proposal.MapProposal;
import dev.ferry.mapper.mapping.proposal.ProposalDocuments;
import dev.ferry.mapper.service.ProposalService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Map proposals (issue 11 step 2): {@code POST} makes one, the {@code GET}s serve it as JSON, YAML (same content,
 * for editing), a Markdown page, and the map to confirm (the base spec headed by the proposal). A proposal names
 * fields, types and pick-list values (translation tables, declared choices), never a record's value, so a viewer
 * may read it.
 */
@Path("/mapping/proposals")
public class ProposalResource {

    static final String YAML = "application/yaml";
    private static final ObjectMapper YAML_MAPPER = YAMLMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final ProposalService proposals;

    public ProposalResource(ProposalService proposals) {
        this.proposals = proposals;
    }

    /**
     * Body (optional): {@code {"baseVersion": "dentes-freshsales/v1", "discovery": <a discovery report>}}. The
     * discovery's custom-field keys and custom modules are proposed too; without it, the spec's own fields only.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Propose a field map against the Freshsales field catalogue")
    public Response propose(JsonNode body) {
        String base = body == null ? null : body.path("baseVersion").asText(null);
        JsonNode discovery = body == null ? null : body.get("discovery");
        try {
            MapProposal p = proposals.propose(base, discovery).proposal();
            return Response.created(URI.create("/mapping/proposals/" + p.proposalId())).entity(p).build();
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (ProposalService.TargetUnavailable e) {
            return error(503, e.getMessage());
        }
    }

    /** The proposals kept (in memory, the last 20): ids and summaries. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Proposals kept, with their summaries")
    public List<Map<String, Object>> list() {
        return proposals.list().stream().map(p -> Map.<String, Object>of("proposalId", p.proposalId(),
                "createdAt", p.createdAt(), "baseSpec", p.baseSpec(), "summary", p.summary())).toList();
    }

    /** JSON, or YAML with {@code Accept: application/yaml} or an id ending in {@code .yaml}. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Produces({ MediaType.APPLICATION_JSON, YAML })
    @Operation(summary = "A proposal, JSON or YAML")
    public Response get(@PathParam("id") String id, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        boolean yaml = id.endsWith(".yaml") || headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.valueOf(YAML)) && !t.isWildcardType());
        MapProposal p = find(id.endsWith(".yaml") ? id.substring(0, id.length() - 5) : id).proposal();
        return yaml ? Response.ok(yaml(p), YAML).build() : Response.ok(p, MediaType.APPLICATION_JSON).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/proposal.md")
    @Produces("text/markdown")
    @Operation(summary = "A proposal as a Markdown page")
    public String markdown(@PathParam("id") String id) {
        return ProposalDocuments.markdown(find(id).proposal());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/map.yaml")
    @Produces(YAML)
    @Operation(summary = "The map to edit and confirm: the base spec headed by the proposal (comments)")
    public String map(@PathParam("id") String id) {
        ProposalService.Kept k = find(id);
        return ProposalDocuments.mapToConfirm(k.proposal(), k.baseSpecText());
    }

    private ProposalService.Kept find(String id) {
        return proposals.find(id).orElseThrow(() -> new NotFoundException("no proposal " + id
                + " (proposals are kept in memory, the last 20)"));
    }

    static String yaml(Object o) {
        try {
            return YAML_MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage());
        }
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
