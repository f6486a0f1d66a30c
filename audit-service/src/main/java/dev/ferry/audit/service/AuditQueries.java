package dev.ferry.audit.service;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.ledger.LedgerSchema;
import dev.ferry.audit.model.ManifestEntity;
import dev.ferry.audit.model.OutcomeEntity;
import dev.ferry.audit.model.PoisonEntity;
import dev.ferry.audit.model.RecordStateEntity;
import dev.ferry.audit.model.RunEntity;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.contracts.budget.CallBudget;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.hibernate.Session;

/**
 * The read side: runs, progress, reconciliation, the records behind each number, record histories, poison. Each
 * public method reads one consistent snapshot (a read-only REPEATABLE READ transaction), so a reconciliation never
 * mixes a manifest from one moment with counts from another.
 */
@ApplicationScoped
public class AuditQueries {

    /**
     * A run's id sets against its record states, per resource whose manifest announced ids: one FULL JOIN of two
     * primary-key ranges (both {@code source_id} columns are collation "C"), linear in the run's records.
     */
    private static final String ID_COMPARISON = """
            WITH tracked AS (SELECT run_id, resource FROM {schema}.manifest
                             WHERE run_id = ANY(?) AND id_chunks IS NOT NULL)
            SELECT coalesce(m.run_id, s.run_id), coalesce(m.resource, s.resource),
                   count(m.source_id),
                   count(*) FILTER (WHERE m.source_id IS NOT NULL AND s.terminal),
                   count(*) FILTER (WHERE m.source_id IS NOT NULL AND s.source_id IS NOT NULL AND NOT s.terminal),
                   count(*) FILTER (WHERE m.source_id IS NOT NULL AND s.source_id IS NULL),
                   count(*) FILTER (WHERE m.source_id IS NULL AND s.terminal)
            FROM (SELECT i.run_id, i.resource, i.source_id FROM {schema}.manifest_id i
                  JOIN tracked t ON t.run_id = i.run_id AND t.resource = i.resource) m
            FULL JOIN (SELECT r.run_id, r.resource, r.source_id, r.terminal FROM {schema}.record_state r
                  JOIN tracked t ON t.run_id = r.run_id AND t.resource = r.resource) s
              ON s.run_id = m.run_id AND s.resource = m.resource AND s.source_id = m.source_id
            GROUP BY 1, 2""";

    /** Chunks of the id list each manifest announced ("chunk of idChunks") that arrived. */
    private static final String CHUNKS_RECEIVED = """
            SELECT c.run_id, c.resource, count(*) FROM {schema}.manifest_id_chunk c
            JOIN {schema}.manifest m ON m.run_id = c.run_id AND m.resource = c.resource AND m.id_chunks = c.chunks
            WHERE c.run_id = ANY(?)
            GROUP BY c.run_id, c.resource""";

    private static final String MISSING_FROM = """
            FROM {schema}.manifest_id m
            LEFT JOIN {schema}.record_state s
              ON s.run_id = m.run_id AND s.resource = m.resource AND s.source_id = m.source_id
            LEFT JOIN {schema}.outcome o ON o.command_id = s.command_id AND o.kind = s.kind AND o.attempt = s.attempt
            WHERE m.run_id = ? AND m.resource = ? AND (s.source_id IS NULL OR NOT s.terminal)""";

    private static final String SURPLUS_FROM = """
            FROM {schema}.record_state s
            LEFT JOIN {schema}.outcome o ON o.command_id = s.command_id AND o.kind = s.kind AND o.attempt = s.attempt
            WHERE s.run_id = ? AND s.resource = ? AND s.terminal
              AND NOT EXISTS (SELECT 1 FROM {schema}.manifest_id m
                              WHERE m.run_id = s.run_id AND m.resource = s.resource AND m.source_id = s.source_id)""";

    private final EntityManager em;
    private final AuditConfig config;
    private final Clock clock;
    private final LedgerSchema schema;

    public AuditQueries(EntityManager em, AuditConfig config, Clock clock, LedgerSchema schema) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.schema = schema;
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
        Map<String, Map<String, IdComparison>> idSets = idComparisons(manifests);
        List<RunView> items = runs.stream()
                .map(r -> view(r, manifests.getOrDefault(r.runId, List.of()), counts.getOrDefault(r.runId, Map.of()),
                        idSets.getOrDefault(r.runId, Map.of()), lastTerminal.get(r.runId)))
                .toList();
        return new PageView<>(items, p.index, p.size, total);
    }

    @Transactional
    public RunView run(String runId) {
        snapshot();
        RunEntity run = requireRun(runId);
        List<String> ids = List.of(runId);
        List<ManifestEntity> manifests = manifests(ids).getOrDefault(runId, List.of());
        return view(run, manifests, kindCounts(ids).getOrDefault(runId, Map.of()), idComparisons(runId, manifests),
                lastTerminal(ids).get(runId));
    }

    @Transactional
    public RunProgress progress(String runId) {
        snapshot();
        RunEntity run = requireRun(runId);
        Instant now = clock.instant();
        Duration window = config.rateWindow();
        Map<String, Long> recent = terminalSince(runId, now.minus(window));
        Map<String, long[]> lastHour = terminalByMinute(runId, now.minus(Duration.ofHours(1)));
        return ProgressCalculator.progress(runId, now, window, tallies(run), recent, lastHour,
                new ProgressCalculator.Limits(config.budget().callsPerMinute(), config.budget().callsPerHour()));
    }

    /** Per resource, the run's records whose terminal state occurred since {@code since}. */
    private Map<String, Long> terminalSince(String runId, Instant since) {
        Map<String, Long> counts = new HashMap<>();
        List<Object[]> rows = em.createQuery("""
                select s.resource, count(s) from RecordStateEntity s
                where s.runId = ?1 and s.terminal = true and s.occurredAt >= ?2
                group by s.resource""", Object[].class)
                .setParameter(1, runId)
                .setParameter(2, since)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    /**
     * Per resource, the run's records whose terminal state occurred in each minute since {@code since} (an hour ago),
     * oldest minute first: when the hour's calls were spent decides when they free up ({@code CallBudget}).
     */
    private Map<String, long[]> terminalByMinute(String runId, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(schema.sql("""
                SELECT resource, CAST(floor(extract(epoch FROM (occurred_at - CAST(?2 AS timestamptz))) / 60) AS integer),
                       count(*)
                FROM {schema}.record_state WHERE run_id = ?1 AND terminal AND occurred_at >= CAST(?2 AS timestamptz)
                GROUP BY 1, 2"""))
                .setParameter(1, runId)
                .setParameter(2, since)
                .getResultList();
        Map<String, long[]> counts = new HashMap<>();
        for (Object[] row : rows) {
            int minute = Math.min(CallBudget.MINUTES - 1, Math.max(0, ((Number) row[1]).intValue()));
            counts.computeIfAbsent((String) row[0], r -> new long[CallBudget.MINUTES])[minute] +=
                    ((Number) row[2]).longValue();
        }
        return counts;
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
        if (bucket.needsIdSet()) {
            return idSetBucket(runId, resource, bucket, p);
        }
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

    /**
     * Buckets {@code missing} and {@code surplus}: they compare the manifest's id set with the record states, so the
     * manifest must have an id set and all of it must have arrived (409 otherwise, with the reason).
     */
    private PageView<RecordEntry> idSetBucket(String runId, String resource, Bucket bucket, Page p) {
        ManifestEntity manifest = ManifestEntity.findById(new ManifestEntity.Key(runId, resource));
        if (manifest == null) {
            throw new Conflict("bucket " + bucket.urlName() + " needs the manifest of " + resource + ", which has not "
                    + "arrived for run " + runId);
        }
        if (manifest.idChunks == null) {
            throw new Conflict("bucket " + bucket.urlName() + " needs the manifest's ids; the manifest of " + resource
                    + " in run " + runId + " is a count only (reconciled by counts)");
        }
        IdComparison ids = idComparisons(runId, List.of(manifest)).get(resource);
        if (ids != null && !ids.complete()) {
            throw new Conflict("bucket " + bucket.urlName() + " needs the manifest's whole id set; " + resource
                    + " of run " + runId + " is waiting for its ids: " + ids.chunksReceived() + " of "
                    + ids.chunks() + " chunks arrived");
        }
        String from = schema.sql(bucket == Bucket.MISSING ? MISSING_FROM : SURPLUS_FROM);
        String idColumn = bucket == Bucket.MISSING ? "m.source_id" : "s.source_id";
        long[] total = new long[1];
        jdbc("SELECT count(*) " + from, ps -> {
            ps.setString(1, runId);
            ps.setString(2, resource);
        }, rs -> total[0] = rs.getLong(1));
        List<Object[]> rows = new ArrayList<>();
        jdbc("SELECT " + idColumn + ", o.id " + from + " ORDER BY " + idColumn + " LIMIT ? OFFSET ?", ps -> {
            ps.setString(1, runId);
            ps.setString(2, resource);
            ps.setInt(3, p.size);
            ps.setLong(4, (long) p.index * p.size);
        }, rs -> rows.add(new Object[] {rs.getString(1), rs.getObject(2)}));
        List<Long> outcomeIds = rows.stream().filter(r -> r[1] != null).map(r -> ((Number) r[1]).longValue())
                .toList();
        Map<Long, OutcomeEntity> outcomes = new HashMap<>();
        if (!outcomeIds.isEmpty()) {
            OutcomeEntity.<OutcomeEntity>list("id in ?1", outcomeIds).forEach(o -> outcomes.put(o.id, o));
        }
        List<RecordEntry> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String sourceId = (String) row[0];
            OutcomeEntity o = row[1] == null ? null : outcomes.get(((Number) row[1]).longValue());
            items.add(o == null ? RecordEntry.unseen(sourceId)
                    : new RecordEntry(sourceId, o.kind, o.occurredAt, o.commandId, o.attempt, o.freshsalesId,
                            o.target, rejection(o), failure(o), o.detail));
        }
        return new PageView<>(items, p.index, p.size, total[0]);
    }

    /**
     * The id sets of the run's manifests that announced one, against the record states; empty when none did (the
     * run is reconciled by counts).
     */
    private Map<String, IdComparison> idComparisons(String runId, List<ManifestEntity> manifests) {
        return idComparisons(Map.of(runId, manifests)).getOrDefault(runId, Map.of());
    }

    /**
     * Per run and resource, the manifest's ids against the recorded outcomes, for every run of a page in two queries
     * (a page of runs used to cost two per run).
     */
    private Map<String, Map<String, IdComparison>> idComparisons(Map<String, List<ManifestEntity>> manifestsByRun) {
        Map<String, Map<String, Integer>> announced = new HashMap<>();
        manifestsByRun.forEach((run, manifests) -> manifests.stream().filter(m -> m.idChunks != null)
                .forEach(m -> announced.computeIfAbsent(run, k -> new HashMap<>()).put(m.resource, m.idChunks)));
        if (announced.isEmpty()) {
            return Map.of();
        }
        String[] runs = announced.keySet().toArray(String[]::new);
        Map<String, Long> received = new HashMap<>();
        jdbc(schema.sql(CHUNKS_RECEIVED), ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", runs)),
                rs -> received.put(rs.getString(1) + "\u001f" + rs.getString(2), rs.getLong(3)));
        Map<String, long[]> compared = new HashMap<>();
        jdbc(schema.sql(ID_COMPARISON), ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", runs)),
                rs -> compared.put(rs.getString(1) + "\u001f" + rs.getString(2), new long[] {rs.getLong(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)}));
        Map<String, Map<String, IdComparison>> out = new HashMap<>();
        announced.forEach((run, resources) -> resources.forEach((resource, chunks) -> {
            String key = run + "\u001f" + resource;
            long[] c = compared.getOrDefault(key, new long[5]);
            int got = (int) Math.min(chunks, received.getOrDefault(key, 0L));
            out.computeIfAbsent(run, k -> new HashMap<>())
                    .put(resource, new IdComparison(chunks, got, c[0], c[1], c[2], c[3], c[4]));
        }));
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** A hand-written query on this transaction's connection (so in its snapshot). */
    private void jdbc(String sql, Binder binder, RowReader reader) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        });
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
        return tallies(run, manifests, counts, idComparisons(run.runId, manifests));
    }

    private static List<ResourceTally> tallies(RunEntity run, List<ManifestEntity> manifests,
            Map<String, EnumMap<OutcomeKind, Long>> counts, Map<String, IdComparison> idSets) {
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
                            counts.getOrDefault(r, new EnumMap<>(OutcomeKind.class)), idSets.get(r));
                })
                .toList();
    }

    private RunView view(RunEntity run, List<ManifestEntity> manifests,
            Map<String, EnumMap<OutcomeKind, Long>> counts, Map<String, IdComparison> idSets,
            Instant lastTerminalAt) {
        boolean resourceListKnown = !run.resources.isEmpty() || run.extractionFinishedAt != null;
        RunReconciliation reconciliation = Reconciler.reconcile(run.runId, clock.instant(),
                run.extractionFinishedAt != null, resourceListKnown, tallies(run, manifests, counts, idSets));
        RunStatus status = RunStatus.derive(run.startedAt, run.extractionFinishedAt, run.finishedAt,
                run.finishedStatus, reconciliation, lastTerminalAt);
        List<RunView.Manifest> manifestViews = manifests.stream()
                .sorted(Comparator.comparingInt((ManifestEntity m) -> dependencyOrder(m.resource)))
                .map(m -> {
                    IdComparison ids = idSets.get(m.resource);
                    return new RunView.Manifest(m.resource, m.count, m.deleted, m.countedAt, m.idChunks,
                            ids == null ? null : ids.chunksReceived(), ids == null ? null : ids.ids());
                })
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
