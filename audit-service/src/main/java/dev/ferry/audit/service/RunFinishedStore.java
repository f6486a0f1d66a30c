package dev.ferry.audit.service;

import dev.ferry.audit.ledger.LedgerSchema;
import dev.ferry.contracts.RunEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which runs' {@code RunFinished} this service published (V7 {@code run_finished_published}), and which runs may be
 * about to finish. Plain JDBC on short transactions of its own: the finisher runs on its own thread.
 */
@ApplicationScoped
public class RunFinishedStore {

    private final AgroalDataSource db;
    private final LedgerSchema schema;

    public RunFinishedStore(AgroalDataSource db, LedgerSchema schema) {
        this.db = db;
        this.schema = schema;
    }

    /**
     * Runs whose extraction finished, without a {@code RunFinished} read back and without one published by this
     * service: the only runs worth reconciling to see whether they finished.
     */
    public List<String> candidates() throws SQLException {
        List<String> runs = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(schema.sql("""
                     SELECT r.run_id FROM {schema}.run r
                     WHERE r.extraction_finished_at IS NOT NULL AND r.finished_status IS NULL
                       AND NOT EXISTS (SELECT 1 FROM {schema}.run_finished_published p WHERE p.run_id = r.run_id)
                     ORDER BY r.first_seen_at, r.run_id"""));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(rs.getString(1));
            }
        }
        return runs;
    }

    /** Whether this service published the run's RunFinished already. */
    public boolean published(String runId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(schema.sql(
                     "SELECT 1 FROM {schema}.run_finished_published WHERE run_id = ?"))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records that the broker acknowledged the run's RunFinished; a second call for the run changes nothing. */
    public void markPublished(RunEvent.RunFinished event, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(schema.sql("""
                     INSERT INTO {schema}.run_finished_published (run_id, command_id, status, finished_at, published_at)
                     VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING"""))) {
            ps.setString(1, event.runId());
            ps.setString(2, event.commandId());
            ps.setString(3, event.status());
            ps.setTimestamp(4, Timestamp.from(event.at()));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
    }
}
