package dev.ferry.loader.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Messages decided inside a ledger transaction and published after it commits. A process that dies between the
 * commit and Kafka's acknowledgement leaves the row here; the relay publishes it later. Publishing twice is possible
 * (acknowledged, then died before the delete); consumers of outcomes are idempotent on the command id.
 */
@ApplicationScoped
public class Outbox {

    /** A message waiting to be published. */
    public record Message(long id, String topic, String key, byte[] payload) {
    }

    public long add(Connection c, String topic, String key, byte[] payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (topic, record_key, payload) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setBytes(3, payload);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** These messages, locked; rows another relay holds are skipped. */
    public List<Message> lock(Connection c, Collection<Long> ids) throws SQLException {
        List<Message> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, record_key, payload FROM outbox "
                + "WHERE id = ANY (?) ORDER BY id FOR UPDATE SKIP LOCKED")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            read(ps, out);
        }
        return out;
    }

    /** The oldest messages created before {@code before}, locked. */
    public List<Message> lockOldest(Connection c, Instant before, int limit) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, record_key, payload FROM outbox "
                + "WHERE created_at < ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setObject(1, Sql.ts(before));
            ps.setInt(2, limit);
            read(ps, out);
        }
        return out;
    }

    public void delete(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void read(PreparedStatement ps, List<Message> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
            }
        }
    }
}
