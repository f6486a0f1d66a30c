package dev.ferry.mapper.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Confirmed maps, insert-only, numbered 1, 2, 3, ... in the order they were confirmed. */
@ApplicationScoped
public class ConfirmedMapStore {

    /** A stored confirmation; {@code text} is the map as confirmed (null in listings). */
    public record Row(int version, String specVersion, String sha256, String text, String confirmedBy,
            Instant confirmedAt, String proposalId, String comment) {
    }

    private final Db db;

    public ConfirmedMapStore(Db db) {
        this.db = db;
    }

    /**
     * Stores a new version, or answers the latest one when it has the same text (confirming twice is one version).
     *
     * @return the row, and whether it was created now
     */
    public Stored confirm(String specVersion, String sha256, String text, String by, Instant at, String proposalId,
            String comment) {
        return db.tx("confirm a map", c -> {
            try (Statement lock = c.createStatement()) {
                // Versions are max + 1: one confirmation at a time, so two never take the same number.
                lock.execute("LOCK TABLE " + db.table("confirmed_map") + " IN SHARE ROW EXCLUSIVE MODE");
            }
            Optional<Row> latest = latest(c, true);
            if (latest.isPresent() && latest.get().sha256().equals(sha256) && latest.get().text().equals(text)) {
                return new Stored(latest.get(), false);
            }
            int version = latest.map(r -> r.version() + 1).orElse(1);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + db.table("confirmed_map")
                    + " (version, spec_version, sha256, text, confirmed_by, confirmed_at, proposal_id, comment)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setInt(1, version);
                s.setString(2, specVersion);
                s.setString(3, sha256);
                s.setString(4, text);
                s.setString(5, by);
                s.setTimestamp(6, Db.ts(at));
                s.setString(7, proposalId);
                s.setString(8, comment);
                s.executeUpdate();
            }
            return new Stored(new Row(version, specVersion, sha256, text, by, at, proposalId, comment), true);
        });
    }

    /** A confirmation and whether this call made it. */
    public record Stored(Row row, boolean created) {
    }

    public Optional<Row> find(int version) {
        return db.tx("read a confirmed map", c -> {
            try (PreparedStatement s = c.prepareStatement(select(true) + " WHERE version = ?")) {
                s.setInt(1, version);
                return one(s, true);
            }
        });
    }

    public Optional<Row> latest() {
        return db.tx("read the latest confirmed map", c -> latest(c, true));
    }

    /** Every confirmation, newest first, without texts. */
    public List<Row> list() {
        return db.tx("list confirmed maps", c -> {
            try (PreparedStatement s = c.prepareStatement(select(false) + " ORDER BY version DESC");
                    ResultSet r = s.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row(r, false));
                }
                return out;
            }
        });
    }

    private Optional<Row> latest(java.sql.Connection c, boolean withText) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(select(withText) + " ORDER BY version DESC LIMIT 1")) {
            return one(s, withText);
        }
    }

    private String select(boolean withText) {
        return "SELECT version, spec_version, sha256, " + (withText ? "text" : "NULL AS text")
                + ", confirmed_by, confirmed_at, proposal_id, comment FROM " + db.table("confirmed_map");
    }

    private static Optional<Row> one(PreparedStatement s, boolean withText) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(row(r, withText)) : Optional.empty();
        }
    }

    private static Row row(ResultSet r, boolean withText) throws SQLException {
        return new Row(r.getInt("version"), r.getString("spec_version"), r.getString("sha256"),
                withText ? r.getString("text") : null, r.getString("confirmed_by"), Db.instant(r.getTimestamp("confirmed_at")),
                r.getString("proposal_id"), r.getString("comment"));
    }
}
