package dev.ferry.mapper.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The target metadata snapshot of each run: a run maps against one snapshot, whatever changes in Freshsales. */
@ApplicationScoped
public class MetadataStore {

    private final Db db;

    public MetadataStore(Db db) {
        this.db = db;
    }

    /** Stores a run's snapshot unless it has one (the first one wins, so all replicas map alike); returns the kept body. */
    public String keep(String runId, String body, Instant fetchedAt) {
        return db.tx("store a metadata snapshot", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("target_metadata")
                    + " (run_id, body, sha256, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING")) {
                s.setString(1, runId);
                s.setString(2, body);
                s.setString(3, Hashes.sha256(body));
                s.setTimestamp(4, Db.ts(fetchedAt));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM " + db.table("target_metadata")
                    + " WHERE run_id = ?")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }

    public Optional<String> find(String runId) {
        return db.tx("read a metadata snapshot", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM " + db.table("target_metadata")
                    + " WHERE run_id = ?")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The most recent snapshot of any run, with its run id. */
    public Optional<String[]> latest() {
        return db.tx("read the latest metadata snapshot", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, body FROM " + db.table("target_metadata")
                    + " ORDER BY fetched_at DESC LIMIT 1");
                 ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2)}) : Optional.empty();
            }
        });
    }
}
