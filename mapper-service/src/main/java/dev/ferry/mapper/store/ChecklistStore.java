package dev.ferry.mapper.store;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.ChoiceGap;
import dev.ferry.mapper.mapping.FieldGap;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The field-creation checklist's data: source fields with values and no Freshsales field, and dropdown values the
 * target lacks. Counted once per produced command or outcome (a replay that produces nothing counts nothing).
 */
@ApplicationScoped
public class ChecklistStore {

    /** A checklist line as stored. */
    public record FieldLine(String collection, String fieldName, SourceResource resource, String sourceField,
            String proposedType, boolean essential, long records, String firstRunId, String lastRunId) {
    }

    /** A missing choice as stored. */
    public record ChoiceLine(String collection, String fieldName, String choice, long records, String lastRunId) {
    }

    private final Db db;

    public ChecklistStore(Db db) {
        this.db = db;
    }

    /** Adds one record's gaps inside the caller's transaction (the one that records the emission). */
    public void add(Connection c, List<FieldGap> fields, List<ChoiceGap> choices, String runId, Instant at)
            throws SQLException {
        if (!fields.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("field_gap")
                    + " (collection, field_name, resource, source_field, proposed_type, essential, records,"
                    + " first_run_id, last_run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
                    + " ON CONFLICT (collection, field_name) DO UPDATE SET records = " + db.table("field_gap")
                    + ".records + 1, last_run_id = EXCLUDED.last_run_id, updated_at = EXCLUDED.updated_at,"
                    + " essential = " + db.table("field_gap") + ".essential OR EXCLUDED.essential")) {
                for (FieldGap g : fields) {
                    s.setString(1, g.collection());
                    s.setString(2, g.fieldName());
                    s.setString(3, g.resource().path());
                    s.setString(4, g.sourceField());
                    s.setString(5, g.proposedType());
                    s.setBoolean(6, g.essential());
                    s.setString(7, runId);
                    s.setString(8, runId);
                    s.setTimestamp(9, Db.ts(at));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!choices.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("choice_gap")
                    + " (collection, field_name, choice, records, last_run_id, updated_at) VALUES (?, ?, ?, 1, ?, ?)"
                    + " ON CONFLICT (collection, field_name, choice) DO UPDATE SET records = " + db.table("choice_gap")
                    + ".records + 1, last_run_id = EXCLUDED.last_run_id, updated_at = EXCLUDED.updated_at")) {
                for (ChoiceGap g : choices) {
                    s.setString(1, g.collection());
                    s.setString(2, g.fieldName());
                    s.setString(3, g.choice());
                    s.setString(4, runId);
                    s.setTimestamp(5, Db.ts(at));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    public List<FieldLine> fields() {
        return db.tx("read the field checklist", c -> {
            List<FieldLine> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT collection, field_name, resource, source_field,"
                    + " proposed_type, essential, records, first_run_id, last_run_id FROM " + db.table("field_gap")
                    + " ORDER BY collection, essential DESC, field_name");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new FieldLine(r.getString(1), r.getString(2), SourceResource.fromPath(r.getString(3)),
                            r.getString(4), r.getString(5), r.getBoolean(6), r.getLong(7), r.getString(8),
                            r.getString(9)));
                }
            }
            return out;
        });
    }

    public List<ChoiceLine> choices() {
        return db.tx("read the missing choices", c -> {
            List<ChoiceLine> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT collection, field_name, choice, records, last_run_id"
                    + " FROM " + db.table("choice_gap") + " ORDER BY collection, field_name, choice");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new ChoiceLine(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                            r.getString(5)));
                }
            }
            return out;
        });
    }
}
