package dev.ferry.mapper.store;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.OwnerDirectory;
import dev.ferry.mapper.mapping.OwnerDirectory.Resolution;
import dev.ferry.mapper.mapping.OwnerDirectory.Status;
import dev.ferry.mapper.mapping.ReferenceIndex;
import dev.ferry.mapper.mapping.SourceIds;
import dev.ferry.mapper.mapping.UniqueIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source index: the latest version of every record read from the raw topics (deleted or not), which records each
 * run delivered, and the holders of unique values. It answers the engine's "is clinic C-7 known?", "who else has this
 * e-mail?" and "who owns practitioner PR-3's patients?".
 */
@ApplicationScoped
public class IndexStore implements ReferenceIndex, UniqueIndex {

    private final Db db;

    public IndexStore(Db db) {
        this.db = db;
    }

    /** What indexing a delivered version did. */
    public enum Indexed {
        /** This version is now the indexed one (or equals it). */
        CURRENT,
        /** A newer version was already delivered by the same run: this one is stale and must not be mapped. */
        STALE_IN_RUN,
        /** A newer version came from another run (a source restored from backup?): mapped anyway, so the run ends it. */
        STALE_FROM_OTHER_RUN
    }

    /**
     * Indexes one delivered record. A version older than the indexed one ({@code source_updated_at}) counts as
     * delivered for the run but does not replace the index entry.
     *
     * @param uniqueKeys the record's unique values (rule → normalised value); replaced only when this version is the
     *     newest; pass an empty map for a record that holds none (deleted, invalid)
     * @param requires the records this one is rejected without ({@code if-unknown: reject} references): it holds its
     *     unique values only while every one of them is a known, undeleted source record
     * @return whether this version became the indexed one, and if not, whose is newer
     */
    public Indexed index(String runId, SourceResource resource, String sourceId, boolean deleted, Instant sourceUpdatedAt,
            Map<String, String> uniqueKeys, List<Map.Entry<SourceResource, String>> requires) {
        return index(runId, resource, sourceId, deleted, sourceUpdatedAt, uniqueKeys, requires, Map.of());
    }

    /**
     * As above, keeping {@code facts}: the fields of this record other mappings compare with (a case's currency;
     * {@code CompiledSpec.factsOf}), never more.
     */
    public Indexed index(String runId, SourceResource resource, String sourceId, boolean deleted, Instant sourceUpdatedAt,
            Map<String, String> uniqueKeys, List<Map.Entry<SourceResource, String>> requires,
            Map<String, String> facts) {
        return db.tx("index a source record", c -> {
            delivered(c, runId, resource, sourceId);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + db.table("unreadable")
                    + " WHERE resource = ? AND source_id = ?")) {
                // Readable now: an earlier unreadable copy no longer speaks for it.
                s.setString(1, resource.path());
                s.setString(2, sourceId);
                s.executeUpdate();
            }
            int updated;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("source_index")
                    + " (resource, source_id, deleted, source_updated_at, last_run_id, facts)"
                    + " VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))"
                    + " ON CONFLICT (resource, source_id) DO UPDATE SET deleted = EXCLUDED.deleted,"
                    + " facts = EXCLUDED.facts,"
                    + " source_updated_at = EXCLUDED.source_updated_at, last_run_id = EXCLUDED.last_run_id,"
                    + " indexed_at = now() WHERE " + db.table("source_index") + ".source_updated_at IS NULL"
                    + " OR EXCLUDED.source_updated_at IS NULL"
                    + " OR EXCLUDED.source_updated_at >= " + db.table("source_index") + ".source_updated_at")) {
                s.setString(1, resource.path());
                s.setString(2, sourceId);
                s.setBoolean(3, deleted);
                s.setTimestamp(4, Db.ts(sourceUpdatedAt));
                s.setString(5, runId);
                s.setString(6, facts.isEmpty() ? null : FerryJson.encodeToString(facts));
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement("SELECT last_run_id FROM " + db.table("source_index")
                        + " WHERE resource = ? AND source_id = ?")) {
                    s.setString(1, resource.path());
                    s.setString(2, sourceId);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() && runId.equals(r.getString(1)) ? Indexed.STALE_IN_RUN
                                : Indexed.STALE_FROM_OTHER_RUN;
                    }
                }
            }
            for (String table : List.of("unique_key", "unique_key_requires")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + db.table(table)
                        + " WHERE resource = ? AND source_id = ?")) {
                    s.setString(1, resource.path());
                    s.setString(2, sourceId);
                    s.executeUpdate();
                }
            }
            if (!uniqueKeys.isEmpty() && !requires.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("unique_key_requires")
                        + " (resource, source_id, ref_resource, ref_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Map.Entry<SourceResource, String> r : requires) {
                        s.setString(1, resource.path());
                        s.setString(2, sourceId);
                        s.setString(3, r.getKey().path());
                        s.setString(4, r.getValue());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!uniqueKeys.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("unique_key")
                        + " (resource, rule, key_hash, source_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Map.Entry<String, String> k : uniqueKeys.entrySet()) {
                        s.setString(1, resource.path());
                        s.setString(2, k.getKey());
                        s.setString(3, Hashes.sha256(k.getValue()));
                        s.setString(4, sourceId);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            return Indexed.CURRENT;
        });
    }

    /**
     * Counts the record as delivered by the run (once, however often it arrives): what completeness is judged by. A
     * record that arrived unreadable counts too, once it has its outcome (it will never arrive readable in this run).
     */
    public void delivered(Connection c, String runId, SourceResource resource, String sourceId) throws SQLException {
        int firstTime;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("run_seen")
                + " (run_id, resource, source_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, runId);
            s.setString(2, resource.path());
            s.setString(3, sourceId);
            firstTime = s.executeUpdate();
        }
        if (firstTime == 1) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("run_progress")
                    + " (run_id, resource, seen) VALUES (?, ?, 1) ON CONFLICT (run_id, resource) DO UPDATE"
                    + " SET seen = " + db.table("run_progress") + ".seen + 1")) {
                s.setString(1, runId);
                s.setString(2, resource.path());
                s.executeUpdate();
            }
        }
    }

    @Override
    public State state(SourceResource resource, String sourceId) {
        return db.tx("look up a source record", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT deleted FROM " + db.table("source_index")
                    + " WHERE resource = ? AND source_id = ?")) {
                s.setString(1, resource.path());
                s.setString(2, sourceId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return State.UNKNOWN;
                    }
                    return r.getBoolean(1) ? State.DELETED : State.KNOWN;
                }
            }
        });
    }

    @Override
    public Optional<String> fact(SourceResource resource, String sourceId, String field) {
        return db.tx("look up a fact of a source record", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT facts ->> ? FROM " + db.table("source_index")
                    + " WHERE resource = ? AND source_id = ?")) {
                s.setString(1, field);
                s.setString(2, resource.path());
                s.setString(3, sourceId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The newest live definition record of resource {@code definitions} whose key is {@code key}. Definitions are
     * few (a practice has a handful of modules), so the scan of their index rows is cheap.
     */
    @Override
    public Optional<dev.ferry.mapper.mapping.ModuleDefinition> moduleDefinition(SourceResource definitions,
            String key) {
        return db.tx("look up a custom-module definition", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT source_id, facts::text FROM "
                    + db.table("source_index") + " WHERE resource = ? AND NOT deleted AND facts ->> 'key' = ?"
                    + " ORDER BY source_updated_at DESC NULLS LAST, source_id LIMIT 1")) {
                s.setString(1, definitions.path());
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Map<String, String> facts = FerryJson.mapper().readValue(r.getString(2),
                            new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
                    return dev.ferry.mapper.mapping.ModuleDefinition.fromFacts(r.getString(1), facts);
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<String> lowestHolder(SourceResource resource, String rule, String key) {
        List<String> holders = db.tx("look up a unique value", c -> {
            List<String> ids = new ArrayList<>();
            // A holder that points at a record the source lacks (its clinic unknown or deleted) will be rejected for
            // it, so it keeps nothing: asked once the run's clinics are complete (wait-for), the answer is final.
            try (PreparedStatement s = c.prepareStatement("SELECT u.source_id FROM " + db.table("unique_key") + " u"
                    + " WHERE u.resource = ? AND u.rule = ? AND u.key_hash = ? AND NOT EXISTS (SELECT 1 FROM "
                    + db.table("unique_key_requires") + " q WHERE q.resource = u.resource AND q.source_id = u.source_id"
                    + " AND NOT EXISTS (SELECT 1 FROM " + db.table("source_index") + " i WHERE i.resource = q.ref_resource"
                    + " AND i.source_id = q.ref_id AND NOT i.deleted))")) {
                s.setString(1, resource.path());
                s.setString(2, rule);
                s.setString(3, Hashes.sha256(key));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            return ids;
        });
        return holders.stream().min(SourceIds.NATURAL);
    }

    /**
     * The practitioner's latest match (this run's when there is one). A practitioner without a match row is resolved
     * from the index: deleted, or unknown.
     */
    public Resolution resolveFor(String runId, String practitionerId) {
        Resolution matched = db.tx("resolve an owner", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status, user_id FROM "
                    + db.table("practitioner_match") + " WHERE practitioner_id = ?"
                    + " ORDER BY (run_id = ?) DESC, decided_at DESC LIMIT 1")) {
                s.setString(1, practitionerId);
                s.setString(2, runId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        long user = r.getLong(2);
                        Long userId = r.wasNull() ? null : user;
                        return switch (r.getString(1)) {
                            case "MATCHED" -> new Resolution(Status.MATCHED, userId);
                            case "USER_INACTIVE" -> new Resolution(Status.USER_INACTIVE, userId);
                            case "DELETED" -> new Resolution(Status.DELETED, null);
                            default -> new Resolution(Status.UNMATCHED, null);
                        };
                    }
                }
            }
            return null;
        });
        return matched != null ? matched : fromIndex(practitionerId);
    }

    private Resolution fromIndex(String practitionerId) {
        return switch (state(SourceResource.PRACTITIONERS, practitionerId)) {
            case DELETED -> new Resolution(Status.DELETED, null);
            case KNOWN -> new Resolution(Status.UNMATCHED, null);
            default -> new Resolution(Status.UNKNOWN, null);
        };
    }

    /** The owner directory as one run sees it (its own matches first). */
    public OwnerDirectory ownersFor(String runId) {
        return new OwnerDirectory() {
            @Override
            public Resolution resolve(String practitionerId) {
                return resolveFor(runId, practitionerId);
            }

            @Override
            public Optional<Long> officeManagerOf(String clinicId) {
                return officeManager(runId, clinicId);
            }
        };
    }

    /** The run's office manager of a clinic with an active Freshsales user, lowest practitioner id first. */
    private Optional<Long> officeManager(String runId, String clinicId) {
        return db.tx("find a clinic's office manager", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT user_id FROM " + db.table("practitioner_match")
                    + " WHERE run_id = ? AND role = 'OFFICE_MANAGER' AND status = 'MATCHED' AND active IS NOT FALSE"
                    + " AND user_id IS NOT NULL AND ? = ANY (string_to_array(clinic_ids, ','))"
                    + " ORDER BY practitioner_id LIMIT 1")) {
                s.setString(1, runId);
                s.setString(2, clinicId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
                }
            }
        });
    }
}
