package dev.ferry.mapper.store;

import dev.ferry.mapper.mapping.PractitionerMatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Practitioner → Freshsales user matches, per run, for owner resolution and the owner report. */
@ApplicationScoped
public class PractitionerStore {

    /** One row of the owner report. Staff data (names, e-mail) may appear in the report, never in logs. */
    public record Row(String practitionerId, PractitionerMatch.Status status, Long userId, String email,
            String firstName, String lastName, String role, Boolean active, String suggestedEmail, Instant decidedAt) {
    }

    private final Db db;

    public PractitionerStore(Db db) {
        this.db = db;
    }

    public void save(Connection c, String runId, PractitionerMatch m, String firstName, String lastName, String role,
            Boolean active, String clinicIds, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("practitioner_match")
                + " (run_id, practitioner_id, status, user_id, email, first_name, last_name, role, active,"
                + " suggested_email, decided_at, clinic_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, practitioner_id) DO UPDATE SET status = EXCLUDED.status,"
                + " user_id = EXCLUDED.user_id, email = EXCLUDED.email, first_name = EXCLUDED.first_name,"
                + " last_name = EXCLUDED.last_name, role = EXCLUDED.role, active = EXCLUDED.active,"
                + " suggested_email = EXCLUDED.suggested_email, decided_at = EXCLUDED.decided_at,"
                + " clinic_ids = EXCLUDED.clinic_ids")) {
            s.setString(1, runId);
            s.setString(2, m.practitionerId());
            s.setString(3, m.status().name());
            if (m.userId() == null) {
                s.setNull(4, Types.BIGINT);
            } else {
                s.setLong(4, m.userId());
            }
            s.setString(5, m.email());
            s.setString(6, firstName);
            s.setString(7, lastName);
            s.setString(8, role);
            if (active == null) {
                s.setNull(9, Types.BOOLEAN);
            } else {
                s.setBoolean(9, active);
            }
            s.setString(10, m.suggestedEmail());
            s.setTimestamp(11, Db.ts(at));
            s.setString(12, clinicIds);
            s.executeUpdate();
        }
    }

    public List<Row> forRun(String runId) {
        return db.tx("read the owner report", c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT practitioner_id, status, user_id, email, first_name,"
                    + " last_name, role, active, suggested_email, decided_at FROM " + db.table("practitioner_match")
                    + " WHERE run_id = ? ORDER BY practitioner_id")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long user = r.getLong(3);
                        Long userId = r.wasNull() ? null : user;
                        boolean act = r.getBoolean(8);
                        Boolean active = r.wasNull() ? null : act;
                        rows.add(new Row(r.getString(1), PractitionerMatch.Status.valueOf(r.getString(2)), userId,
                                r.getString(4), r.getString(5), r.getString(6), r.getString(7), active, r.getString(9),
                                Db.instant(r.getTimestamp(10))));
                    }
                }
            }
            return rows;
        });
    }
}
