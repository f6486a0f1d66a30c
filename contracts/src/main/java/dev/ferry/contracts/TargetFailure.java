package dev.ferry.contracts;

import java.util.List;

/**
 * What Freshsales answered when it refused a write for good (or what made a write impossible, such as a parent that
 * failed).
 *
 * @param httpStatus the target's HTTP status, or 0 when no call was made (a failed parent)
 * @param messages the target's error messages as it sent them (its envelope's {@code errors.message})
 * @param cause a short classification: {@code target-refused}, {@code parent-failed}, {@code retries-exhausted}, ...
 */
public record TargetFailure(int httpStatus, List<String> messages, String cause) {
    public TargetFailure {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
