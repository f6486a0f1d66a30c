package dev.ferry.audit.service;

/** A request the ledger cannot answer in its current state (a bucket that needs an id set the run lacks). */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
