package dev.ferry.sim.dentes.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.config.RuntimeSettings;
import dev.ferry.sim.dentes.service.FaultInjector;
import dev.ferry.sim.dentes.service.MutationService;
import dev.ferry.sim.dentes.service.PracticeService;
import dev.ferry.sim.dentes.service.RequestStats;
import dev.ferry.sim.dentes.service.SettingsService;
import dev.ferry.sim.dentes.store.ResourceStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The sandbox's control panel ({@code /_sim}, no auth: bind to loopback). Not part of the Dr.DENTES contract.
 */
@Path("/_sim")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    SettingsService settings;

    @Inject
    PracticeService practice;

    @Inject
    MutationService mutations;

    @Inject
    RequestStats stats;

    @Inject
    FaultInjector faults;

    @GET
    @Path("config")
    public RuntimeSettings config() {
        return settings.current();
    }

    /** Merges the body into the settings (objects merge, arrays and values replace) and returns the result. */
    @PUT
    @Path("config")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putConfig(JsonNode patch) {
        try {
            return Response.ok(settings.merge(patch)).build();
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
    }

    /** Serves the dataset folder at {@code path} (on the server's disk) instead of the current one. */
    @POST
    @Path("dataset")
    public Response loadDataset(@QueryParam("path") String path) {
        if (path == null || path.isBlank()) {
            return ApiErrors.badRequest("path is required");
        }
        java.nio.file.Path dir = java.nio.file.Path.of(path);
        if (!Files.isDirectory(dir)) {
            return ApiErrors.badRequest("not a folder: " + path);
        }
        try {
            practice.load(dir);
        } catch (IllegalArgumentException e) {
            return ApiErrors.of(422, "INVALID_DATASET", e.getMessage());
        } catch (IOException e) {
            return ApiErrors.of(500, "LOAD_FAILED", "could not read the dataset: " + e.getClass().getSimpleName());
        }
        faults.reset();
        return Response.ok(summary()).build();
    }

    /** Back to the start: the dataset loaded at start (mutations dropped), start-up settings, empty request stats. */
    @POST
    @Path("reset")
    public Response reset() throws IOException {
        practice.reset();
        settings.restoreStartup();
        faults.reset();
        stats.clear();
        return Response.ok(summary()).build();
    }

    @GET
    @Path("stats")
    public ObjectNode stats() {
        ObjectNode out = summary();
        ObjectNode requests = out.putObject("requests");
        for (Map.Entry<String, Map<String, Long>> e : stats.snapshot().entrySet()) {
            ObjectNode byStatus = requests.putObject(e.getKey());
            e.getValue().forEach(byStatus::put);
        }
        Runtime rt = Runtime.getRuntime();
        ObjectNode jvm = out.putObject("jvm");
        jvm.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        jvm.put("heap_max_bytes", rt.maxMemory());
        return out;
    }

    /** Creates, modifies and soft-deletes records now; see {@link MutationService}. */
    @POST
    @Path("mutations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response mutate(JsonNode body) throws IOException {
        try {
            return Response.ok(mutations.apply(body)).build();
        } catch (MutationService.MutationRejected e) {
            return ApiErrors.badRequest(e.getMessage());
        }
    }

    private ObjectNode summary() {
        return practice.read(store -> {
            ObjectNode out = mapper.createObjectNode();
            out.put("dataset", store.datasetDir().toString());
            out.put("loaded_at", String.valueOf(practice.loadedAt()));
            ObjectNode records = out.putObject("records");
            for (Map.Entry<String, ResourceStore> e : store.resources().entrySet()) {
                ObjectNode r = records.putObject(e.getKey());
                r.put("total", e.getValue().size());
                r.put("live", e.getValue().liveSize());
                r.put("deleted", e.getValue().size() - e.getValue().liveSize());
            }
            return out;
        });
    }

}
