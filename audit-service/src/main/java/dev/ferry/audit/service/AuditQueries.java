package dev.ferry.audit.service;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.model.ManifestEntity;
import dev.ferry.audit.model.OutcomeEntity;
import dev.ferry.audit.model.PoisonEntity;
import dev.ferry.audit.model.RecordStateEntity;
import dev.ferry.audit.model.RunEntity;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side: runs, progress, reconciliation, the records behind each number, record histories, poison. Each
 * public method reads one consistent snapshot (a read-only REPEATABLE READ transaction), so a reconciliation never
 * mixes a manifest from one moment with counts from another.
 */
@ApplicationScoped
public class AuditQueries {

    private final EntityManager em;
    private final AuditConfig config;
    private final Clock clock;

    public AuditQueries(EntityManager em, AuditConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public PageView<RunView> runs(Integer page, Integer size) {
        snapshot();
        Page p = page(page, size);
        PanacheQuery<RunEntity> query = RunEntity.findAll(Sort.descending("firstSeenAt").and("runId"));
        long total = query.count();
        List<RunEntity> runs = query.page(p).list();
        List<String> ids = runs.stream().map(r -> r.runId).toList();
        Map<String, Map<String, EnumMap<OutcomeKind, Long>>> counts = kindCounts(ids);
        Map<String, List<ManifestEntity>> manifests = manifests(ids);
        Map<String, Instant> lastTerminal = lastTerminal(ids);
        List<RunView> items = runs.stream()
                .map(r -> view(r, manifests.getOrDefault(r.runId, List.of()), counts.getOrDefault(r.runId, Map.of()),
                        lastTerminal.get(r.runId)))
                .toList();
        return new PageView<>(items, p.index, p.size, total);
    }

    @Transactional
    public RunView run(String runId) {
        snapshot();
        RunEntity run = requireRun(runId);
        List<String> ids = List.of(runId);
        return view(run, manifests(ids).getOrDefault(runId, List.of()), kindCounts(ids).getOrDefault(runId, Map.of()),
                lastTerminal(ids).get(runId));
    }

    @Transactional
    public RunProgress progress(String runId) {
        snapshot();
        RunEntity run = requireRun(runId);
        Instant now = clock.instant();
        Duration window = config.rateWindow();
        Map<String, Long> recent = new HashMap<>();
        List<Object[]> rows = em.createQuery("""
                select s.resource, count(s) from RecordStateEntity s
                where s.runId = ?1 and s.terminal = true and s.occurredAt >= ?2
                group by s.resource""", Object[].class)
                .setParameter(1, runId)
                .setParameter(2, now.minus(window))
                .getResultList();
        for (Object[] row : rows) {
            recent.put((String) row[0], (Long) row[1]);
        }
        return ProgressCalculator.progress(runId, now, window, tallies(run), recent);
    }

    @Transactional
    public RunReconciliation reconciliation(String runId) {
        snapshot();
        return reconcile(requireRun(runId));
    }

    @Transactional
    public PageView<RecordEntry> bucket(String runId, String resourcePath, String bucketName, Integer page,
            Integer size) {
        snapshot();
        requireRun(runId);
        String resource = resource(resourcePath).path();
        Bucket bucket = Bucket.fromUrlName(bucketName).orElseThrow(() -> new BadRequest(
                "unknown bucket '" + bucketName + "'; one of " + Bucket.urlNames()));
        Page p = page(page, size);
        long total = em.createQuery("""
                select count(s) from RecordStateEntity s
                where s.runId = ?1 and s.resource = ?2 and s.kind in ?3""", Long.class)
                .setParameter(1, runId)
                .setParameter(2, resource)
                .setParameter(3, bucket.kinds())
                .getSingleResult();
        List<Object[]> rows = em.createQuery("""
                select s, o from RecordStateEntity s
                join OutcomeEntity o on o.commandId = s.commandId and o.kind = s.kind and o.attempt = s.attempt
                where s.runId = ?1 and s.resource = ?2 and s.kind in ?3
                order by s.sourceId""", Object[].class)
                .setParameter(1, runId)
                .setParameter(2, resource)
                .setParameter(3, bucket.kinds())
                .setFirstResult(p.index * p.size)
                .setMaxResults(p.size)
                .getResultList();
        List<RecordEntry> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            RecordStateEntity s = (RecordStateEntity) row[0];
            OutcomeEntity o = (OutcomeEntity) row[1];
            items.add(new RecordEntry(s.sourceId, s.kind, s.occurredAt, s.commandId, s.attempt, s.freshsalesId,
                    o.target, rejection(o), failure(o), o.detail));
        }
        return new PageView<>(items, p.index, p.size, total);
    }

    @Transactional
    public RecordHistory history(String resourcePath, String sourceId) {
        snapshot();
        String resource = resource(resourcePath).path();
        List<OutcomeEntity> outcomes = OutcomeEntity.list("resource = ?1 and sourceId = ?2",
                Sort.ascending("occurredAt").and("id"), resource, sourceId);
        if (outcomes.isEmpty()) {
            throw new NotFound("no outcome for " + resource + " " + sourceId);
        }
        List<RecordStateEntity> states = RecordStateEntity.list("resource = ?1 and sourceId = ?2",
                Sort.ascending("occurredAt").and("runId"), resource, sourceId);
        return new RecordHistory(resource, sourceId,
                states.stream().map(s -> new RecordHistory.RunState(s.runId, s.kind, s.terminal, s.occurredAt,
                        s.commandId, s.attempt, s.freshsalesId)).toList(),
                outcomes.stream().map(AuditQueries::view).toList());
    }

    @Transactional
    public PageView<PoisonView> poison(String topic, Integer page, Integer size) {
        snapshot();
        Page p = page(page, size);
        Sort newestFirst = Sort.descending("recordedAt").and("id", Sort.Direction.Descending);
        PanacheQuery<PoisonEntity> query = topic == null || topic.isBlank()
                ? PoisonEntity.findAll(newestFirst)
                : PoisonEntity.find("topic", newestFirst, topic);
        long total = query.count();
        List<PoisonView> items = query.page(p).list().stream()
                .map(e -> new PoisonView(e.consumer, e.topic, e.partition, e.offset, e.key, e.reason, e.sizeBytes,
                        e.refusedAt, e.recordedAt))
                .toList();
        return new PageView<>(items, p.index, p.size, total);
    }

    private RunReconciliation reconcile(RunEntity run) {
        boolean resourceListKnown = !run.resources.isEmpty() || run.extractionFinishedAt != null;
        return Reconciler.reconcile(run.runId, clock.instant(), run.extractionFinishedAt != null, resourceListKnown,
                tallies(run));
    }

    /** One tally per resource the run names, has a manifest for, or has outcomes for; in dependency order. */
    private List<ResourceTally> tallies(RunEntity run) {
        List<String> ids = List.of(run.runId);
        Map<String, EnumMap<OutcomeKind, Long>> counts = kindCounts(ids).getOrDefault(run.runId, Map.of());
        List<ManifestEntity> manifests = manifests(ids).getOrDefault(run.runId, List.of());
        return tallies(run, manifests, counts);
    }

    private static List<ResourceTally> tallies(RunEntity run, List<ManifestEntity> manifests,
            Map<String, EnumMap<OutcomeKind, Long>> counts) {
        Set<String> resources = new LinkedHashSet<>(run.resources);
        manifests.forEach(m -> resources.add(m.resource));
        resources.addAll(counts.keySet());
        Map<String, ManifestEntity> byResource = new HashMap<>();
        manifests.forEach(m -> byResource.put(m.resource, m));
        return resources.stream()
                .sorted(Comparator.comparingInt(AuditQueries::dependencyOrder).thenComparing(r -> r))
                .map(r -> {
                    ManifestEntity m = byResource.get(r);
                    return new ResourceTally(r, m == null ? null : m.count, m == null ? 0 : m.deleted,
                            counts.getOrDefault(r, new EnumMap<>(OutcomeKind.class)));
                })
                .toList();
    }

    private RunView view(RunEntity run, List<ManifestEntity> manifests,
            Map<String, EnumMap<OutcomeKind, Long>> counts, Instant lastTerminalAt) {
        boolean resourceListKnown = !run.resources.isEmpty() || run.extractionFinishedAt != null;
        RunReconciliation reconciliation = Reconciler.reconcile(run.runId, clock.instant(),
                run.extractionFinishedAt != null, resourceListKnown, tallies(run, manifests, counts));
        RunStatus status = RunStatus.derive(run.startedAt, run.extractionFinishedAt, run.finishedAt,
                run.finishedStatus, reconciliation, lastTerminalAt);
        List<RunView.Manifest> manifestViews = manifests.stream()
                .sorted(Comparator.comparingInt((ManifestEntity m) -> dependencyOrder(m.resource)))
                .map(m -> new RunView.Manifest(m.resource, m.count, m.deleted, m.countedAt))
                .toList();
        return new RunView(run.runId, run.mode, run.mappingVersion, List.copyOf(run.resources), run.firstSeenAt,
                run.startedAt, run.extractionFinishedAt, status.finishedAt(), status.status(), status.source(),
                manifestViews);
    }

    private Map<String, Map<String, EnumMap<OutcomeKind, Long>>> kindCounts(Collection<String> runIds) {
        Map<String, Map<String, EnumMap<OutcomeKind, Long>>> counts = new HashMap<>();
        if (runIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = em.createQuery("""
                select s.runId, s.resource, s.kind, count(s) from RecordStateEntity s
                where s.runId in ?1 group by s.runId, s.resource, s.kind""", Object[].class)
                .setParameter(1, runIds)
                .getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], k -> new HashMap<>())
                    .computeIfAbsent((String) row[1], k -> new EnumMap<>(OutcomeKind.class))
                    .put((OutcomeKind) row[2], (Long) row[3]);
        }
        return counts;
    }

    private static Map<String, List<ManifestEntity>> manifests(Collection<String> runIds) {
        Map<String, List<ManifestEntity>> manifests = new HashMap<>();
        if (runIds.isEmpty()) {
            return manifests;
        }
        List<ManifestEntity> all = ManifestEntity.list("runId in ?1", runIds);
        all.forEach(m -> manifests.computeIfAbsent(m.runId, k -> new ArrayList<>()).add(m));
        return manifests;
    }

    private Map<String, Instant> lastTerminal(Collection<String> runIds) {
        Map<String, Instant> last = new HashMap<>();
        if (runIds.isEmpty()) {
            return last;
        }
        List<Object[]> rows = em.createQuery("""
                select s.runId, max(s.occurredAt) from RecordStateEntity s
                where s.runId in ?1 and s.terminal = true group by s.runId""", Object[].class)
                .setParameter(1, runIds)
                .getResultList();
        for (Object[] row : rows) {
            last.put((String) row[0], (Instant) row[1]);
        }
        return last;
    }

    private static RunEntity requireRun(String runId) {
        RunEntity run = RunEntity.findById(runId);
        if (run == null) {
            throw new NotFound("no run " + runId);
        }
        return run;
    }

    private static SourceResource resource(String path) {
        try {
            return SourceResource.fromPath(path);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no resource " + path);
        }
    }

    private static int dependencyOrder(String resourcePath) {
        try {
            return SourceResource.fromPath(resourcePath).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    private Page page(Integer page, Integer size) {
        int index = page == null ? 0 : page;
        int pageSize = size == null ? config.paging().defaultSize() : size;
        if (index < 0) {
            throw new BadRequest("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > config.paging().maxSize()) {
            throw new BadRequest("size must be between 1 and " + config.paging().maxSize());
        }
        return Page.of(index, pageSize);
    }

    /** Reads of one request see one moment of the ledger. Must be the transaction's first statement. */
    private void snapshot() {
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
    }

    static OutcomeView view(OutcomeEntity o) {
        return new OutcomeView(o.commandId, o.runId, o.resource, o.sourceId, o.part, o.target, o.kind, o.attempt,
                o.freshsalesId, o.changedFields == null ? List.of() : o.changedFields, rejection(o), failure(o),
                o.detail, o.occurredAt, o.recordedAt);
    }

    private static Rejection rejection(OutcomeEntity o) {
        return o.rejectionRule == null && o.rejectionField == null && o.rejectionMessage == null ? null
                : new Rejection(o.rejectionRule, o.rejectionField, o.rejectionMessage);
    }

    private static TargetFailure failure(OutcomeEntity o) {
        return o.failureStatus == null && o.failureCause == null && o.failureMessages == null ? null
                : new TargetFailure(o.failureStatus == null ? 0 : o.failureStatus, o.failureMessages, o.failureCause);
    }
}
