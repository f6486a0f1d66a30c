package dev.ferry.mapper.store;

import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Runs, their manifests, and how many distinct records of each resource a run has delivered. */
@ApplicationScoped
public class RunStore {

    /** A run as RUN_STARTED announced it. */
    public record RunInfo(String runId, String mode, String mappingVersion, List<SourceResource> resources,
            Instant startedAt, Instant ownerSummaryLoggedAt, String mapSha256) {

        public RunInfo(String runId, String mode, String mappingVersion, List<SourceResource> resources,
                Instant startedAt, Instant ownerSummaryLoggedAt) {
            this(runId, mode, mappingVersion, resources, startedAt, ownerSummaryLoggedAt, null);
        }

        /** Whether the run reads a resource (a run naming none is taken to read everything). */
        public boolean covers(SourceResource resource) {
            return resources.isEmpty() || resources.contains(resource);
        }
    }

    /** What the extractor published for one resource of a run. */
    public record Manifest(long count, long deleted) {
    }

    private final Db db;

    public RunStore(Db db) {
        this.db = db;
    }

    public void recordStarted(String runId, String mode, String mappingVersion, List<SourceResource> resources,
            Instant startedAt) {
        recordStarted(runId, mode, mappingVersion, null, resources, startedAt);
    }

    /** @param mapSha256 the hash of the confirmed map the run was started on (issue 11), or null */
    public void recordStarted(String runId, String mode, String mappingVersion, String mapSha256,
            List<SourceResource> resources, Instant startedAt) {
        String joined = resources.stream().map(SourceResource::path).collect(Collectors.joining(","));
        db.tx("record a run start", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("run")
                    + " (run_id, mode, mapping_version, resources, started_at, map_sha256) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (run_id) DO UPDATE SET mode = EXCLUDED.mode,"
                    + " mapping_version = EXCLUDED.mapping_version, resources = EXCLUDED.resources,"
                    + " map_sha256 = EXCLUDED.map_sha256,"
                    + " started_at = EXCLUDED.started_at")) {
                s.setString(1, runId);
                s.setString(2, mode);
                s.setString(3, mappingVersion);
                s.setString(4, joined);
                s.setTimestamp(5, Db.ts(startedAt));
                s.setString(6, mapSha256);
                return s.executeUpdate();
            }
        });
    }

    /** Records a manifest; {@code onlyIfAbsent} keeps an existing one (EXTRACTION_FINISHED repeats the counts). */
    public void recordManifest(String runId, SourceResource resource, long count, long deleted, boolean onlyIfAbsent) {
        db.tx("record a manifest", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("manifest")
                    + " (run_id, resource, count, deleted) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, resource) DO "
                    + (onlyIfAbsent ? "NOTHING" : "UPDATE SET count = EXCLUDED.count, deleted = EXCLUDED.deleted,"
                    + " received_at = now()"))) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.setLong(3, count);
                s.setLong(4, deleted);
                return s.executeUpdate();
            }
        });
    }

    public Optional<RunInfo> find(String runId) {
        return db.tx("read a run", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, mode, mapping_version, resources, started_at,"
                    + " owner_summary_logged_at, map_sha256 FROM " + db.table("run") + " WHERE run_id = ?")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    List<SourceResource> resources = r.getString(4).isBlank() ? List.of()
                            : Arrays.stream(r.getString(4).split(",")).map(SourceResource::fromPath).toList();
                    return Optional.of(new RunInfo(r.getString(1), r.getString(2), r.getString(3), resources,
                            Db.instant(r.getTimestamp(5)), Db.instant(r.getTimestamp(6)), r.getString(7)));
                }
            }
        });
    }

    public Optional<Manifest> manifest(String runId, SourceResource resource) {
        return db.tx("read a manifest", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count, deleted FROM " + db.table("manifest")
                    + " WHERE run_id = ? AND resource = ?")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Manifest(r.getLong(1), r.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    /** Distinct records of a resource the run has delivered so far. */
    public long seen(String runId, SourceResource resource) {
        return db.tx("count delivered records", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seen FROM " + db.table("run_progress")
                    + " WHERE run_id = ? AND resource = ?")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }

    /** Marks the owner summary of a run as logged; false when it already was (another replica, a replay). */
    public boolean claimOwnerSummary(String runId, Instant at) {
        return db.tx("mark the owner summary", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + db.table("run")
                    + " SET owner_summary_logged_at = ? WHERE run_id = ? AND owner_summary_logged_at IS NULL")) {
                s.setTimestamp(1, Db.ts(at));
                s.setString(2, runId);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Runs whose owner summary has not been logged yet. */
    public List<String> runsWithoutOwnerSummary() {
        return db.tx("list runs without owner summary", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT run_id FROM " + db.table("run")
                    + " WHERE owner_summary_logged_at IS NULL ORDER BY recorded_at");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        });
    }
}
