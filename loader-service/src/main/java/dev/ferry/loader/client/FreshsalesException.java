package dev.ferry.loader.client;

/**
 * A call that did not succeed. Messages name the method, the path template and the status, never the API key, a
 * query value or a body.
 */
public abstract sealed class FreshsalesException extends RuntimeException
        permits FreshsalesException.Refused, FreshsalesException.NoAnswer, FreshsalesException.BudgetExhausted {

    private final int status;

    protected FreshsalesException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Freshsales answered with a definitive refusal (4xx other than 429): retrying the same request cannot help. */
    public static final class Refused extends FreshsalesException {
        private final java.util.List<String> messages;

        public Refused(String call, int status, java.util.List<String> messages) {
            super(call + " refused with " + status, status);
            this.messages = java.util.List.copyOf(messages);
        }

        /** The target's messages as it sent them (localised). */
        public java.util.List<String> messages() {
            return messages;
        }
    }

    /**
     * No definitive answer: a 5xx, a timeout or a broken connection. For a write this is ambiguous: it may have been
     * applied. The caller resolves it by looking the record up before it tries again.
     */
    public static final class NoAnswer extends FreshsalesException {
        public NoAnswer(String call, int status, String what) {
            super(call + " got no definitive answer: " + what, status);
        }
    }

    /** The call was not made: the budget would not free up within the caller's limit (nothing was sent). */
    public static final class BudgetExhausted extends FreshsalesException {
        public BudgetExhausted(String call, java.time.Duration limit) {
            super(call + " not made: the rate budget stays exhausted for more than " + limit.toSeconds() + " s", 0);
        }
    }
}
