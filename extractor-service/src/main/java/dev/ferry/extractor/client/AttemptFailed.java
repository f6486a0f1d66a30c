package dev.ferry.extractor.client;

/**
 * One request to the tenant did not give a usable page. Its message names the status and the tenant's error code,
 * never the token and never response content (which may be patient data).
 */
public class AttemptFailed extends Exception {

    /** Why the attempt failed, which decides whether and how it is retried. */
    public enum Kind {
        /** 429: the tenant throttles; wait for {@code Retry-After}. */
        THROTTLED,
        /** 5xx: retried with backoff. */
        SERVER_ERROR,
        /** No response, or a timeout: retried with backoff. */
        NETWORK,
        /** A 200 whose body is not a page as the contract describes: retried with backoff (often a cut-off body). */
        BAD_RESPONSE,
        /** Any other 4xx (401, 403, 404, 400...): retrying does not help. */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final String retryAfter;

    public AttemptFailed(Kind kind, int status, String retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The raw {@code Retry-After} header, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind != Kind.REJECTED;
    }
}
