package dev.ferry.loader.reconcile;

/** What a target reconciliation found wrong with one record. */
public enum FindingKind {
    /** Ferry wrote it; Freshsales does not hold it (deleted, or a note no longer under its parent). */
    MISSING,
    /** Two or more live records carry the record's {@code cf_dentes_id}. */
    DUPLICATE,
    /** A field Ferry wrote holds something else now (a person changed it in Freshsales since). */
    DRIFT,
    /** A note, task, activity or deal whose parent link is gone, or no longer points at the record Ferry linked. */
    ORPHAN,
    /** A live record carries a {@code cf_dentes_id} the ledger does not know: not written by Ferry. */
    SURPLUS
}
