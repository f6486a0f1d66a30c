package dev.ferry.extractor.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a run stands. A run is queued, runs, and ends completed or failed; a run that was running when the extractor
 * stopped is found interrupted at the next start. Failed and interrupted runs can be resumed (queued again), and
 * continue from their checkpoints.
 */
public enum RunState {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    INTERRUPTED;

    /** The states this one may move to. */
    public Set<RunState> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, INTERRUPTED);
            case FAILED, INTERRUPTED -> EnumSet.of(QUEUED);
            case COMPLETED -> EnumSet.noneOf(RunState.class);
        };
    }

    public boolean canMoveTo(RunState target) {
        return next().contains(target);
    }

    /** Returns {@code target}, or throws if the move is not allowed. */
    public RunState moveTo(RunState target) {
        if (!canMoveTo(target)) {
            throw new IllegalRunTransition("a " + this + " run cannot become " + target);
        }
        return target;
    }

    /** Whether {@code POST /runs/{id}/resume} applies. */
    public boolean resumable() {
        return canMoveTo(QUEUED);
    }

    /** Whether the extractor still has work to do for the run without an operator asking. */
    public boolean unfinished() {
        return this == QUEUED || this == RUNNING;
    }
}
