package dev.ferry.loader.store;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.loader.binding.RecordKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Commands waiting in PostgreSQL for their parents, or behind an earlier parked command of the same record. Once a
 * command is here its Kafka offset is committed; release goes by polling the ledger (any replica may release any row),
 * so a parent that lands on another replica wakes its children too.
 */
@ApplicationScoped
public class ParkedStore {

    /** What {@link #park} did with a command. */
    public enum Parked {
        /** Parked now for the first time. */
        NEW,
        /**
         * A newer version of a command already parked (same command id, other content) replaced it: the older one is
         * superseded, and only the newer one will be written.
         */
        REPLACED,
        /** The same command was already parked (a redelivery); nothing changed. */
        DUPLICATE
    }

    /**
     * Parks a command waiting for {@code parents} (empty: waiting behind an earlier command of its record). A
     * redelivery of a command already parked is left as it is; a newer version of it (the mapper keeps the command id
     * of a record within a run) takes its place, with its own parents, and its revision goes up so that a worker
     * finishing the older version leaves it parked ({@link #finish}).
     */
    public Parked park(Connection c, LoadCommand cmd, Collection<RecordKey> parents, String reason, Instant at)
            throws SQLException {
        return park(c, cmd, parents, reason, at, null);
    }

    /** {@link #park(Connection, LoadCommand, Collection, String, Instant)}, not released before {@code notBefore}. */
    public Parked park(Connection c, LoadCommand cmd, Collection<RecordKey> parents, String reason, Instant at,
            Instant notBefore) throws SQLException {
        long id;
        boolean inserted;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parked (command_id, resource, source_id, part, "
                + "command, reason, parked_at, not_before) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) "
                + "ON CONFLICT (command_id) DO UPDATE SET command = EXCLUDED.command, reason = EXCLUDED.reason, "
                + "not_before = EXCLUDED.not_before, revision = parked.revision + 1 "
                + "WHERE parked.command IS DISTINCT FROM EXCLUDED.command "
                + "RETURNING id, (xmax = 0) AS inserted")) {
            ps.setString(1, cmd.commandId());
            ps.setString(2, cmd.resource().path());
            ps.setString(3, cmd.sourceId());
            ps.setInt(4, cmd.part());
            ps.setString(5, FerryJson.encodeToString(cmd));
            ps.setString(6, reason);
            ps.setObject(7, Sql.ts(at));
            ps.setObject(8, notBefore == null ? null : Sql.ts(notBefore));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Parked.DUPLICATE;
                }
                id = rs.getLong(1);
                inserted = rs.getBoolean(2);
            }
        }
        if (!inserted) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM parked_wait WHERE parked_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
        insertWaits(c, id, parents);
        return inserted ? Parked.NEW : Parked.REPLACED;
    }

    /**
     * A released command that must wait again: new parents, claim dropped. When a newer version replaced it meanwhile,
     * only the claim is dropped: the newer version keeps its own parents and is released on its own.
     */
    public void repark(Connection c, long id, int revision, Collection<RecordKey> parents, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE parked SET reason = ?, claimed_by = NULL, "
                + "claimed_until = NULL WHERE id = ? AND revision = ?")) {
            ps.setString(1, reason);
            ps.setLong(2, id);
            ps.setInt(3, revision);
            if (ps.executeUpdate() == 0) {
                unclaim(c, id);
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM parked_wait WHERE parked_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        insertWaits(c, id, parents);
    }

    /**
     * A released command that got no definitive answer from Freshsales waits again, claim dropped, until
     * {@code notBefore}; a newer version that replaced it meanwhile is left as it is (only the claim is dropped).
     */
    public void retryLater(Connection c, long id, int revision, String reason, Instant notBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE parked SET reason = ?, not_before = ?, claimed_by = NULL, "
                + "claimed_until = NULL WHERE id = ? AND revision = ?")) {
            ps.setString(1, reason);
            ps.setObject(2, Sql.ts(notBefore));
            ps.setLong(3, id);
            ps.setInt(4, revision);
            if (ps.executeUpdate() == 0) {
                unclaim(c, id);
            }
        }
    }

    /** Which of these records have a parked command (a newer command for them must queue behind it). */
    public Set<EntryKey> withParked(Connection c, Collection<EntryKey> keys) throws SQLException {
        Set<EntryKey> out = new HashSet<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, List<EntryKey>> byResource = keys.stream().collect(Collectors.groupingBy(k -> k.resource().path()));
        for (Map.Entry<String, List<EntryKey>> e : byResource.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT source_id, part FROM parked "
                    + "WHERE resource = ? AND source_id = ANY (?)")) {
                ps.setString(1, e.getKey());
                ps.setArray(2, c.createArrayOf("text", e.getValue().stream().map(EntryKey::sourceId).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        EntryKey k = new EntryKey(e.getValue().get(0).resource(), rs.getString(1), rs.getInt(2));
                        if (keys.contains(k)) {
                            out.add(k);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Claims up to {@code limit} commands that can go now: every parent they wait for has an id or failed for good,
     * no earlier command of the same record is still parked, and nobody holds a live claim. Rows other replicas are
     * claiming right now are skipped, not waited for.
     */
    public List<ParkedCommand> claimReleasable(Connection c, String owner, Instant now, Instant until, int limit)
            throws SQLException {
        return claim(c, owner, now, until, limit, "NOT EXISTS (SELECT 1 FROM parked_wait w "
                + "LEFT JOIN id_ledger l ON l.resource = w.resource AND l.source_id = w.source_id AND l.part = 0 "
                + "WHERE w.parked_id = p.id AND (l.resource IS NULL OR (l.freshsales_id IS NULL AND l.state <> 'FAILED')))",
                null);
    }

    /** Claims commands that have waited longer than the park timeout for a parent that never came. */
    public List<ParkedCommand> claimExpired(Connection c, String owner, Instant now, Instant until,
            Instant parkedBefore, int limit) throws SQLException {
        return claim(c, owner, now, until, limit, "p.parked_at < ?", parkedBefore);
    }

    private List<ParkedCommand> claim(Connection c, String owner, Instant now, Instant until, int limit,
            String condition, Instant conditionArg) throws SQLException {
        List<ParkedCommand> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.command, p.reason, p.parked_at, p.revision "
                + "FROM parked p "
                + "WHERE (p.claimed_until IS NULL OR p.claimed_until < ?) AND (p.not_before IS NULL OR p.not_before <= ?) "
                + "AND NOT EXISTS (SELECT 1 FROM parked q WHERE q.resource = p.resource AND q.source_id = p.source_id "
                + "AND q.part = p.part AND q.id < p.id) AND " + condition
                + " ORDER BY p.id LIMIT ? FOR UPDATE OF p SKIP LOCKED")) {
            int i = 1;
            ps.setObject(i++, Sql.ts(now));
            ps.setObject(i++, Sql.ts(now));
            if (conditionArg != null) {
                ps.setObject(i++, Sql.ts(conditionArg));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParkedCommand(rs.getLong("id"), FerryJson.decode(rs.getString("command"), LoadCommand.class),
                            rs.getString("reason"), Sql.instant(rs, "parked_at"), rs.getInt("revision")));
                }
            }
        }
        if (!out.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE parked SET claimed_by = ?, claimed_until = ? WHERE id = ANY (?)")) {
                ps.setString(1, owner);
                ps.setObject(2, Sql.ts(until));
                ps.setArray(3, c.createArrayOf("bigint", out.stream().map(ParkedCommand::id).toArray()));
                ps.executeUpdate();
            }
        }
        return out;
    }

    /**
     * Which of these parked rows this process still holds, locked for the caller's transaction. A row whose claim
     * lapsed and was taken by another replica, or that is gone (processed elsewhere), is not returned: its command
     * belongs to someone else now.
     */
    public Set<Long> stillHeld(Connection c, Collection<Long> ids, String owner) throws SQLException {
        Set<Long> out = new HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM parked WHERE id = ANY (?) AND claimed_by = ? FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Extends the claims this process holds (it is alive and still working on them). */
    public int renewClaims(Connection c, String owner, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE parked SET claimed_until = ? WHERE claimed_by = ? AND claimed_until IS NOT NULL")) {
            ps.setObject(1, Sql.ts(until));
            ps.setString(2, owner);
            return ps.executeUpdate();
        }
    }

    /** Lets a claimed row go without processing it (this process is stopping). */
    public void unclaim(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE parked SET claimed_by = NULL, claimed_until = NULL WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /**
     * A parked command of this revision is done: its row goes. When a newer version replaced it meanwhile
     * ({@link Parked#REPLACED}), the row stays, unclaimed, for the newer version to be released; returns false then.
     */
    public boolean finish(Connection c, long id, int revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM parked WHERE id = ? AND revision = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, revision);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        unclaim(c, id);
        return false;
    }

    /** Every parked command with what it waits for, oldest first (for {@code GET /parked}). */
    public List<Map<String, Object>> list(Connection c, int limit) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.command_id, p.resource, p.source_id, p.part, "
                + "p.reason, p.parked_at, p.not_before, p.claimed_by, coalesce(string_agg(w.resource || '/' || w.source_id, ',' "
                + "ORDER BY w.resource, w.source_id), '') AS waits FROM parked p LEFT JOIN parked_wait w ON w.parked_id = p.id "
                + "GROUP BY p.id ORDER BY p.id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("commandId", rs.getString("command_id"));
                    row.put("resource", rs.getString("resource"));
                    row.put("sourceId", rs.getString("source_id"));
                    row.put("part", rs.getInt("part"));
                    row.put("reason", rs.getString("reason"));
                    row.put("parkedAt", Sql.instant(rs, "parked_at"));
                    row.put("notBefore", Sql.instant(rs, "not_before"));
                    row.put("claimedBy", rs.getString("claimed_by"));
                    String waits = rs.getString("waits");
                    row.put("waitsFor", waits.isEmpty() ? List.of() : List.of(waits.split(",")));
                    out.add(row);
                }
            }
        }
        return out;
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM parked");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertWaits(Connection c, long id, Collection<RecordKey> parents) throws SQLException {
        if (parents.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parked_wait (parked_id, resource, source_id) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (RecordKey p : parents) {
                ps.setLong(1, id);
                ps.setString(2, p.resource().path());
                ps.setString(3, p.sourceId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
