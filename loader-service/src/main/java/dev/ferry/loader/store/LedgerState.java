package dev.ferry.loader.store;

/** Where a ledger row stands. */
public enum LedgerState {
    /** A write is in flight, or was when its process died: resolve by lookup before retrying. */
    INTENT,
    /** The last write landed. */
    DONE,
    /** The last write was refused for good. */
    FAILED
}
