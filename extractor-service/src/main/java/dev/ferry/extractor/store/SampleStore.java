package dev.ferry.extractor.store;

import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.sample.SampleSelection;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Sample runs in PostgreSQL (issue 11 step 4): the size asked for, created with the run, and the records the first
 * attempt chose ({@code sample_record}), so that every attempt extracts the same ones. Ids only.
 */
@ApplicationScoped
public class SampleStore {

    private final RunStore runs;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final String sampleRun;
    private final String sampleRecord;

    @Inject
    public SampleStore(RunStore runs, AgroalDataSource dataSource, Clock clock,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("quarkus.hibernate-orm.database.default-schema is not a plain identifier");
        }
        this.runs = runs;
        this.dataSource = dataSource;
        this.clock = clock;
        this.sampleRun = schema + ".sample_run";
        this.sampleRecord = schema + ".sample_record";
    }

    /** Creates a SAMPLE run with its size, in one transaction: a sample run never exists without its size. */
    @Transactional
    public void create(String runId, int size, String mappingVersion, String mapSha256,
            List<RunStore.PlannedResource> planned) {
        runs.create(runId, RunMode.SAMPLE, mappingVersion, mapSha256, planned);
        // The run row is still in Hibernate's session; the sample row below references it.
        io.quarkus.hibernate.orm.panache.Panache.getEntityManager().flush();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + sampleRun + " (run_id, size) VALUES (?, ?)")) {
            ps.setString(1, runId);
            ps.setInt(2, size);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the sample run " + runId, e);
        }
    }

    /** The size the run was asked for; empty when it is no sample run. */
    public OptionalInt size(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT size FROM " + sampleRun + " WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sample run " + runId, e);
        }
    }

    /** Whether the run's records were chosen (by an earlier attempt). */
    public boolean selected(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT selected_at IS NOT NULL FROM " + sampleRun + " WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sample run " + runId, e);
        }
    }

    /** Records the chosen records, once: a second call for the same run changes nothing. */
    @Transactional
    public void recordSelection(String runId, SampleSelection.Result selection) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + sampleRun + " SET selected_at = ?, roots = ?,"
                    + " uncovered = ? WHERE run_id = ? AND selected_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setInt(2, selection.roots());
                ps.setString(3, String.join(",", selection.uncovered()));
                ps.setString(4, runId);
                if (ps.executeUpdate() == 0) {
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + sampleRecord + " (run_id, resource, source_id) VALUES (?, ?, ?)")) {
                for (Map.Entry<SourceResource, Set<String>> e : selection.records().entrySet()) {
                    for (String id : e.getValue()) {
                        ps.setString(1, runId);
                        ps.setString(2, e.getKey().path());
                        ps.setString(3, id);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the sample of run " + runId, e);
        }
    }

    /** The ids the run extracts of a resource, ascending; empty when none were chosen of it. */
    public List<String> ids(String runId, SourceResource resource) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT source_id FROM " + sampleRecord + " WHERE run_id = ?"
                        + " AND resource = ? ORDER BY source_id")) {
            ps.setString(1, runId);
            ps.setString(2, resource.path());
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sample of run " + runId, e);
        }
    }

    /** What the size could not cover ({@code resource/dimension=value}), once chosen. */
    public Optional<String> uncovered(String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT uncovered FROM " + sampleRun + " WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sample run " + runId, e);
        }
    }
}
