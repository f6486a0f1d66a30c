package dev.ferry.audit.ledger;

/** Runs work in a transaction of its own that commits when the work returns. */
@FunctionalInterface
public interface TransactionRunner {

    void inNewTransaction(Runnable work);
}
