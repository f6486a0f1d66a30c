package dev.ferry.audit.ledger;

/**
 * The database refused the data of a batch (SQLSTATE class 22, data exception, or 23, integrity constraint
 * violation): retrying the same rows cannot help. The message carries the SQLSTATE only, never the database's text,
 * which may quote values.
 */
public class LedgerRefusal extends RuntimeException {

    private final String sqlState;

    public LedgerRefusal(String sqlState) {
        super("the ledger refused the data (SQLSTATE " + sqlState + ")");
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
