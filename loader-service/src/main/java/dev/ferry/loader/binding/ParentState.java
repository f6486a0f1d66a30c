package dev.ferry.loader.binding;

import dev.ferry.contracts.TargetFailure;

/** What the ledger knows about a referenced record. */
public sealed interface ParentState {

    /** The parent exists in Freshsales under this id. */
    record Bound(long freshsalesId) implements ParentState {
    }

    /** The parent failed for good and has no Freshsales id. */
    record Failed(TargetFailure failure) implements ParentState {
    }

    /** The parent has not landed yet (never seen, or its write is in flight). */
    record Pending() implements ParentState {
    }

    ParentState PENDING = new Pending();
}
