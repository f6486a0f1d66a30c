package dev.ferry.contracts;

/** What happened to one record operation. Every source record ends with exactly one terminal outcome per run. */
public enum OutcomeKind {
    CREATED(Terminal.SUCCESS),
    UPDATED(Terminal.SUCCESS),
    /** The target already held exactly these values; nothing was written. */
    UNCHANGED(Terminal.SUCCESS),
    /** A relationship was written (contact to account, contact to deal) without creating a record. */
    LINKED(Terminal.SUCCESS),
    /** Validation refused the record before any write; carries the rule and the field. */
    REJECTED(Terminal.FAILURE),
    /** The target refused the write for good; carries the target's status and message. */
    FAILED(Terminal.FAILURE),
    /** Not done yet: waiting for a parent, a rate budget or a retry. Never the last word on a record. */
    DEFERRED(Terminal.NO),
    /** Removed from the target (rollback of a create). */
    DELETED(Terminal.SUCCESS),
    /** The before-image was written back (rollback of an update). */
    RESTORED(Terminal.SUCCESS),
    /**
     * Nothing to write in Freshsales (a workflow, an integration): the record became an entry of a rebuild document an
     * admin follows, carried on the outcome ({@link LoadOutcome#document()}). Its last word, and a success: the record
     * arrived where it belongs.
     */
    DOCUMENTED(Terminal.SUCCESS),

    /**
     * A rollback command left the record alone on purpose: a person changed it in Freshsales since Ferry wrote it
     * (drift; the detail names the fields, never their values), or there was nothing Ferry could safely undo. Nothing
     * was written.
     */
    SKIPPED(Terminal.SUCCESS);

    /** Whether an outcome closes a record, and how. */
    public enum Terminal { SUCCESS, FAILURE, NO }

    private final Terminal terminal;

    OutcomeKind(Terminal terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal != Terminal.NO;
    }

    public boolean isSuccess() {
        return terminal == Terminal.SUCCESS;
    }
}
