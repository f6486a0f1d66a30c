package dev.ferry.extractor.store;

import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.model.ModuleRecordId;
import dev.ferry.extractor.model.PagePlan;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.service.ModuleLedgers;
import dev.ferry.extractor.service.ResourceLedger;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Page checkpoints and the distinct records of each run, in PostgreSQL, with plain JDBC: a page's 200 record keys go in
 * as one batched upsert ({@code ON CONFLICT}) in the same transaction as the page's checkpoint, which Hibernate cannot
 * express.
 *
 * <p>Custom modules ({@link #forModules}): every module's records are rows of {@code custom-module-records} with the
 * composite id {@code {key}/{id}} ({@link ModuleRecordId}), so counts and manifests over the resource are the same
 * queries as for any resource; a module's checkpoints carry its key ({@code page_checkpoint.module_key}, {@code ''}
 * for every other resource) and its page grid and outcome live in {@code run_module}.
 */
@ApplicationScoped
public class RecordLedgerStore {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final String runRecord;
    private final String pageCheckpoint;
    private final String runResource;
    private final String runModule;

    @Inject
    public RecordLedgerStore(AgroalDataSource dataSource, Clock clock,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("quarkus.hibernate-orm.database.default-schema is not a plain identifier");
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.runRecord = schema + ".run_record";
        this.pageCheckpoint = schema + ".page_checkpoint";
        this.runResource = schema + ".run_resource";
        this.runModule = schema + ".run_module";
    }

    /** The ledger of one resource of one run; for {@code custom-module-records} all modules, with composite ids. */
    public ResourceLedger forResource(String runId, SourceResource resource) {
        return new PgResourceLedger(runId, resource.path(), null);
    }

    /** The per-module ledgers of a run's {@code custom-module-records}. */
    public ModuleLedgers forModules(String runId) {
        return new ModuleLedgers() {
            @Override
            public ResourceLedger of(String moduleKey) {
                return new PgResourceLedger(runId, SourceResource.CUSTOM_MODULE_RECORDS.path(), moduleKey);
            }

            @Override
            public Map<String, Finished> finished() {
                Map<String, Finished> out = new TreeMap<>();
                query("SELECT module_key, verification_rounds, unverified_tail FROM " + runModule
                        + " WHERE run_id = ? AND finished_at IS NOT NULL", ps -> ps.setString(1, runId),
                        rs -> out.put(rs.getString(1), new Finished(rs.getInt(2), rs.getLong(3))));
                return out;
            }

            @Override
            public void finish(String moduleKey, Finished outcome) {
                QuarkusTransaction.requiringNew().run(() -> execute("INSERT INTO " + runModule
                        + " (run_id, module_key, verification_rounds, unverified_tail, finished_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, module_key) DO UPDATE"
                        + " SET verification_rounds = EXCLUDED.verification_rounds,"
                        + " unverified_tail = EXCLUDED.unverified_tail, finished_at = EXCLUDED.finished_at", ps -> {
                            ps.setString(1, runId);
                            ps.setString(2, moduleKey);
                            ps.setInt(3, outcome.rounds());
                            ps.setLong(4, outcome.unverifiedTail());
                            ps.setObject(5, ts(clock.instant()));
                        }));
            }
        };
    }

    /** Distinct records and deleted ones per resource, as published so far. */
    public Map<String, long[]> recordCounts(String runId) {
        Map<String, long[]> out = new LinkedHashMap<>();
        query("SELECT resource, count(*), count(*) FILTER (WHERE deleted) FROM " + runRecord
                + " WHERE run_id = ? GROUP BY resource", ps -> ps.setString(1, runId),
                rs -> out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}));
        return out;
    }

    /** Checkpointed pages per resource. */
    public Map<String, Long> pagesDone(String runId) {
        Map<String, Long> out = new LinkedHashMap<>();
        query("SELECT resource, count(*) FROM " + pageCheckpoint + " WHERE run_id = ? GROUP BY resource",
                ps -> ps.setString(1, runId), rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("ledger query failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("ledger update failed: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** A database failure of the ledger. */
    public static class LedgerException extends RuntimeException {
        public LedgerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One resource's ledger, or one custom module's ({@code moduleKey} not null): the module's view speaks the tenant's
     * ids to {@code ResourceExtraction} and stores and reads the composite {@code {key}/{id}}, keeps its own page grid
     * and checkpoints, and counts only its own records.
     */
    private final class PgResourceLedger implements ResourceLedger {

        private final String runId;
        private final String resource;
        /** null for a plain resource. */
        private final String moduleKey;
        /** What the stored ids of this ledger start with: {@code {key}/} for a module, else nothing. */
        private final String prefix;

        PgResourceLedger(String runId, String resource, String moduleKey) {
            this.runId = runId;
            this.resource = resource;
            this.moduleKey = moduleKey;
            this.prefix = moduleKey == null ? "" : ModuleRecordId.prefix(moduleKey);
        }

        private String stored(String id) {
            return prefix + id;
        }

        private String own(String storedId) {
            return storedId.substring(prefix.length());
        }

        /** The checkpoint's module column: the key, or '' for a plain resource. */
        private String checkpointScope() {
            return moduleKey == null ? "" : moduleKey;
        }

        /** Restricts a query on run_record to this module's rows (no LIKE: keys may hold '_' or '%'). */
        private String moduleFilter() {
            return moduleKey == null ? "" : " AND starts_with(source_id, ?)";
        }

        /** Binds run id, resource and (for a module) the id prefix from {@code ps}'s first parameter on. */
        private int bindScope(PreparedStatement ps) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, resource);
            if (moduleKey == null) {
                return 3;
            }
            ps.setString(3, prefix);
            return 4;
        }

        @Override
        public Optional<PagePlan> plan() {
            List<PagePlan> plan = new ArrayList<>();
            if (moduleKey == null) {
                query("SELECT page_size, total_pages, reported_total FROM " + runResource
                        + " WHERE run_id = ? AND resource = ? AND page_size IS NOT NULL", this::bindKey,
                        rs -> plan.add(new PagePlan(rs.getInt(1), rs.getInt(2), rs.getLong(3))));
            } else {
                query("SELECT page_size, total_pages, reported_total FROM " + runModule
                        + " WHERE run_id = ? AND module_key = ? AND page_size IS NOT NULL", ps -> {
                            ps.setString(1, runId);
                            ps.setString(2, moduleKey);
                        }, rs -> plan.add(new PagePlan(rs.getInt(1), rs.getInt(2), rs.getLong(3))));
            }
            return plan.stream().findFirst();
        }

        @Override
        public void savePlan(PagePlan plan) {
            if (moduleKey == null) {
                QuarkusTransaction.requiringNew().run(() -> execute(
                        "UPDATE " + runResource + " SET page_size = ?, total_pages = ?, reported_total = ?"
                                + " WHERE run_id = ? AND resource = ?",
                        ps -> {
                            ps.setInt(1, plan.pageSize());
                            ps.setInt(2, plan.totalPages());
                            ps.setLong(3, plan.reportedTotal());
                            ps.setString(4, runId);
                            ps.setString(5, resource);
                        }));
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                execute("INSERT INTO " + runModule + " (run_id, module_key, page_size, total_pages, reported_total)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, module_key) DO UPDATE"
                        + " SET page_size = EXCLUDED.page_size, total_pages = EXCLUDED.total_pages,"
                        + " reported_total = EXCLUDED.reported_total", ps -> {
                            ps.setString(1, runId);
                            ps.setString(2, moduleKey);
                            ps.setInt(3, plan.pageSize());
                            ps.setInt(4, plan.totalPages());
                            ps.setLong(5, plan.reportedTotal());
                        });
                // The resource's own grid columns show the modules' sums, so its progress reads like any resource's
                // (pagesDone counts every module's checkpoints). Only the API reads them for this resource.
                execute("UPDATE " + runResource + " SET page_size = ?,"
                        + " total_pages = (SELECT sum(total_pages) FROM " + runModule + " WHERE run_id = ?),"
                        + " reported_total = (SELECT sum(reported_total) FROM " + runModule + " WHERE run_id = ?)"
                        + " WHERE run_id = ? AND resource = ?", ps -> {
                            ps.setInt(1, plan.pageSize());
                            ps.setString(2, runId);
                            ps.setString(3, runId);
                            ps.setString(4, runId);
                            ps.setString(5, resource);
                        });
            });
        }

        @Override
        public Set<Integer> donePages() {
            Set<Integer> pages = new HashSet<>();
            query("SELECT page FROM " + pageCheckpoint + " WHERE run_id = ? AND resource = ? AND module_key = ?",
                    ps -> {
                        bindKey(ps);
                        ps.setString(3, checkpointScope());
                    }, rs -> pages.add(rs.getInt(1)));
            return pages;
        }

        @Override
        public void commitPage(int page, List<RecordKey> records, int invalid) {
            QuarkusTransaction.requiringNew().run(() -> {
                upsert(records);
                addInvalid(invalid);
                execute("INSERT INTO " + pageCheckpoint + " (run_id, resource, module_key, page, records, committed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
                            ps.setString(1, runId);
                            ps.setString(2, resource);
                            ps.setString(3, checkpointScope());
                            ps.setInt(4, page);
                            ps.setInt(5, records.size());
                            ps.setObject(6, ts(clock.instant()));
                        });
            });
        }

        @Override
        public void commitRecords(List<RecordKey> records, int invalid) {
            if (records.isEmpty() && invalid == 0) {
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> {
                upsert(records);
                addInvalid(invalid);
            });
        }

        @Override
        public Map<String, Optional<Instant>> published(Collection<String> ids) {
            Map<String, Optional<Instant>> out = new HashMap<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT source_id, source_updated_at FROM " + runRecord
                            + " WHERE run_id = ? AND resource = ? AND source_id = ANY (?)")) {
                bindKey(ps);
                ps.setArray(3, c.createArrayOf("varchar", ids.stream().map(this::stored).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                        out.put(own(rs.getString(1)), Optional.ofNullable(at).map(OffsetDateTime::toInstant));
                    }
                }
            } catch (SQLException e) {
                throw new LedgerException("ledger query failed: " + e.getMessage(), e);
            }
            return out;
        }

        @Override
        public long count(Instant from, Instant to) {
            StringBuilder sql = new StringBuilder("SELECT count(*) FROM ").append(runRecord)
                    .append(" WHERE run_id = ? AND resource = ?").append(moduleFilter());
            if (from != null) {
                sql.append(" AND source_updated_at >= ?");
            }
            if (to != null) {
                sql.append(" AND (source_updated_at < ? OR source_updated_at IS NULL)");
            }
            long[] n = new long[1];
            query(sql.toString(), ps -> {
                int i = bindScope(ps);
                if (from != null) {
                    ps.setObject(i++, ts(from));
                }
                if (to != null) {
                    ps.setObject(i, ts(to));
                }
            }, rs -> n[0] = rs.getLong(1));
            return n[0];
        }

        @Override
        public List<Instant> splitPoints(Instant from, Instant to, int parts) {
            if (parts < 2) {
                return List.of();
            }
            Double[] fractions = new Double[parts - 1];
            for (int i = 1; i < parts; i++) {
                fractions[i - 1] = (double) i / parts;
            }
            StringBuilder sql = new StringBuilder(
                    "SELECT percentile_disc(?::float8[]) WITHIN GROUP (ORDER BY source_updated_at) FROM ")
                    .append(runRecord).append(" WHERE run_id = ? AND resource = ?").append(moduleFilter())
                    .append(" AND source_updated_at IS NOT NULL");
            if (from != null) {
                sql.append(" AND source_updated_at > ?");
            }
            if (to != null) {
                sql.append(" AND source_updated_at < ?");
            }
            TreeSet<Instant> splits = new TreeSet<>(Comparator.naturalOrder());
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Array array = c.createArrayOf("float8", fractions);
                ps.setArray(1, array);
                ps.setString(2, runId);
                ps.setString(3, resource);
                int i = 4;
                if (moduleKey != null) {
                    ps.setString(i++, prefix);
                }
                if (from != null) {
                    ps.setObject(i++, ts(from));
                }
                if (to != null) {
                    ps.setObject(i, ts(to));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getArray(1) != null) {
                        for (Object o : (Object[]) rs.getArray(1).getArray()) {
                            if (o instanceof java.sql.Timestamp t) {
                                splits.add(t.toInstant());
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new LedgerException("ledger query failed: " + e.getMessage(), e);
            }
            if (from != null) {
                splits.removeIf(s -> !s.isAfter(from));
            }
            if (to != null) {
                splits.removeIf(s -> !s.isBefore(to));
            }
            return List.copyOf(splits);
        }

        @Override
        public List<String> idsAfter(String after, int limit) {
            // The primary key's order (run_id, resource, source_id): an index range scan per page, whatever the size.
            List<String> ids = new ArrayList<>(limit);
            String sql = "SELECT source_id FROM " + runRecord + " WHERE run_id = ? AND resource = ?" + moduleFilter()
                    + (after == null ? "" : " AND source_id > ?") + " ORDER BY source_id LIMIT ?";
            query(sql, ps -> {
                int i = bindScope(ps);
                if (after != null) {
                    ps.setString(i++, stored(after));
                }
                ps.setInt(i, limit);
            }, rs -> ids.add(own(rs.getString(1))));
            return ids;
        }

        private void bindKey(PreparedStatement ps) throws SQLException {
            ps.setString(1, runId);
            ps.setString(2, resource);
        }

        /**
         * Keeps the newest {@code updated_at} (and its deleted flag) per record. Rows go in sorted by id so two pages
         * that carry the same record (a page shifted under us) lock rows in the same order and cannot deadlock.
         */
        private void upsert(List<RecordKey> records) {
            if (records.isEmpty()) {
                return;
            }
            List<RecordKey> sorted = new ArrayList<>(records);
            sorted.sort(Comparator.comparing(RecordKey::sourceId).thenComparing(RecordKey::updatedAt,
                    Comparator.nullsLast(Comparator.reverseOrder())));
            String sql = "INSERT INTO " + runRecord + " AS r (run_id, resource, source_id, source_updated_at, deleted)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, resource, source_id) DO UPDATE"
                    + " SET source_updated_at = EXCLUDED.source_updated_at, deleted = EXCLUDED.deleted"
                    + " WHERE r.source_updated_at IS NULL OR (EXCLUDED.source_updated_at IS NOT NULL"
                    + " AND EXCLUDED.source_updated_at >= r.source_updated_at)";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                String previous = null;
                for (RecordKey k : sorted) {
                    if (k.sourceId().equals(previous)) {
                        continue; // one statement may not touch a row twice; the newest version came first
                    }
                    previous = k.sourceId();
                    ps.setString(1, runId);
                    ps.setString(2, resource);
                    ps.setString(3, stored(k.sourceId()));
                    if (k.updatedAt() == null) {
                        ps.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        ps.setObject(4, ts(k.updatedAt()));
                    }
                    ps.setBoolean(5, k.deleted());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new LedgerException("cannot store record ids: " + e.getMessage(), e);
            }
        }

        private void addInvalid(int invalid) {
            if (invalid > 0) {
                execute("UPDATE " + runResource + " SET invalid_records = invalid_records + ?"
                        + " WHERE run_id = ? AND resource = ?", ps -> {
                            ps.setLong(1, invalid);
                            ps.setString(2, runId);
                            ps.setString(3, resource);
                        });
            }
        }
    }
}
