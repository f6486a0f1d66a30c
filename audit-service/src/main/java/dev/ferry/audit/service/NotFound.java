package dev.ferry.audit.service;

/** The ledger holds nothing under the id asked for. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
