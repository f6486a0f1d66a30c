package dev.ferry.audit.service;

/**
 * A manifest's id set against the records' current states, for one resource of one run (issue 8 hole 6). Read in one
 * snapshot with the tally it belongs to.
 *
 * @param chunks how many id chunks the manifest announced ({@code ManifestCounted.idChunks})
 * @param chunksReceived how many of them the ledger holds; the id set is whole when this reaches {@code chunks}
 * @param ids distinct manifest ids stored
 * @param matched manifest ids whose record has a terminal state
 * @param missingOpen manifest ids whose record's latest word is not terminal (DEFERRED)
 * @param missingUnseen manifest ids the ledger has no outcome for
 * @param surplus terminal states of records whose id the manifest does not hold
 */
public record IdComparison(int chunks, int chunksReceived, long ids, long matched, long missingOpen,
        long missingUnseen, long surplus) {

    /** Every announced chunk arrived, so the id set is the manifest's. */
    public boolean complete() {
        return chunksReceived >= chunks;
    }

    /** Manifest ids without a terminal state. */
    public long missing() {
        return missingOpen + missingUnseen;
    }
}
