package dev.ferry.extractor.service;

import dev.ferry.contracts.DatabaseOutage;
import java.sql.SQLException;

/**
 * PostgreSQL is away (an outage, a failover, a lost race): the run's attempt stops and the run resumes from its
 * checkpoints once the database answers again ({@link RunExecutor#execute}). Carries the SQLSTATE only, never the
 * statement or its parameters.
 */
final class DatabaseAway extends RuntimeException {

    private DatabaseAway(String sqlState) {
        super("SQLSTATE " + sqlState, null, false, false);
    }

    /** The database outage somewhere in {@code e}'s causes (as {@link DatabaseOutage} judges one), or null. */
    static DatabaseAway in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseAway away) {
                return away;
            }
            if (t instanceof SQLException sql && DatabaseOutage.isAwayOrRolledBack(sql)) {
                return new DatabaseAway(sql.getSQLState());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
