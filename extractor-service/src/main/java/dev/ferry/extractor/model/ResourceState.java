package dev.ferry.extractor.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one resource of a run stands. {@code EXTRACTING} is the page pass, {@code VERIFYING} the catch-up and count
 * check, {@code COUNTED} means the manifest numbers are frozen in PostgreSQL (so a resume publishes the same numbers),
 * {@code DONE} that {@code ManifestCounted} was acknowledged by Kafka.
 */
public enum ResourceState {
    PENDING,
    EXTRACTING,
    VERIFYING,
    COUNTED,
    DONE,
    FAILED;

    public Set<ResourceState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(EXTRACTING);
            // EXTRACTING -> EXTRACTING and VERIFYING -> EXTRACTING: resumed after an interruption
            case EXTRACTING -> EnumSet.of(EXTRACTING, VERIFYING, FAILED);
            case VERIFYING -> EnumSet.of(EXTRACTING, COUNTED, FAILED);
            case COUNTED -> EnumSet.of(DONE);
            case FAILED -> EnumSet.of(EXTRACTING);
            case DONE -> EnumSet.noneOf(ResourceState.class);
        };
    }

    public boolean canMoveTo(ResourceState target) {
        return next().contains(target);
    }

    public ResourceState moveTo(ResourceState target) {
        if (!canMoveTo(target)) {
            throw new IllegalRunTransition("a " + this + " resource cannot become " + target);
        }
        return target;
    }

    /** Whether the records still have to be read (as opposed to only the manifest to be published, or nothing). */
    public boolean needsExtraction() {
        return this == PENDING || this == EXTRACTING || this == VERIFYING || this == FAILED;
    }
}
