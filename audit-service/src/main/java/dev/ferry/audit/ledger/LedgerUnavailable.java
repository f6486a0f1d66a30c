package dev.ferry.audit.ledger;

/**
 * A batch could not be stored for a reason other than its data, and the retries are spent. The consumer lets it
 * propagate: nothing is acked, the channel fails, and a restarted consumer reads the batch again.
 */
public class LedgerUnavailable extends RuntimeException {

    public LedgerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
