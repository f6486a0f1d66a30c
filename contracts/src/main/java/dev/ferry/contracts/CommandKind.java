package dev.ferry.contracts;

/** What a load command asks the loader to do. */
public enum CommandKind {
    /** Create the record, or update it if the ledger or the target already holds it (idempotent by identifier). */
    UPSERT,
    /**
     * Delete what an earlier run created (rollback). The record is addressed by {@link RollbackAddress} in the
     * identifier; the fields are empty.
     */
    DELETE,
    /**
     * Write a before-image back over fields an earlier run changed (rollback): the fields are the before-image, in the
     * payload's shape (a null value clears a field that was empty); the record is addressed by
     * {@link RollbackAddress} in the identifier.
     */
    RESTORE
}
