package dev.ferry.loader.store;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The loader's database did not do what was asked. The message names the SQL state, table, column and constraint,
 * never row contents: PostgreSQL's own messages can quote a failing row, and the ledger holds patient data. For the
 * same reason the driver's exception is not kept as the cause.
 */
public class StoreException extends RuntimeException {

    public StoreException(String what, SQLException e) {
        super(what + ": " + describe(e));
        setStackTrace(e.getStackTrace());
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
