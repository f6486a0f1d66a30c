package dev.ferry.loader.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.loader.binding.ParentState;
import dev.ferry.loader.binding.RecordKey;
import dev.ferry.loader.client.WriteTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The id ledger: source record (resource, id, part) to Freshsales id, with write-ahead intents. The {@code target}
 * column holds {@link WriteTarget#path()}: a custom-module record's entity travels in it
 * ({@code custom_module/cm_imaging_record}), so an intent can be resolved and a record addressed from the row alone. Every method runs on
 * a connection the caller holds inside its transaction, so ledger changes commit together with the parked rows and
 * outbox rows they belong to.
 */
@ApplicationScoped
public class IdLedger {

    private static final String COLUMNS = "resource, source_id, part, target, identifier, freshsales_id, state, command_id, run_id, "
            + "payload_hash, intent_hash, written_fields, failure, attempts, intent_owner, intent_at, created_by_run";

    /** The rows of these keys that exist, locked for this transaction ({@code FOR UPDATE}). */
    public Map<EntryKey, LedgerEntry> lock(Connection c, Collection<EntryKey> keys) throws SQLException {
        Map<EntryKey, LedgerEntry> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        // One statement per resource keeps the IN lists simple; a batch is one target, hence one or two resources.
        Map<SourceResource, List<EntryKey>> byResource = new HashMap<>();
        keys.forEach(k -> byResource.computeIfAbsent(k.resource(), r -> new ArrayList<>()).add(k));
        for (Map.Entry<SourceResource, List<EntryKey>> e : byResource.entrySet()) {
            String[] ids = e.getValue().stream().map(EntryKey::sourceId).distinct().toArray(String[]::new);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM id_ledger "
                    + "WHERE resource = ? AND source_id = ANY (?) ORDER BY source_id, part FOR UPDATE")) {
                ps.setString(1, e.getKey().path());
                ps.setArray(2, c.createArrayOf("text", ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerEntry entry = read(rs);
                        if (keys.contains(entry.key())) {
                            out.put(entry.key(), entry);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** One row, not locked. */
    public LedgerEntry find(Connection c, EntryKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM id_ledger "
                + "WHERE resource = ? AND source_id = ? AND part = ?")) {
            ps.setString(1, key.resource().path());
            ps.setString(2, key.sourceId());
            ps.setInt(3, key.part());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** Every part of one source record, by part. */
    public List<LedgerEntry> findRecord(Connection c, SourceResource resource, String sourceId) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM id_ledger "
                + "WHERE resource = ? AND source_id = ? ORDER BY part")) {
            ps.setString(1, resource.path());
            ps.setString(2, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** What references to these records can be bound to (each record's main write, part 0). */
    public Map<RecordKey, ParentState> parents(Connection c, Collection<RecordKey> records) throws SQLException {
        Map<RecordKey, ParentState> out = new HashMap<>();
        Map<SourceResource, List<String>> byResource = new HashMap<>();
        records.forEach(r -> byResource.computeIfAbsent(r.resource(), x -> new ArrayList<>()).add(r.sourceId()));
        for (Map.Entry<SourceResource, List<String>> e : byResource.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT source_id, freshsales_id, state, failure "
                    + "FROM id_ledger WHERE resource = ? AND part = 0 AND source_id = ANY (?)")) {
                ps.setString(1, e.getKey().path());
                ps.setArray(2, c.createArrayOf("text", e.getValue().toArray(String[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RecordKey k = new RecordKey(e.getKey(), rs.getString("source_id"));
                        Long id = Sql.nullableLong(rs, "freshsales_id");
                        if (id != null) {
                            out.put(k, new ParentState.Bound(id));
                        } else if (LedgerState.FAILED.name().equals(rs.getString("state"))) {
                            out.put(k, new ParentState.Failed(failure(rs.getString("failure"))));
                        }
                    }
                }
            }
        }
        for (RecordKey r : records) {
            out.putIfAbsent(r, ParentState.PENDING);
        }
        return out;
    }

    /**
     * Writes the intent ahead of the call: the row goes to INTENT with the hash being written; an existing row keeps
     * its Freshsales id and last written fields.
     */
    public void openIntent(Connection c, LoadCommand cmd, String hash, String owner, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO id_ledger (resource, source_id, part, target, identifier, "
                + "state, command_id, run_id, intent_hash, attempts, intent_owner, intent_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, 'INTENT', ?, ?, ?, 1, ?, ?, ?) "
                + "ON CONFLICT (resource, source_id, part) DO UPDATE SET state = 'INTENT', target = EXCLUDED.target, "
                + "identifier = EXCLUDED.identifier, "
                + "attempts = CASE WHEN id_ledger.command_id = EXCLUDED.command_id THEN id_ledger.attempts + 1 ELSE 1 END, "
                + "command_id = EXCLUDED.command_id, run_id = EXCLUDED.run_id, intent_hash = EXCLUDED.intent_hash, "
                + "intent_owner = EXCLUDED.intent_owner, intent_at = EXCLUDED.intent_at, updated_at = EXCLUDED.updated_at")) {
            int i = keyParams(ps, EntryKey.of(cmd), 1);
            ps.setString(i++, WriteTarget.of(cmd).path());
            ps.setString(i++, FerryJson.encodeToString(cmd.identifier()));
            ps.setString(i++, cmd.commandId());
            ps.setString(i++, cmd.runId());
            ps.setString(i++, hash);
            ps.setString(i++, owner);
            ps.setObject(i++, Sql.ts(at));
            ps.setObject(i, Sql.ts(at));
            ps.executeUpdate();
        }
    }

    /** The write landed: DONE with the Freshsales id, the hash and fields written, and the before-image. */
    public void done(Connection c, LoadCommand cmd, long freshsalesId, String hash, ObjectNode written,
            ObjectNode beforeImage, boolean created, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO id_ledger (resource, source_id, part, target, identifier, "
                + "freshsales_id, state, command_id, run_id, payload_hash, written_fields, before_image, attempts, "
                + "created_by_run, updated_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, 'DONE', ?, ?, ?, ?::jsonb, ?::jsonb, 1, ?, ?) "
                + "ON CONFLICT (resource, source_id, part) DO UPDATE SET state = 'DONE', target = EXCLUDED.target, "
                + "freshsales_id = EXCLUDED.freshsales_id, command_id = EXCLUDED.command_id, run_id = EXCLUDED.run_id, "
                + "payload_hash = EXCLUDED.payload_hash, written_fields = EXCLUDED.written_fields, "
                + "before_image = EXCLUDED.before_image, failure = NULL, intent_hash = NULL, intent_owner = NULL, "
                + "intent_at = NULL, created_by_run = coalesce(EXCLUDED.created_by_run, id_ledger.created_by_run), "
                + "updated_at = EXCLUDED.updated_at")) {
            int i = keyParams(ps, EntryKey.of(cmd), 1);
            ps.setString(i++, WriteTarget.of(cmd).path());
            ps.setString(i++, FerryJson.encodeToString(cmd.identifier()));
            ps.setLong(i++, freshsalesId);
            ps.setString(i++, cmd.commandId());
            ps.setString(i++, cmd.runId());
            ps.setString(i++, hash);
            ps.setString(i++, written == null ? null : FerryJson.encodeToString(written));
            ps.setString(i++, beforeImage == null ? null : FerryJson.encodeToString(beforeImage));
            ps.setString(i++, created ? cmd.runId() : null);
            ps.setObject(i, Sql.ts(at));
            ps.executeUpdate();
        }
    }

    /**
     * The write was refused for good, or cannot be made (a failed parent). A row that already has a Freshsales id
     * keeps it: the record exists, only this update failed.
     */
    public void failed(Connection c, LoadCommand cmd, TargetFailure failure, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO id_ledger (resource, source_id, part, target, identifier, "
                + "state, command_id, run_id, failure, updated_at) VALUES (?, ?, ?, ?, ?::jsonb, 'FAILED', ?, ?, ?::jsonb, ?) "
                + "ON CONFLICT (resource, source_id, part) DO UPDATE SET state = 'FAILED', command_id = EXCLUDED.command_id, "
                + "run_id = EXCLUDED.run_id, failure = EXCLUDED.failure, intent_hash = NULL, intent_owner = NULL, "
                + "intent_at = NULL, updated_at = EXCLUDED.updated_at")) {
            int i = keyParams(ps, EntryKey.of(cmd), 1);
            ps.setString(i++, WriteTarget.of(cmd).path());
            ps.setString(i++, FerryJson.encodeToString(cmd.identifier()));
            ps.setString(i++, cmd.commandId());
            ps.setString(i++, cmd.runId());
            ps.setString(i++, FerryJson.encodeToString(failure));
            ps.setObject(i, Sql.ts(at));
            ps.executeUpdate();
        }
    }

    /**
     * A rollback deleted the record: the row of that record (if it still names that Freshsales id) is removed, so a
     * later run creates the record again instead of finding its hash unchanged or binding children to a deleted id.
     */
    public void forgetDeleted(Connection c, EntryKey key, long freshsalesId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM id_ledger "
                + "WHERE resource = ? AND source_id = ? AND part = ? AND freshsales_id = ? AND state <> 'INTENT'")) {
            int i = keyParams(ps, key, 1);
            ps.setLong(i, freshsalesId);
            ps.executeUpdate();
        }
    }

    /**
     * A rollback wrote a before-image back: {@code written} (what Ferry last wrote, with the image merged in) is what
     * Ferry wrote last now, and the hash of the last write is unknown, so a later run writes the record again rather
     * than calling it unchanged.
     */
    public void restored(Connection c, EntryKey key, long freshsalesId, ObjectNode written) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE id_ledger SET payload_hash = NULL, "
                + "written_fields = ?::jsonb, updated_at = clock_timestamp() "
                + "WHERE resource = ? AND source_id = ? AND part = ? AND freshsales_id = ? AND state <> 'INTENT'")) {
            ps.setString(1, written == null ? null : FerryJson.encodeToString(written));
            int i = keyParams(ps, key, 2);
            ps.setLong(i, freshsalesId);
            ps.executeUpdate();
        }
    }

    /** An open intent was resolved by lookup and found its record: remember the id, the intent stays open. */
    public void resolvedId(Connection c, EntryKey key, long freshsalesId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE id_ledger SET freshsales_id = ? "
                + "WHERE resource = ? AND source_id = ? AND part = ?")) {
            ps.setLong(1, freshsalesId);
            keyParams(ps, key, 2);
            ps.executeUpdate();
        }
    }

    /** Open intents older than {@code before}: their process presumably died. Not locked: see {@link #closeAbandoned}. */
    public List<LedgerEntry> abandonedIntents(Connection c, Instant before, int limit) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM id_ledger WHERE state = 'INTENT' "
                + "AND intent_at < ? ORDER BY intent_at LIMIT ?")) {
            ps.setObject(1, Sql.ts(before));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /**
     * Closes an abandoned intent after its lookup: found means the write landed (DONE with that id; the hash stays
     * unknown, so the next command for the record writes again rather than claiming UNCHANGED); not found means it
     * never did (the row goes back to what it was: DONE when it had an id, else it is removed). Only if the row is
     * still the same open intent: a process that picked the command up meanwhile wins. Returns whether it closed.
     */
    public boolean closeAbandoned(Connection c, LedgerEntry e, Long foundId) throws SQLException {
        String same = " WHERE resource = ? AND source_id = ? AND part = ? AND state = 'INTENT' AND intent_at = ?";
        PreparedStatement ps;
        int i = 1;
        if (foundId != null) {
            ps = c.prepareStatement("UPDATE id_ledger SET state = 'DONE', freshsales_id = ?, "
                    + "payload_hash = NULL, intent_hash = NULL, intent_owner = NULL, intent_at = NULL, "
                    + "created_by_run = coalesce(created_by_run, CASE WHEN ? THEN run_id END), "
                    + "updated_at = clock_timestamp()" + same);
            ps.setLong(i++, foundId);
            ps.setBoolean(i++, e.freshsalesId() == null);
        } else if (e.freshsalesId() != null) {
            ps = c.prepareStatement("UPDATE id_ledger SET state = 'DONE', intent_hash = NULL, "
                    + "intent_owner = NULL, intent_at = NULL, updated_at = clock_timestamp()" + same);
        } else {
            ps = c.prepareStatement("DELETE FROM id_ledger" + same);
        }
        try (ps) {
            i = keyParams(ps, e.key(), i);
            ps.setObject(i, Sql.ts(e.intentAt()));
            return ps.executeUpdate() == 1;
        }
    }

    /** Rows per state, for operators. */
    public Map<String, Long> countByState(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT state, count(*) FROM id_ledger GROUP BY state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static int keyParams(PreparedStatement ps, EntryKey k, int from) throws SQLException {
        ps.setString(from, k.resource().path());
        ps.setString(from + 1, k.sourceId());
        ps.setInt(from + 2, k.part());
        return from + 3;
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        EntryKey key = new EntryKey(SourceResource.fromPath(rs.getString("resource")), rs.getString("source_id"),
                rs.getInt("part"));
        return new LedgerEntry(key, WriteTarget.parse(rs.getString("target")),
                identifier(rs.getString("identifier")), Sql.nullableLong(rs, "freshsales_id"), LedgerState.valueOf(rs.getString("state")),
                rs.getString("command_id"), rs.getString("run_id"), rs.getString("payload_hash"),
                rs.getString("intent_hash"), object(rs.getString("written_fields")), failure(rs.getString("failure")),
                rs.getInt("attempts"), rs.getString("intent_owner"), Sql.instant(rs, "intent_at"),
                rs.getString("created_by_run"));
    }

    private static ObjectNode object(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = FerryJson.mapper().readTree(json);
            return n.isObject() ? (ObjectNode) n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> identifier(String json) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ObjectNode o = object(json);
        if (o != null) {
            o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static TargetFailure failure(String json) {
        return json == null ? null : FerryJson.decode(json, TargetFailure.class);
    }
}
