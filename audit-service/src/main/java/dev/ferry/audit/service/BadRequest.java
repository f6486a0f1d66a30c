package dev.ferry.audit.service;

/** A request the service cannot answer as asked (unknown bucket, page size out of range). */
public class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message);
    }
}
