package dev.ferry.loader.store;

import dev.ferry.contracts.DatabaseOutage;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The loader's database did not do what was asked. The message names the SQL state, table, column and constraint,
 * never row contents: PostgreSQL's own messages can quote a failing row, and the ledger holds patient data. For the
 * same reason the driver's exception is not kept as the cause.
 */
public class StoreException extends RuntimeException {

    private final String sqlState;
    private final boolean unavailable;

    public StoreException(String what, SQLException e) {
        super(what + ": " + describe(e));
        setStackTrace(e.getStackTrace());
        this.sqlState = e.getSQLState();
        this.unavailable = unavailable(e);
    }

    /** The driver's SQL state, or null (the pool's own errors have none). */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Whether the database was away or overloaded (wait and try again) rather than refusing this statement or data
     * (a 22xxx data exception, a 23xxx constraint, a 42xxx error in the SQL).
     */
    public boolean unavailable() {
        return unavailable;
    }

    /** {@link DatabaseOutage#isAwayOrRolledBack}: the one classification every service uses. */
    public static boolean unavailable(SQLException e) {
        return DatabaseOutage.isAwayOrRolledBack(e);
    }

    static String describe(SQLException e) {
        StringBuilder b = new StringBuilder("SQL state ").append(e.getSQLState());
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            append(b, "table", m.getTable());
            append(b, "column", m.getColumn());
            append(b, "constraint", m.getConstraint());
            append(b, "routine", m.getRoutine());
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.append(", ").append(name).append(' ').append(value);
        }
    }
}
