package dev.ferry.audit.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ferry.audit.ledger.LedgerSchema;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.OutcomeKind;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The audit log, read from the outcome ledger and streamed: every stored outcome that is a record operation (see
 * {@link AuditOperation}), oldest first. The outcome table holds every outcome once (idempotency key
 * {@code (command_id, kind, attempt)}), so a redelivered outcome is one line. Rows are read through a server-side
 * cursor ({@value #FETCH_SIZE} at a time, index {@code outcome_run_time}) and written as they come; a practice-wide
 * export walks the runs in the order the audit first heard of them, each run's log in turn, all in one read-only
 * REPEATABLE READ snapshot. Only ids, kinds, times and field names are read: the outcome table holds no value.
 */
@ApplicationScoped
public class AuditLogExport {

    static final int FETCH_SIZE = 1000;

    private static final Logger LOG = Logger.getLogger(AuditLogExport.class);

    private static final String RUN_LOG = """
            SELECT run_id, occurred_at, kind, resource, source_id, part, target, freshsales_id, changed_fields::text,
                   attempt, command_id, rejection_rule, rejection_field, failure_status
            FROM {schema}.outcome
            WHERE run_id = ? AND kind = ANY(?)
            ORDER BY occurred_at, id""";

    private static final String RUNS = "SELECT run_id FROM {schema}.run ORDER BY first_seen_at, run_id";

    private static final String RUN_EXISTS = "SELECT 1 FROM {schema}.run WHERE run_id = ?";

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final LedgerSchema schema;

    public AuditLogExport(AgroalDataSource dataSource, LedgerSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** Throws {@link NotFound} for a run the audit has never heard of (checked before any byte is streamed). */
    public void requireRun(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(schema.sql(RUN_EXISTS))) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("no run " + runId);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit ledger could not be read (SQLSTATE " + e.getSQLState() + ")");
        }
    }

    /**
     * Writes the log of one run ({@code runId} non-null) or of every run (null) onto {@code out}.
     *
     * @param includeNonWrites also list {@code unchanged}, {@code rejected} and {@code failed} (wrote = false)
     * @return how many entries were written
     */
    public long export(String runId, boolean includeNonWrites, AuditLogFormat format, OutputStream out)
            throws IOException {
        String[] kinds = AuditOperation.kinds(includeNonWrites).toArray(String[]::new);
        long[] written = {0};
        try (Connection c = dataSource.getConnection()) {
            // A cursor needs a transaction; one read-only snapshot for the whole export.
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Scoped to this transaction, so nothing of it stays on the pooled connection.
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            try (AuditLogFormat.Sink sink = format.open(out)) {
                List<String> runs = runId != null ? List.of(runId) : runs(c);
                for (String run : runs) {
                    exportRun(c, run, kinds, sink, written);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // The SQLSTATE only: a server message could quote a row.
            LOG.warnf("audit log export stopped after %d entries (SQLSTATE %s)", written[0], e.getSQLState());
            throw new IOException("the audit ledger could not be read (SQLSTATE " + e.getSQLState() + ")");
        }
        return written[0];
    }

    private List<String> runs(Connection c) throws SQLException {
        List<String> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(schema.sql(RUNS))) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getString(1));
                }
            }
        }
        return runs;
    }

    /** Writes one run's entries, counting each into {@code written[0]} as it goes out. */
    private void exportRun(Connection c, String runId, String[] kinds, AuditLogFormat.Sink sink, long[] written)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(schema.sql(RUN_LOG))) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, runId);
            ps.setArray(2, c.createArrayOf("text", kinds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.write(entry(rs));
                    written[0]++;
                }
            }
        }
    }

    static AuditLogEntry entry(ResultSet rs) throws SQLException {
        OutcomeKind kind = OutcomeKind.valueOf(rs.getString(3));
        AuditOperation op = AuditOperation.of(kind)
                .orElseThrow(() -> new IllegalStateException("no audit operation for " + kind));
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
        long fsId = rs.getLong(8);
        Long freshsalesId = rs.wasNull() ? null : fsId;
        int status = rs.getInt(14);
        Integer httpStatus = rs.wasNull() ? null : status;
        return new AuditLogEntry(rs.getString(1), at == null ? null : at.toInstant(), op.label(), op.wrote(),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), freshsalesId,
                names(rs.getString(9)), rs.getInt(10), rs.getString(11), rs.getString(12), rs.getString(13),
                httpStatus);
    }

    private static List<String> names(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return FerryJson.mapper().readValue(json, NAMES);
        } catch (IOException e) {
            // Cannot happen for what the ledger wrote (a JSON array of strings); the text is not quoted.
            throw new IllegalStateException("stored changed_fields is not a JSON list of names");
        }
    }
}
