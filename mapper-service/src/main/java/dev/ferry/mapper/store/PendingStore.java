package dev.ferry.mapper.store;

import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records held until what they wait for is complete. A held record's offset is committed once its row is, so the raw
 * topic moves on; the row is deleted once the record is mapped and its command or outcome acknowledged.
 */
@ApplicationScoped
public class PendingStore {

    /** Where a held record was read, so a record that later cannot be mapped becomes a precise poison record. */
    public record Origin(String topic, int partition, long offset) {
    }

    /** A held record as released: its bytes as read, and where. */
    public record Held(byte[] envelope, Origin origin) {
    }

    /** Held records of one run and resource, and what they wait for. */
    public record Group(String runId, SourceResource resource, String waitingFor, long count) {
    }

    private final Db db;

    public PendingStore(Db db) {
        this.db = db;
    }

    /** Holds a record; a newer version replaces an older one, never the other way round. */
    public void hold(String runId, SourceResource resource, String sourceId, String waitingFor, byte[] envelope,
            Instant sourceUpdatedAt, Instant heldAt, Origin origin) {
        db.tx("hold a record", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("pending")
                    + " (run_id, resource, source_id, waiting_for, envelope, source_updated_at, held_at, topic,"
                    + " kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (run_id, resource, source_id) DO UPDATE SET"
                    + " waiting_for = EXCLUDED.waiting_for, envelope = EXCLUDED.envelope,"
                    + " source_updated_at = EXCLUDED.source_updated_at, topic = EXCLUDED.topic,"
                    + " kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset WHERE " + db.table("pending")
                    + ".source_updated_at IS NULL OR EXCLUDED.source_updated_at IS NULL OR EXCLUDED.source_updated_at >= "
                    + db.table("pending") + ".source_updated_at")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setString(3, sourceId);
                s.setString(4, waitingFor);
                s.setBytes(5, envelope);
                s.setTimestamp(6, Db.ts(sourceUpdatedAt));
                s.setTimestamp(7, Db.ts(heldAt));
                s.setString(8, origin.topic());
                s.setInt(9, origin.partition());
                s.setLong(10, origin.offset());
                return s.executeUpdate();
            }
        });
    }

    public boolean isHeld(String runId, SourceResource resource, String sourceId) {
        return db.tx("look up a held record", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + db.table("pending")
                    + " WHERE run_id = ? AND resource = ? AND source_id = ?")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setString(3, sourceId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** Every run and resource with held records. */
    public List<Group> groups() {
        return groups(null);
    }

    /** The held records of one run (or of all runs when {@code runId} is null), grouped. */
    public List<Group> groups(String runId) {
        return db.tx("list held records", c -> {
            List<Group> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, resource, min(waiting_for), count(*) FROM "
                    + db.table("pending") + (runId == null ? "" : " WHERE run_id = ?")
                    + " GROUP BY run_id, resource ORDER BY min(held_at)")) {
                if (runId != null) {
                    s.setString(1, runId);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Group(r.getString(1), SourceResource.fromPath(r.getString(2)), r.getString(3),
                                r.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Up to {@code limit} held source ids of a group, oldest first. */
    public List<String> ids(String runId, SourceResource resource, int limit) {
        return db.tx("list held ids", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT source_id FROM " + db.table("pending")
                    + " WHERE run_id = ? AND resource = ? ORDER BY held_at, source_id LIMIT ?")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setInt(3, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Locks one held record ({@code FOR UPDATE SKIP LOCKED}: another replica's releaser skips it), hands its envelope
     * to {@code release}, and deletes the row when {@code release} returns; a throw rolls back and keeps the row.
     *
     * @return false when the row is gone or locked by someone else
     */
    public boolean release(String runId, SourceResource resource, String sourceId, Predicate<Held> release) {
        return db.tx("release a held record", c -> {
            Held held;
            try (PreparedStatement s = c.prepareStatement("SELECT envelope, topic, kafka_partition, kafka_offset FROM "
                    + db.table("pending")
                    + " WHERE run_id = ? AND resource = ? AND source_id = ? FOR UPDATE SKIP LOCKED")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setString(3, sourceId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    held = new Held(r.getBytes(1), new Origin(r.getString(2), r.getInt(3), r.getLong(4)));
                }
            }
            if (!release.test(held)) {
                return false; // not yet: the row stays held, its lock ends with the transaction
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + db.table("pending")
                    + " WHERE run_id = ? AND resource = ? AND source_id = ?")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setString(3, sourceId);
                s.executeUpdate();
            }
            return true;
        });
    }
}
