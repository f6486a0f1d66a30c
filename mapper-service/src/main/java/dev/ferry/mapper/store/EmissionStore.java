package dev.ferry.mapper.store;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.ParentDecisions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the mapper has produced, one row per command id. Rows are written only after the broker acknowledged the
 * message, so "a row with the same payload hash exists" means "already durably produced": a replayed record is not
 * produced again. A crash between the acknowledgement and the row means one duplicate message under the same command
 * id, which every consumer recognises.
 */
@ApplicationScoped
public class EmissionStore {

    /** The kind of message produced. */
    public enum Kind { COMMAND, REJECTED, LINKED, DOCUMENTED }

    private final Db db;

    public EmissionStore(Db db) {
        this.db = db;
    }

    /**
     * What the mapper decided about a record, as a run sees it (issue 9): the run's own decision when the run
     * delivered the record (undecided until it is mapped), else the latest decision of any run, else MAPPED.
     */
    public ParentDecisions decisionsFor(String runId) {
        return (resource, sourceId) -> db.tx("look up a parent's decision", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT e.run_id, e.kind, e.rule,"
                    + " EXISTS (SELECT 1 FROM " + db.table("run_seen") + " r WHERE r.run_id = ? AND r.resource = ?"
                    + " AND r.source_id = ?), e.target FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT run_id, kind, rule,"
                    + " target FROM "
                    + db.table("emission") + " WHERE resource = ? AND source_id = ?"
                    + " ORDER BY (run_id = ?) DESC, emitted_at DESC LIMIT 1) e ON true")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setString(3, sourceId);
                s.setString(4, resource.path());
                s.setString(5, sourceId);
                s.setString(6, runId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    String emittedIn = r.getString(1);
                    boolean inRun = r.getBoolean(4);
                    if (emittedIn == null || (inRun && !emittedIn.equals(runId))) {
                        return inRun ? ParentDecisions.Decision.UNDECIDED : ParentDecisions.Decision.MAPPED;
                    }
                    if (Kind.REJECTED.name().equals(r.getString(2))) {
                        return new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, r.getString(3));
                    }
                    String target = r.getString(5);
                    return target == null ? ParentDecisions.Decision.MAPPED
                            : ParentDecisions.Decision.mappedTo(FreshsalesTarget.fromPath(target));
                }
            }
        });
    }

    /**
     * Notes where a produced command writes (its target's path), inside the caller's transaction, after
     * {@link #record}: a child's mapping reads it through {@link #decisionsFor} (a patient that became a Classic lead,
     * issue 10).
     */
    public void recordTarget(Connection c, String commandId, FreshsalesTarget target) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table("emission") + " SET target = ?"
                + " WHERE command_id = ?")) {
            s.setString(1, target.path());
            s.setString(2, commandId);
            s.executeUpdate();
        }
    }

    /** Whether exactly this payload was already produced under this command id. */
    public boolean alreadyProduced(String commandId, String payloadSha256) {
        return db.tx("look up an emission", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + db.table("emission")
                    + " WHERE command_id = ? AND payload_sha256 = ?")) {
                s.setString(1, commandId);
                s.setString(2, payloadSha256);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** Records a produced message inside the caller's transaction. */
    public void record(Connection c, String commandId, String runId, SourceResource resource, String sourceId, Kind kind,
            String rule, String topic, String payloadSha256, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("emission")
                + " (command_id, run_id, resource, source_id, kind, topic, payload_sha256, productions, emitted_at,"
                + " rule) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (command_id) DO UPDATE SET"
                + " kind = EXCLUDED.kind, rule = EXCLUDED.rule,"
                + " topic = EXCLUDED.topic, payload_sha256 = EXCLUDED.payload_sha256,"
                + " productions = " + db.table("emission") + ".productions + 1, emitted_at = EXCLUDED.emitted_at")) {
            s.setString(1, commandId);
            s.setString(2, runId);
            s.setString(3, resource.path());
            s.setString(4, sourceId);
            s.setString(5, kind.name());
            s.setString(6, topic);
            s.setString(7, payloadSha256);
            s.setTimestamp(8, Db.ts(at));
            s.setString(9, rule);
            s.executeUpdate();
        }
    }
}
