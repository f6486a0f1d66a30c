package dev.ferry.contracts;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The one answer every service gives to "is PostgreSQL away, or is this work wrong?" (issue 8, hole 4). Away means
 * wait for as long as it lasts; wrong means the work ends with a readable outcome. Written once here because three
 * services used to answer it with three different class lists. The audit service waits out {@link #isAway} and
 * retries a lost race a bounded number of times; the loader and the mapper wait out {@link #isAwayOrRolledBack}.
 */
public final class DatabaseOutage {

    /**
     * SQLSTATE classes of a database that is away or overloaded, not of a statement or data that is wrong: connection
     * exception (08), insufficient resources (53), operator intervention (57: an administrator's or a crash shutdown),
     * system error (58).
     */
    public static final Set<String> AWAY_CLASSES = Set.of("08", "53", "57", "58");

    /** Transaction rollback (40: serialization failure, deadlock): the work lost a race and may simply go again. */
    public static final String ROLLED_BACK_CLASS = "40";

    private DatabaseOutage() {
    }

    /**
     * Whether this driver or pool exception says the database is away. A transient or recoverable exception is; one
     * without an SQLSTATE is the pool's own complaint (an acquisition timeout): the database is not answering. Data
     * refused (22, 23), SQL wrong (42) or a lost race (40) is not.
     */
    public static boolean isAway(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        return state == null || state.length() < 2 || AWAY_CLASSES.contains(state.substring(0, 2));
    }

    /**
     * {@link #isAway}, or the transaction lost a serialization race or a deadlock: for work that is replay-safe and
     * waits as long as it takes (the loader's writes, the mapper's records), both mean "try again", never an outcome.
     */
    public static boolean isAwayOrRolledBack(SQLException e) {
        String state = e.getSQLState();
        return isAway(e) || (state != null && state.startsWith(ROLLED_BACK_CLASS));
    }
}
