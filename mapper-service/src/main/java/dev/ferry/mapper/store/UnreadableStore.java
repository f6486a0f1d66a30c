package dev.ferry.mapper.store;

import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Unreadable raw records (by source id) and the ids of each run's manifest: what lets the mapper tell "not read yet"
 * from "arrived, but cannot be decoded" for the records a run is waiting on (issue 8, hole 5).
 */
@ApplicationScoped
public class UnreadableStore {

    private final Db db;

    public UnreadableStore(Db db) {
        this.db = db;
    }

    /** A raw record of {@code resource} keyed {@code sourceId} could not be decoded; the reason names no value. */
    public void recordUnreadable(SourceResource resource, String sourceId, String reason, Instant at) {
        db.tx("record an unreadable record", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("unreadable")
                    + " (resource, source_id, reason, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (resource, source_id)"
                    + " DO UPDATE SET reason = EXCLUDED.reason, seen_at = EXCLUDED.seen_at")) {
                s.setString(1, resource.path());
                s.setString(2, sourceId);
                s.setString(3, reason.length() > 500 ? reason.substring(0, 500) : reason);
                s.setTimestamp(4, Db.ts(at));
                s.executeUpdate();
            }
            return null;
        });
    }

    /** One chunk of a run's manifest ids (chunks may repeat: a replay). */
    public void recordManifestIds(String runId, SourceResource resource, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.tx("record manifest ids", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("manifest_id")
                    + " (run_id, resource, source_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (String id : ids) {
                    s.setString(1, runId);
                    s.setString(2, resource.path());
                    s.setString(3, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** The resources that have records which arrived unreadable (and not readable since). */
    public List<SourceResource> resourcesWithUnreadable() {
        return db.tx("find resources with unreadable records", c -> {
            List<SourceResource> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT resource FROM " + db.table("unreadable"));
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    try {
                        out.add(SourceResource.fromPath(r.getString(1)));
                    } catch (IllegalArgumentException unknown) {
                        // written by a newer mapper: not this one's to settle
                    }
                }
            }
            return out;
        });
    }

    /** Runs whose manifest of {@code resource} counts more records than they have delivered so far. */
    public List<String> runsShortOf(SourceResource resource) {
        return db.tx("find runs short of records", c -> {
            List<String> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT m.run_id FROM " + db.table("manifest") + " m LEFT JOIN "
                    + db.table("run_progress") + " p ON p.run_id = m.run_id AND p.resource = m.resource"
                    + " WHERE m.resource = ? AND coalesce(p.seen, 0) < m.count")) {
                s.setString(1, resource.path());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        runs.add(r.getString(1));
                    }
                }
            }
            return runs;
        });
    }

    /**
     * The manifest ids the run has not delivered, when every one of them arrived unreadable; empty otherwise (the
     * manifest's ids are not all in yet, or some record is simply still to come).
     */
    public List<Unread> shortfallIfAllUnreadable(String runId, SourceResource resource) {
        return db.tx("compare a run's manifest with what arrived", c -> {
            long count;
            long ids;
            try (PreparedStatement s = c.prepareStatement("SELECT m.count, (SELECT count(*) FROM "
                    + db.table("manifest_id") + " i WHERE i.run_id = m.run_id AND i.resource = m.resource) FROM "
                    + db.table("manifest") + " m WHERE m.run_id = ? AND m.resource = ?")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return List.<Unread>of();
                    }
                    count = r.getLong(1);
                    ids = r.getLong(2);
                }
            }
            if (ids < count) {
                return List.<Unread>of();
            }
            List<Unread> missing = new ArrayList<>();
            boolean allUnreadable = true;
            // Only an unreadable arrival since the run began counts (5 minutes of clock difference allowed): an
            // older one belongs to an earlier run, and this run's copy of the record may simply be late. A record
            // that arrives readable clears its row (IndexStore.index).
            try (PreparedStatement s = c.prepareStatement("SELECT i.source_id, u.reason FROM " + db.table("manifest_id")
                    + " i JOIN " + db.table("run") + " r ON r.run_id = i.run_id LEFT JOIN " + db.table("unreadable")
                    + " u ON u.resource = i.resource AND u.source_id = i.source_id"
                    + " AND u.seen_at >= coalesce(r.started_at, r.recorded_at) - interval '5 minutes'"
                    + " WHERE i.run_id = ? AND i.resource = ? AND NOT EXISTS (SELECT 1 FROM "
                    + db.table("run_seen") + " s WHERE s.run_id = i.run_id AND s.resource = i.resource"
                    + " AND s.source_id = i.source_id)")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (r.getString(2) == null) {
                            allUnreadable = false;
                        }
                        missing.add(new Unread(r.getString(1), r.getString(2)));
                    }
                }
            }
            return allUnreadable ? missing : List.<Unread>of();
        });
    }

    /** A manifest id that arrived unreadable, with why. */
    public record Unread(String sourceId, String reason) {
    }
}
