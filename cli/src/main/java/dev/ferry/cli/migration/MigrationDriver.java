package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.stack.Component;
import dev.ferry.cli.stack.FerryStack;
import dev.ferry.contracts.FerryJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Drives one migration through a running {@link FerryStack} using only the services' and sandboxes' own APIs. */
public final class MigrationDriver {

    /** The resources the walking skeleton migrates, in dependency order. */
    public static final List<String> RESOURCES = List.of("practitioners", "clinics", "patients", "products",
            "treatment-cases", "billing-records", "custom-modules", "custom-module-records", "appointments", "recalls",
            "clinical-notes", "workflows", "integrations");

    /**
     * Every route a whole migration takes: {@link #RESOURCES} and the attachments (issue 10), which become Freshsales
     * documents whose bytes the loader streams from Dr.DENTES. The demo, {@code ferry run} and the bench run these; the
     * suites that do not check documents keep to {@link #RESOURCES}.
     */
    public static final List<String> ALL_RESOURCES = java.util.stream.Stream.concat(RESOURCES.stream(),
            java.util.stream.Stream.of("attachments")).toList();

    /** The rebuild documents the audit service renders for a run (issue 10), and the formats it serves them in. */
    public static final List<String> REBUILD_DOCUMENTS = List.of("workflows", "integrations");
    public static final List<String> REBUILD_FORMATS = List.of("md", "html");

    private final FerryStack stack;
    /** The sandboxes' own API: no Ferry token. */
    private final JsonHttp sandbox = new JsonHttp();
    /** The Ferry services: the stack's CLI token (operator, viewer, auditor). */
    private final JsonHttp http;

    public MigrationDriver(FerryStack stack) {
        this.stack = stack;
        this.http = new JsonHttp(stack.auth().cliToken());
    }

    public void setFreshsalesUsers(ArrayNode users) {
        sandbox.put(stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/users", users);
    }

    public void configureFreshsales(ObjectNode settings) {
        sandbox.put(stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/config", settings);
    }

    /**
     * Empties the Freshsales sandbox for another practice: records, bulk jobs, rate-limit windows and its settings back
     * to their start-up values (then {@link #configureFreshsales} and {@link #setFreshsalesUsers} set them again).
     */
    public void resetFreshsales() {
        sandbox.post(stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/reset?config=true",
                FerryJson.mapper().createObjectNode());
    }

    /**
     * What the Freshsales admin does with a preflight's field-creation checklist, done on the sandbox: each field the
     * account lacks is created ({@code PUT /_sim/fields/{module}/{name}}), each dropdown missing values gets them. The
     * demo's stand-in for the person who reads {@code field-checklist.csv}; a real account is never touched this way.
     *
     * @return the checklist lines acted on
     */
    public int followFieldChecklist(JsonNode preflightReport) {
        String sim = stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/fields";
        JsonNode all = sandbox.get(sim); // the catalogue before the admin's changes: a dropdown's values to keep
        int followed = 0;
        for (JsonNode line : preflightReport.path("fieldChecklist")) {
            if (!ChecklistAdmin.acts(line)) {
                continue;
            }
            String module = line.path("module").asText();
            JsonNode existing = all.path("modules").has(module) ? all.path("modules").path(module) : all.path(module);
            sandbox.put(sim + "/" + RunPaths.segment(module) + "/" + RunPaths.segment(line.path("name").asText()),
                    ChecklistAdmin.field(line, existing));
            followed++;
        }
        return followed;
    }

    /** The Dr.DENTES sandbox serves another dataset folder (on this machine) from now on. */
    public void serveDentesDataset(Path folder) {
        sandbox.post(stack.baseUrl(Component.DENTES_SIM) + "/_sim/dataset?path="
                + java.net.URLEncoder.encode(folder.toString(), java.nio.charset.StandardCharsets.UTF_8),
                FerryJson.mapper().createObjectNode());
    }

    /** Merges settings into the Dr.DENTES sandbox's (faults, latency). */
    public void configureDentes(ObjectNode settings) {
        sandbox.put(stack.baseUrl(Component.DENTES_SIM) + "/_sim/config", settings);
    }

    /** The practice at work: creates, modifies, upserts or deletes records in the Dr.DENTES sandbox now. */
    public JsonNode mutateDentes(ObjectNode mutations) {
        return sandbox.post(stack.baseUrl(Component.DENTES_SIM) + "/_sim/mutations", mutations);
    }

    /** The extractor's view of a run: its state and each resource's (page pass, verification, counted). */
    public JsonNode extraction(String runId) {
        return http.get(stack.baseUrl(Component.EXTRACTOR) + RunPaths.runPath(runId));
    }

    /**
     * Proposes the map (the proposal files into {@code out}) and confirms the proposed map unchanged: what the demo and
     * the system tests do before a run, since no run starts on an unconfirmed map (issue 11). An operator reads and
     * edits the proposal instead ({@code ferry propose}, {@code ferry confirm}).
     *
     * @return the confirmation ({@code mappingVersion} confirmed/vN, {@code sha256}, ...)
     */
    public JsonNode proposeAndConfirm(JsonNode discovery, Path out) {
        MapLifecycle maps = new MapLifecycle(stack.baseUrl(Component.MAPPER), stack.auth().cliToken());
        try {
            JsonNode proposal = maps.propose(discovery, out);
            String text = java.nio.file.Files.readString(out.resolve(MapLifecycle.MAP_YAML));
            MapLifecycle.Answer a = maps.confirm(text, proposal.path("proposalId").asText(null),
                    "confirmed automatically, unread (demo or test stack)");
            if (!a.confirmed()) {
                throw new IllegalStateException("the mapper did not confirm the proposed map: " + a.status() + " "
                        + a.body());
            }
            return a.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("proposing or confirming the map failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts a full run over the given resources on the latest confirmed map and returns its id. */
    public String startFullRun(List<String> resources) {
        return startRun("FULL", resources);
    }

    /**
     * Starts a delta run (issue 12) over the given resources on the latest confirmed map and returns its id: what
     * changed since each resource's watermark, plus every record whose last outcome was not a success.
     */
    public String startDeltaRun(List<String> resources) {
        return startRun("DELTA", resources);
    }

    private String startRun(String mode, List<String> resources) {
        ObjectNode body = FerryJson.mapper().createObjectNode().put("mode", mode);
        ArrayNode list = body.putArray("resources");
        resources.forEach(list::add);
        return http.post(stack.baseUrl(Component.EXTRACTOR) + "/runs", body).get("runId").asText();
    }

    public JsonNode reconciliation(String runId) {
        return http.get(audit(runId) + "/reconciliation");
    }

    /** Issue 12's three-layer reconciliation ({@code POST /runs/{id}/reconcile}): the loader reads Freshsales back. */
    public JsonNode reconcile(String runId) {
        return http.post(audit(runId) + "/reconcile", null,
                java.time.Duration.ofMinutes(30));
    }

    /** Every record behind one reconciliation number (all pages). */
    public List<JsonNode> bucket(String runId, String resource, String bucket) {
        List<JsonNode> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = http.get(audit(runId) + "/reconciliation/" + resource + "/" + bucket + "?size=100&page="
                    + page);
            p.path("items").forEach(all::add);
            if (p.path("items").size() < 100) {
                return all;
            }
        }
    }

    /** Every outcome of one record, across runs, from the audit ledger. */
    public JsonNode history(String resource, String sourceId) {
        return http.get(stack.baseUrl(Component.AUDIT) + "/records/" + resource + "/" + sourceId + "/history");
    }

    public JsonNode freshsalesState() {
        return sandbox.get(stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/state");
    }

    public void downloadFreshsalesState(Path file) {
        sandbox.download(stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/state", file);
    }

    public JsonNode requestSummary() {
        return sandbox.get(stack.baseUrl(Component.FRESHSALES_SIM) + "/_sim/requests/summary");
    }

    /**
     * Streams a run's audit log ({@code format} jsonl or csv; the operations that changed Freshsales) from the audit
     * service into a file.
     */
    public void downloadAuditLog(String runId, String format, Path file) {
        http.download(AuditLogUrl.of(stack.baseUrl(Component.AUDIT), runId, format, "writes"), file);
    }

    /**
     * A run's rebuild document ({@code workflows} or {@code integrations}, as {@code md} or {@code html}) from the
     * audit service into a file.
     */
    public void downloadRebuildDocument(String runId, String document, String format, Path file) {
        http.download(audit(runId) + "/rebuild/" + document + "." + format, file);
    }

    /**
     * Asks the audit service to roll a run back (issue 12): {@code dryRun} answers the plan (what would be deleted,
     * restored, left alone, and its calls) and changes nothing; otherwise the rollback starts and its state is answered.
     */
    public JsonNode rollback(String runId, boolean dryRun) {
        return http.post(rollbackUrl(runId) + "?dryRun=" + dryRun + "&force=false", null);
    }

    /** A rollback's state and records ({@code state} RUNNING or DONE, counts deleted, restored, skipped, failed). */
    public JsonNode rollbackState(String runId) {
        return http.get(rollbackUrl(runId));
    }

    /** Polls a started rollback until it is DONE; null when it is not DONE within {@code timeout}. */
    public JsonNode awaitRollback(String runId, Duration timeout, Duration poll) throws InterruptedException {
        return awaitRollback(runId, timeout, poll, state -> { });
    }

    /** As {@link #awaitRollback(String, Duration, Duration)}, {@code seen} getting each state read. */
    public JsonNode awaitRollback(String runId, Duration timeout, Duration poll, Consumer<JsonNode> seen)
            throws InterruptedException {
        Poll.Outcome<JsonNode> end = Poll.until(() -> rollbackState(runId), seen,
                state -> "DONE".equals(state.path("state").asText()), Poll.after(timeout), poll);
        if (end.end() == Poll.End.INTERRUPTED) {
            Thread.interrupted(); // thrown instead: the caller's catch takes it from here
            throw new InterruptedException("interrupted while following the rollback of " + runId);
        }
        return end.done() ? end.last() : null;
    }

    private String rollbackUrl(String runId) {
        return audit(runId) + "/rollback";
    }

    /** The audit service's resource of a run, its id encoded once, here. */
    private String audit(String runId) {
        return stack.baseUrl(Component.AUDIT) + RunPaths.runPath(runId);
    }

    public JsonNode ownerReport(String runId) {
        return http.get(stack.baseUrl(Component.MAPPER) + RunPaths.runPath(runId) + "/owner-report");
    }

    /**
     * Polls the audit service until the run balances (every published record has exactly one terminal outcome), or
     * until nothing has moved for {@code stall}. Returns the last reconciliation.
     */
    public JsonNode awaitBalanced(String runId, Duration stall, Duration poll, Consumer<JsonNode> progress) {
        return awaitBalanced(runId, stall, poll, progress, null);
    }

    /** The loaders' shared budget ({@code GET /budget} on the loader). */
    public JsonNode budget() {
        return http.get(stack.baseUrl(Component.LOADER) + "/budget");
    }

    /**
     * The records the mapper holds for the run (waiting for what they reference), summed over its resources; -1 when
     * the mapper cannot be read (restarting, or killed by the fault matrix): the stall watch then ignores it.
     */
    long heldByMapper(String runId) {
        try {
            long held = 0;
            for (JsonNode group : http.get(stack.baseUrl(Component.MAPPER) + RunPaths.runPath(runId) + "/pending")) {
                held += group.path("count").asLong();
            }
            return held;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private JsonNode readBudget() {
        try {
            return budget();
        } catch (RuntimeException e) {
            return null; // a loader restarting: the next poll reads it
        }
    }

    /**
     * As {@link #awaitBalanced(String, Duration, Duration, Consumer)}, and while the loaders wait for budget (a window
     * used up, a 429) nothing counts as stalled: that is what an exhausted hourly budget looks like (issue 13).
     * {@code budgetProgress} (may be null) gets each reconciliation with the budget read alongside it.
     */
    public JsonNode awaitBalanced(String runId, Duration stall, Duration poll, Consumer<JsonNode> progress,
            java.util.function.BiConsumer<JsonNode, JsonNode> budgetProgress) {
        StallWatch watch = new StallWatch(stall, System.nanoTime());
        Poll.Outcome<JsonNode> end = Poll.until(() -> {
            try {
                return reconciliation(runId);
            } catch (IllegalStateException e) {
                // The audit service has not heard of the run yet, or is away (the fault matrix kills it): the
                // stall watch, not one failed read, decides when to stop.
                return null;
            }
        }, rec -> {
            if (rec != null) {
                progress.accept(rec);
            }
        }, AwaitRun::balanced, rec -> {
            JsonNode budget = null;
            if (rec != null && budgetProgress != null) {
                budget = readBudget();
                if (budget != null) {
                    budgetProgress.accept(rec, budget);
                }
            }
            return watch.observe(rec == null ? null : rec.path("resources").toString(), () -> heldByMapper(runId),
                    budget, java.time.Instant.now(), System.nanoTime());
        }, poll);
        return end.last();
    }
}
