package dev.ferry.audit.ledger;

import dev.ferry.contracts.DatabaseOutage;
import java.sql.SQLException;
import java.util.Optional;

/** Tells data the database refuses apart from a database that is unavailable, by SQLSTATE. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /** The first SQLSTATE found along the cause chain. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                Optional<String> state = sqlState(suppressed);
                if (state.isPresent()) {
                    return state;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Class 22 (data exception: a NUL character, a value out of range) and class 23 (integrity constraint) come from
     * the rows themselves. Everything else (connection loss 08, serialization and deadlock 40, a missing table 42,
     * no SQLSTATE at all) says nothing about the rows and is not grounds to call a message poison.
     */
    public static boolean refusesData(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }

    /**
     * Whether the database is away rather than failing this work ({@link DatabaseOutage}, the answer every service
     * gives): such a failure is waited out for as long as it lasts (issue 8, hole 4); anything else is retried a
     * bounded number of times.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return DatabaseOutage.isAway(sql);
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isOutage(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
