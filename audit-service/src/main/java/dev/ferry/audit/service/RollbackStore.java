package dev.ferry.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.audit.ledger.LedgerSchema;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rollback's tables (V5): the before-images (read here and nowhere else), each rollback's state, and the commands
 * it issued. Plain JDBC on short transactions of its own: the rollback runs on its own thread, outside any request.
 */
@ApplicationScoped
public class RollbackStore {

    /** A rollback's stored state. */
    public record State(String runId, boolean force, String state, int level, Instant startedAt, Instant updatedAt,
            Instant finishedAt) {
    }

    /**
     * One issued command with its outcome so far.
     *
     * @param outcome the latest terminal outcome of the command, or null while it has none
     * @param detail that outcome's detail (names, never values), or null
     */
    public record IssuedItem(String commandId, String resource, String sourceId, int part, String target,
            long freshsalesId, String action, int level, boolean force, ObjectNode fields, Instant publishedAt,
            OutcomeKind outcome, String detail, Integer failureStatus) {
    }

    private final AgroalDataSource db;
    private final LedgerSchema schema;

    public RollbackStore(AgroalDataSource db, LedgerSchema schema) {
        this.db = db;
        this.schema = schema;
    }

    /** Whether the ledger has heard of the run. */
    public boolean runKnown(String runId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(schema.sql("SELECT 1 FROM {schema}.run WHERE run_id = ?"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every outcome of the run with a Freshsales target, with the before-images of its updates. */
    public List<RollbackPlanner.LedgerRow> ledgerRows(String runId) throws SQLException {
        List<RollbackPlanner.LedgerRow> out = new ArrayList<>();
        String sql = schema.sql("""
                SELECT o.command_id, o.kind, o.resource, o.source_id, o.part, o.target, o.freshsales_id, o.occurred_at,
                       i.before_image
                FROM {schema}.outcome o
                LEFT JOIN {schema}.rollback_image i ON i.command_id = o.command_id AND i.attempt = o.attempt
                    AND o.kind = 'UPDATED'
                WHERE o.run_id = ? AND o.target IS NOT NULL ORDER BY o.occurred_at, o.id""");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FreshsalesTarget target;
                    try {
                        target = FreshsalesTarget.fromPath(rs.getString("target"));
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    long id = rs.getLong("freshsales_id");
                    out.add(new RollbackPlanner.LedgerRow(rs.getString("command_id"),
                            OutcomeKind.valueOf(rs.getString("kind")), SourceResource.fromPath(rs.getString("resource")),
                            rs.getString("source_id"), rs.getInt("part"), target, rs.wasNull() ? null : id,
                            rs.getTimestamp("occurred_at").toInstant(), object(rs.getString("before_image"))));
                }
            }
        }
        return out;
    }

    /**
     * Every outcome, of any run, with a Freshsales target or of the run itself, of the records the run flagged
     * {@code REJECTED record.deleted} (deleted in the source): what {@link SourceDeletePlanner} selects from.
     */
    public List<SourceDeletePlanner.Row> sourceDeleteRows(String runId) throws SQLException {
        List<SourceDeletePlanner.Row> out = new ArrayList<>();
        String sql = schema.sql("""
                WITH flagged AS (
                    SELECT DISTINCT resource, source_id FROM {schema}.outcome
                    WHERE run_id = ? AND kind = 'REJECTED' AND rejection_rule = ?
                )
                SELECT o.run_id, o.command_id, o.kind, o.rejection_rule, o.resource, o.source_id, o.part, o.target,
                       o.freshsales_id, o.occurred_at
                FROM {schema}.outcome o JOIN flagged f ON f.resource = o.resource AND f.source_id = o.source_id
                WHERE o.target IS NOT NULL OR o.run_id = ?
                ORDER BY o.occurred_at, o.id""");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setString(2, SourceDeletePlanner.RECORD_DELETED);
            ps.setString(3, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FreshsalesTarget target = null;
                    String t = rs.getString("target");
                    if (t != null) {
                        try {
                            target = FreshsalesTarget.fromPath(t);
                        } catch (IllegalArgumentException e) {
                            continue;
                        }
                    }
                    long id = rs.getLong("freshsales_id");
                    Long fsId = rs.wasNull() ? null : id;
                    out.add(new SourceDeletePlanner.Row(rs.getString("run_id"), rs.getString("command_id"),
                            OutcomeKind.valueOf(rs.getString("kind")), rs.getString("rejection_rule"),
                            SourceResource.fromPath(rs.getString("resource")), rs.getString("source_id"),
                            rs.getInt("part"), target, fsId, rs.getTimestamp("occurred_at").toInstant()));
                }
            }
        }
        return out;
    }

    public State state(String runId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(schema.sql(
                "SELECT run_id, force, state, level, started_at, updated_at, finished_at FROM {schema}.rollback "
                        + "WHERE run_id = ?"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? state(rs) : null;
            }
        }
    }

    /** Rollbacks still running (to resume after a restart). */
    public List<String> running() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(schema.sql(
                "SELECT run_id FROM {schema}.rollback WHERE state = 'RUNNING' ORDER BY started_at"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Records a rollback's commands and sets it RUNNING (or DONE when it issues none), in one transaction. Commands
     * already recorded (same deterministic id) are kept as they are.
     */
    public void begin(String runId, boolean force, List<RollbackPlanner.Item> toIssue, Instant now)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(schema.sql("""
                        INSERT INTO {schema}.rollback (run_id, force, state, level, started_at, updated_at, finished_at)
                        VALUES (?, ?, ?, 0, ?, ?, ?)
                        ON CONFLICT (run_id) DO UPDATE SET force = EXCLUDED.force, state = EXCLUDED.state, level = 0,
                            updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at"""))) {
                    ps.setString(1, runId);
                    ps.setBoolean(2, force);
                    ps.setString(3, toIssue.isEmpty() ? "DONE" : "RUNNING");
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setTimestamp(6, toIssue.isEmpty() ? Timestamp.from(now) : null);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(schema.sql("""
                        INSERT INTO {schema}.rollback_item (command_id, run_id, resource, source_id, part, target,
                            freshsales_id, action, level, force, fields)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (command_id) DO NOTHING"""))) {
                    for (RollbackPlanner.Item i : toIssue) {
                        ps.setString(1, i.commandId());
                        ps.setString(2, runId);
                        ps.setString(3, i.resource().path());
                        ps.setString(4, i.sourceId());
                        ps.setInt(5, i.part());
                        ps.setString(6, i.target().path());
                        ps.setLong(7, i.freshsalesId());
                        ps.setString(8, i.action().name());
                        ps.setInt(9, i.level());
                        ps.setBoolean(10, i.force());
                        ps.setString(11, i.image() == null ? null : FerryJson.encodeToString(i.image()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The commands of a rollback (one level, or every level when {@code level} is null), with their outcomes. */
    public List<IssuedItem> items(String runId, Integer level) throws SQLException {
        List<IssuedItem> out = new ArrayList<>();
        String sql = schema.sql("""
                SELECT i.command_id, i.resource, i.source_id, i.part, i.target, i.freshsales_id, i.action, i.level,
                       i.force, i.fields, i.published_at, o.kind, o.detail, o.failure_status
                FROM {schema}.rollback_item i
                LEFT JOIN LATERAL (SELECT kind, detail, failure_status FROM {schema}.outcome
                    WHERE command_id = i.command_id AND kind <> 'DEFERRED' ORDER BY occurred_at DESC, id DESC LIMIT 1) o
                    ON true
                WHERE i.run_id = ? AND (?::int IS NULL OR i.level = ?::int)
                ORDER BY i.level, i.resource, i.source_id, i.part, i.command_id""");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setObject(2, level);
            ps.setObject(3, level);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp published = rs.getTimestamp("published_at");
                    String kind = rs.getString("kind");
                    int status = rs.getInt("failure_status");
                    Integer failureStatus = rs.wasNull() ? null : status;
                    out.add(new IssuedItem(rs.getString("command_id"), rs.getString("resource"),
                            rs.getString("source_id"), rs.getInt("part"), rs.getString("target"),
                            rs.getLong("freshsales_id"), rs.getString("action"), rs.getInt("level"),
                            rs.getBoolean("force"), object(rs.getString("fields")),
                            published == null ? null : published.toInstant(),
                            kind == null ? null : OutcomeKind.valueOf(kind), rs.getString("detail"), failureStatus));
                }
            }
        }
        return out;
    }

    public void published(List<String> commandIds, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(schema.sql(
                "UPDATE {schema}.rollback_item SET published_at = ? WHERE command_id = ANY (?) "
                        + "AND published_at IS NULL"))) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setArray(2, c.createArrayOf("text", commandIds.toArray()));
            ps.executeUpdate();
        }
    }

    public void level(String runId, int level, Instant at) throws SQLException {
        update(runId, "level = " + level, at);
    }

    public void finished(String runId, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(schema.sql(
                "UPDATE {schema}.rollback SET state = 'DONE', finished_at = ?, updated_at = ? WHERE run_id = ?"))) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, runId);
            ps.executeUpdate();
        }
    }

    private void update(String runId, String set, Instant at) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(schema.sql(
                "UPDATE {schema}.rollback SET " + set + ", updated_at = ? WHERE run_id = ?"))) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    private static State state(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new State(rs.getString("run_id"), rs.getBoolean("force"), rs.getString("state"), rs.getInt("level"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private static ObjectNode object(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = FerryJson.mapper().readTree(json);
            return n.isObject() ? (ObjectNode) n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Counts by key, for views. */
    public static Map<String, Long> count(List<IssuedItem> items, java.util.function.Function<IssuedItem, String> key) {
        Map<String, Long> out = new HashMap<>();
        items.forEach(i -> out.merge(key.apply(i), 1L, Long::sum));
        return out;
    }
}
