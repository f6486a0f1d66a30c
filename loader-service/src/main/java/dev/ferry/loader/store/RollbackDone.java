package dev.ferry.loader.store;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The rollback commands this loader carried out (DELETED, RESTORED), by command id, so one given again gets its first
 * outcome again and no call. Holds no field values: an outcome of a rollback names fields, never their values.
 */
@ApplicationScoped
public class RollbackDone {

    /** The outcome of a command already carried out, or null. */
    public LoadOutcome find(Connection c, String commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome FROM rollback_done WHERE command_id = ?")) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? FerryJson.decode(rs.getString(1), LoadOutcome.class) : null;
            }
        }
    }

    /** Remembers a carried-out command; the first outcome stays. */
    public void remember(Connection c, LoadOutcome outcome, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollback_done (command_id, outcome, done_at) "
                + "VALUES (?, ?::jsonb, ?) ON CONFLICT (command_id) DO NOTHING")) {
            ps.setString(1, outcome.commandId());
            ps.setString(2, FerryJson.encodeToString(outcome));
            ps.setObject(3, Sql.ts(at));
            ps.executeUpdate();
        }
    }
}
