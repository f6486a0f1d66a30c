package dev.ferry.contracts;

import java.util.List;

/**
 * What Freshsales answered when it refused a write for good (or what made a write impossible, such as a parent that
 * failed).
 *
 * @param httpStatus the target's HTTP status, or 0 when no call was made (a failed parent)
 * @param messages the target's error messages as it sent them (its envelope's {@code errors.message})
 * @param cause a short classification, one of the constants below
 */
public record TargetFailure(int httpStatus, List<String> messages, String cause) {

    /** Freshsales answered with a 4xx that retrying cannot change. */
    public static final String TARGET_REFUSED = "target-refused";
    /**
     * Transient failures (5xx, timeouts) outlasted the retry budget. No longer produced: since issue 8 an unknown
     * write result waits (the intent stays open) instead of ending the record; kept so older outcomes still decode.
     */
    public static final String RETRIES_EXHAUSTED = "retries-exhausted";
    /** A required parent failed for good; the messages are the parent's. */
    public static final String PARENT_FAILED = "parent-failed";
    /** A required parent never arrived within the parking timeout. */
    public static final String PARENT_MISSING = "parent-missing";
    /** The loader cannot execute this kind of command for this target yet. */
    public static final String UNSUPPORTED = "unsupported";
    /** The command is well-formed JSON but not a valid command. */
    public static final String INVALID_COMMAND = "invalid-command";
    /**
     * A file's bytes could not be moved as the source describes them (issue 10): Dr.DENTES has no content for the
     * attachment, or the bytes streamed differ from its {@code sha256} or {@code size_bytes}, or Freshsales holds
     * another size than was sent. Nothing wrong is left in Freshsales.
     */
    public static final String SOURCE_CONTENT = "source-content";
    /** The loader itself failed; the record is retried on the next delivery. */
    public static final String LOADER_ERROR = "loader-error";

    public TargetFailure {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
