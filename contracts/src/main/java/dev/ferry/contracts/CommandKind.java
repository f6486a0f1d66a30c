package dev.ferry.contracts;

/** What a load command asks the loader to do. */
public enum CommandKind {
    /** Create the record, or update it if the ledger or the target already holds it (idempotent by identifier). */
    UPSERT,
    /** Delete what an earlier run created (rollback). */
    DELETE,
    /** Write a before-image back over fields an earlier run changed (rollback). */
    RESTORE
}
