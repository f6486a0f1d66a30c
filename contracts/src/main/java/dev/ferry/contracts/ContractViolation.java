package dev.ferry.contracts;

/**
 * A message that does not fit its contract. The message text names the type and the JSON path that failed, never
 * the offending content: events carry patient data and this text ends up in logs and poison records.
 */
public class ContractViolation extends RuntimeException {
    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
