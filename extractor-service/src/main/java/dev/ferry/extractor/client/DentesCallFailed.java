package dev.ferry.extractor.client;

/**
 * A request to the tenant failed for good: not retryable, or out of attempts. The message is the reason an operator
 * reads on the run (what was requested, the last failure, how many attempts) and is safe to log and to store.
 */
public class DentesCallFailed extends Exception {

    private final AttemptFailed.Kind lastKind;
    private final int attempts;

    public DentesCallFailed(String message, AttemptFailed.Kind lastKind, int attempts) {
        super(message, null, false, false);
        this.lastKind = lastKind;
        this.attempts = attempts;
    }

    public AttemptFailed.Kind lastKind() {
        return lastKind;
    }

    public int attempts() {
        return attempts;
    }
}
