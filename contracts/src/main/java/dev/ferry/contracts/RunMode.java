package dev.ferry.contracts;

/** The kinds of run an operator starts (see the run lifecycle in ARCHITECTURE.md). */
public enum RunMode {
    /** 200–500 stratified records with their parents, read back and diffed field by field. */
    SAMPLE,
    /** Everything, resumable. */
    FULL,
    /** What changed since the watermark, plus every record whose last outcome was not a terminal success. */
    DELTA,
    /** Re-issues the commands of records that failed in an earlier run. */
    RETRY,
    /** Deletes what a run created and restores before-images of what it updated. */
    ROLLBACK
}
