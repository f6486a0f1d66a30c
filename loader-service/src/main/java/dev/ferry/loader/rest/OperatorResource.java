package dev.ferry.loader.rest;

import dev.ferry.contracts.SourceResource;
import dev.ferry.loader.budget.BudgetStatus;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.client.FreshsalesHttp;
import dev.ferry.loader.messaging.CommandConsumer;
import dev.ferry.loader.messaging.OffsetTracker;
import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.service.LoadWorker;
import dev.ferry.loader.service.LoaderLifecycle;
import dev.ferry.loader.service.WorkItem;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.LedgerEntry;
import dev.ferry.loader.store.Outbox;
import dev.ferry.loader.store.ParkedStore;
import dev.ferry.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What operators look at: the shared budget, the ledger of one record, parked commands, and the loader's own state.
 * Nothing here returns field values (the ledger holds patient data): ids, states and causes only.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    private final RateBudget budget;
    private final FreshsalesHttp http;
    private final Jdbc jdbc;
    private final IdLedger ledger;
    private final ParkedStore parked;
    private final Outbox outbox;
    private final LoaderLifecycle lifecycle;
    private final OffsetTracker tracker;
    private final BatchAccumulator<WorkItem> accumulator;

    public OperatorResource(RateBudget budget, FreshsalesHttp http, Jdbc jdbc, IdLedger ledger, ParkedStore parked,
            Outbox outbox, LoaderLifecycle lifecycle, OffsetTracker tracker, BatchAccumulator<WorkItem> accumulator) {
        this.budget = budget;
        this.http = http;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.parked = parked;
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.tracker = tracker;
        this.accumulator = accumulator;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("budget")
    @Operation(summary = "The Freshsales account's shared budget as every replica sees it, and this process's calls.")
    public Map<String, Object> budget() {
        BudgetStatus s = budget.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shared", s);
        out.put("thisProcess", Map.of("calls", http.calls(), "tooManyRequests", http.tooManyRequests(),
                "budgetWaits", budget.waits(), "budgetWaitedMillis", budget.waitedMillis()));
        return out;
    }

    @RolesAllowed(Roles.AUDITOR)
    @GET
    @Path("ledger/{resource}/{sourceId}")
    @Operation(summary = "The ledger rows of one source record (every part): Freshsales id, state, last command, "
            + "failure cause. 404 when the loader has never seen it.")
    public List<Map<String, Object>> ledger(@PathParam("resource") String resource,
            @PathParam("sourceId") String sourceId) {
        SourceResource r;
        try {
            r = SourceResource.fromPath(resource);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("unknown resource");
        }
        List<Map<String, Object>> rows = jdbc.inTransaction(c ->
                ledger.findRecord(c, r, sourceId).stream().map(OperatorResource::view).toList());
        if (rows.isEmpty()) {
            throw new NotFoundException("not in the ledger");
        }
        return rows;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("parked")
    @Operation(summary = "Parked commands, oldest first: which record, why, what it waits for (no field values).")
    public List<Map<String, Object>> parked(@QueryParam("limit") @DefaultValue("100") int limit) {
        return jdbc.inTransaction(c -> parked.list(c, Math.max(1, Math.min(limit, 1000))));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("status")
    @Operation(summary = "This process: consumer and writer threads, commands waiting, offsets not yet committable, "
            + "ledger rows by state, parked and outbox sizes.")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        CommandConsumer c = lifecycle.consumer();
        out.put("started", lifecycle.started());
        out.put("consumer", c == null ? Map.of("enabled", false) : Map.of("enabled", true,
                "alive", lifecycle.consumerThreadAlive(), "paused", c.paused(), "partitions", c.partitions(),
                "commandsRead", c.commands(),
                "poisonRecorded", c.poisons(), "lastLoop", c.lastLoop().toString()));
        LoadWorker w = lifecycle.worker();
        if (w == null) {
            out.put("writer", Map.of());
        } else {
            Map<String, Object> writer = new java.util.LinkedHashMap<>();
            writer.put("alive", lifecycle.workerThreadAlive());
            writer.put("busy", w.busy());
            writer.put("batches", w.batches());
            writer.put("commands", w.items());
            // Set while PostgreSQL, Kafka or Freshsales is away: the writer waits, no record ends for it.
            writer.put("waitingSince", w.waitingSince());
            writer.put("waitingFor", w.waitingFor());
            out.put("writer", writer);
        }
        out.put("waitingToBeWritten", accumulator.size());
        out.put("notYetCommittable", tracker.open());
        jdbc.inTransaction(conn -> {
            out.put("ledger", ledger.countByState(conn));
            out.put("parked", parked.count(conn));
            out.put("outbox", outbox.count(conn));
            return null;
        });
        return out;
    }

    private static Map<String, Object> view(LedgerEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", e.key().resource().path());
        m.put("sourceId", e.key().sourceId());
        m.put("part", e.key().part());
        m.put("target", e.target().path());
        m.put("freshsalesId", e.freshsalesId());
        m.put("state", e.state().name());
        m.put("commandId", e.commandId());
        m.put("runId", e.runId());
        m.put("attempts", e.attempts());
        m.put("createdByRun", e.createdByRun());
        if (e.failure() != null) {
            m.put("failure", Map.of("cause", String.valueOf(e.failure().cause()), "httpStatus", e.failure().httpStatus()));
        }
        if (e.intentAt() != null) {
            m.put("intentOpenSince", e.intentAt().toString());
            m.put("intentOwner", e.intentOwner());
        }
        return m;
    }
}
