package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.ModuleDef;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Asynchronous bulk upsert. A job waits {@code bulkJobStartDelayMs}, then applies its items one by one
 * ({@code bulkJobItemDelayMs} apart) on a single background thread, in submission order. Until the last item is
 * done the job reports {@code bulkJobPendingStatus}; then {@code SUCCESS}, also when items failed (failures are
 * in {@code data}, as observed on the real service).
 *
 * <p>Failure report item: {@code {"index": 3, "unique_identifier": {"emails": "a@b.c"},
 * "errors": {"code": 400, "message": ["..."]}}}. Ids of written records are not reported (the real API documents
 * no such field) unless {@code bulkJobReportsIds} is on; clients find them through /lookup.
 */
@ApplicationScoped
public class BulkJobService {

    private static final Logger LOG = Logger.getLogger(BulkJobService.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Identifier keys accepted at item level per module (cf_ text/number fields are accepted too). */
    static final Map<String, List<String>> ITEM_IDENTIFIERS = Map.of(
            "contacts", List.of("id", "emails", "mobile_number"),
            "sales_accounts", List.of("id", "name"),
            "deals", List.of("id", "name"));

    private final RecordService records;
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger generation = new AtomicInteger();
    private ExecutorService worker = newWorker();

    @Inject
    public BulkJobService(RecordService records) {
        this.records = records;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bulk-upsert-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** Validates the request and queues the job; returns the job id. */
    public long submit(ModuleDef m, JsonNode body) {
        SimSettings s = records.settings();
        JsonNode items = body.path(m.name());
        if (!items.isArray()) {
            throw ApiException.badRequest("type.invalid", m.name());
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("field.blank", m.name());
        }
        if (items.size() > s.bulkMaxItems) {
            throw ApiException.badRequest("bulk.too_many", s.bulkMaxItems);
        }
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw ApiException.badRequest("type.invalid", m.name());
            }
        }
        long now = records.clock().nowMillis();
        Job job = new Job(records.store().nextId(), m, (ArrayNode) items.deepCopy(), now, generation.get(), s.bulkJobPendingStatus);
        jobs.put(job.id, job);
        long start = s.bulkJobStartDelayMs;
        long step = s.bulkJobItemDelayMs;
        worker.submit(() -> run(job, start, step));
        return job.id;
    }

    private void run(Job job, long startDelay, long itemDelay) {
        try {
            sleep(startDelay);
            for (int i = 0; i < job.items.size(); i++) {
                while (records.settings().bulkJobsPaused && job.generation == generation.get()) {
                    Thread.sleep(10);
                }
                if (job.generation != generation.get()) {
                    return;
                }
                processItem(job, i);
                job.processed = i + 1;
                job.statusUpdatedAt = records.clock().nowMillis();
                if (i + 1 < job.items.size()) {
                    sleep(itemDelay);
                }
            }
            job.status = "SUCCESS";
            job.statusUpdatedAt = records.clock().nowMillis();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf("bulk job %d stopped: %s", job.id, e.getClass().getSimpleName());
            job.status = "FAILED";
        }
    }

    private void processItem(Job job, int index) {
        JsonNode item = job.items.get(index);
        ModuleDef m = job.module;
        String key = identifierKey(m, item);
        ObjectNode ident = F.objectNode();
        if (key != null) {
            ident.set(key, item.get(key));
        }
        try {
            if (key == null) {
                throw ApiException.badRequest("upsert.identifier_missing");
            }
            JsonNode data = item.get("data");
            if (data == null || !data.isObject()) {
                throw ApiException.badRequest("bulk.data_missing");
            }
            if (!"id".equals(key)) {
                records.ensureIndex(m, key);
            }
            RecordService.Upserted u;
            try {
                u = records.store().write(() -> records.upsertLocked(m, key, item.get(key), (ObjectNode) data));
            } catch (ApiException e) {
                if ("id".equals(key) && e.status() == 404) {
                    throw ApiException.badRequest("bulk.item_not_found", item.get(key).asText());
                }
                throw e;
            }
            synchronized (job) {
                job.succeeded++;
                job.successes.addObject().put("index", index).put("id", u.doc().path("id").asLong())
                        .put("action", u.created() ? "created" : "updated");
            }
        } catch (ApiException e) {
            ObjectNode f = F.objectNode();
            f.put("index", index);
            f.set("unique_identifier", ident);
            ObjectNode errors = f.putObject("errors");
            errors.put("code", e.status());
            ArrayNode msgs = errors.putArray("message");
            e.localized(records.settings().faults.errorLanguage).forEach(msgs::add);
            synchronized (job) {
                job.failed++;
                job.failures.add(f);
            }
        }
    }

    /** The item's identifier: the first of the module's keys present, else its first cf_ key. */
    static String identifierKey(ModuleDef m, JsonNode item) {
        for (String k : ITEM_IDENTIFIERS.getOrDefault(m.name(), List.of("id"))) {
            if (item.hasNonNull(k)) {
                return k;
            }
        }
        var names = item.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.startsWith("cf_")) {
                return n;
            }
        }
        return null;
    }

    /** The module a job upserts into (plural, e.g. {@code contacts}), or null for a job this sandbox does not know. */
    public String moduleOf(long id) {
        Job job = jobs.get(id);
        return job == null ? null : job.module.name();
    }

    /** GET /job_statuses/{id}. */
    public ObjectNode status(long id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw ApiException.notFound();
        }
        ZoneOffset offset = ZoneOffset.of(records.settings().accountUtcOffset);
        ObjectNode out = F.objectNode();
        out.put("id", job.id);
        out.put("status", job.status);
        out.put("progress", job.items.isEmpty() ? 100 : (int) (100L * job.processed / job.items.size()));
        out.put("job_type_name", job.module.name() + "_bulk_upsert");
        out.put("created_at", Times.format(job.createdAt, offset));
        out.put("status_updated_at", Times.format(job.statusUpdatedAt, offset));
        ObjectNode data = F.objectNode();
        synchronized (job) {
            data.putObject("record_status").put("succeeded", job.succeeded).put("failed", job.failed);
            data.set("detailed_failure_report", job.failures.deepCopy());
            if (records.settings().bulkJobReportsIds) {
                data.set("detailed_success_report", job.successes.deepCopy());
            }
        }
        try {
            out.put("data", JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Cancels queued and running jobs and forgets every job. */
    public synchronized void reset() {
        generation.incrementAndGet();
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = newWorker();
        jobs.clear();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private static void sleep(long ms) throws InterruptedException {
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** A queued or finished bulk job. */
    static final class Job {
        final long id;
        final ModuleDef module;
        final ArrayNode items;
        final long createdAt;
        final int generation;
        volatile long statusUpdatedAt;
        volatile String status;
        volatile int processed;
        int succeeded;
        int failed;
        final ArrayNode failures = F.arrayNode();
        final ArrayNode successes = F.arrayNode();

        Job(long id, ModuleDef module, ArrayNode items, long createdAt, int generation, String pendingStatus) {
            this.id = id;
            this.module = module;
            this.items = items;
            this.createdAt = createdAt;
            this.statusUpdatedAt = createdAt;
            this.generation = generation;
            this.status = pendingStatus;
        }
    }

    List<Long> jobIds() {
        return new ArrayList<>(jobs.keySet());
    }
}
