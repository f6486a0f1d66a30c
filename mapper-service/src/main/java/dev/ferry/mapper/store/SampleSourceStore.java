package dev.ferry.mapper.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The source records a SAMPLE run mapped (issue 11 step 4), kept for the sample diff's promise. Patient data: written
 * only for sample runs, read only by the operator's endpoint, never logged.
 */
@ApplicationScoped
public class SampleSourceStore {

    /** One mapped record of a sample run. */
    public record Row(SourceResource resource, String sourceId, ObjectNode payload, boolean keepsUnique) {
    }

    private final Db db;

    public SampleSourceStore(Db db) {
        this.db = db;
    }

    /** Keeps the record in the caller's transaction (the one that records its emission); the first one wins. */
    public void keep(Connection c, String runId, SourceResource resource, String sourceId, ObjectNode payload,
            boolean keepsUnique, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("sample_source")
                + " (run_id, resource, source_id, payload, keeps_unique, mapped_at) VALUES (?, ?, ?, ?::jsonb, ?, ?)"
                + " ON CONFLICT (run_id, resource, source_id) DO NOTHING")) {
            s.setString(1, runId);
            s.setString(2, resource.path());
            s.setString(3, sourceId);
            s.setString(4, FerryJson.encodeToString(payload));
            s.setBoolean(5, keepsUnique);
            s.setTimestamp(6, Db.ts(at));
            s.executeUpdate();
        }
    }

    /** The run's records, by resource and id. */
    public List<Row> of(String runId) {
        return db.tx("read a sample's source records", c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT resource, source_id, payload::text, keeps_unique"
                    + " FROM " + db.table("sample_source") + " WHERE run_id = ? ORDER BY resource, source_id")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Row(SourceResource.fromPath(r.getString(1)), r.getString(2),
                                (ObjectNode) FerryJson.mapper().readTree(r.getString(3)), r.getBoolean(4)));
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored sample record is not JSON");
            }
            return out;
        });
    }
}
