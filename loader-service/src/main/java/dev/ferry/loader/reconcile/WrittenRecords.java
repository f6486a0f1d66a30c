package dev.ferry.loader.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import dev.ferry.loader.client.WriteTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the id ledger says Ferry wrote, read for a reconciliation. Read-only: the reconciliation changes nothing.
 */
@ApplicationScoped
public class WrittenRecords {

    /**
     * The records a run wrote last or created (or, with {@code runId} null, every record), as far as the ledger
     * holds them: {@code DONE} rows with a Freshsales id. A record a rollback deleted has no row any more.
     */
    public List<WrittenRecord> inScope(Connection c, String runId) throws SQLException {
        String sql = "SELECT resource, source_id, part, target, freshsales_id, COALESCE(identifier ->> 'cf_dentes_id', "
                + "written_fields -> 'custom_field' ->> 'cf_dentes_id'), written_fields, run_id FROM id_ledger WHERE state = 'DONE' AND freshsales_id IS NOT NULL"
                + (runId == null ? "" : " AND (run_id = ? OR created_by_run = ?)")
                + " ORDER BY resource, source_id, part";
        List<WrittenRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (runId != null) {
                ps.setString(1, runId);
                ps.setString(2, runId);
            }
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceResource resource;
                    WriteTarget target;
                    try {
                        resource = SourceResource.fromPath(rs.getString(1));
                        target = WriteTarget.parse(rs.getString(4));
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    out.add(new WrittenRecord(resource, rs.getString(2), rs.getInt(3), target, rs.getLong(5),
                            rs.getString(6), object(rs.getString(7)), rs.getString(8)));
                }
            }
        }
        return out;
    }

    /**
     * Every {@code cf_dentes_id} the ledger knows, per target path, in any state and of any run: a record in
     * Freshsales carrying one of these is Ferry's (or was being written by it); any other is surplus. Both places
     * count: the upsert identifier, and the custom field as written (a record upserted by another key, e.g. by name,
     * still carries the id Ferry gave it).
     */
    public Map<String, Set<String>> knownDentesIds(Connection c) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT target, identifier ->> 'cf_dentes_id', "
                + "written_fields -> 'custom_field' ->> 'cf_dentes_id' FROM id_ledger")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int col = 2; col <= 3; col++) {
                        String id = rs.getString(col);
                        if (id != null && !id.isBlank()) {
                            out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(id.trim());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode object(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode n = FerryJson.mapper().readTree(json);
            return n.isObject() ? (ObjectNode) n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
