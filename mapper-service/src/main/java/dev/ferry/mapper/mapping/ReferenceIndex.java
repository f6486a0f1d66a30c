package dev.ferry.mapper.mapping;

import dev.ferry.contracts.SourceResource;

/** What the mapper knows of a source record from the raw topics (its source index). */
public interface ReferenceIndex {

    /** Whether a record was ever read and what its latest version said. */
    enum State { KNOWN, DELETED, UNKNOWN }

    State state(SourceResource resource, String sourceId);

    /**
     * A field of a record's latest version that another mapping compares with (a treatment case's currency), as
     * text; empty when the record is unknown, the field empty, or nobody asked to keep it.
     */
    default java.util.Optional<String> fact(SourceResource resource, String sourceId, String field) {
        return java.util.Optional.empty();
    }

    /**
     * The custom-module definition with this key among the records of {@code definitions} (newest live version), read
     * back from the facts the index kept of it; empty when the run read none.
     */
    default java.util.Optional<ModuleDefinition> moduleDefinition(SourceResource definitions, String key) {
        return java.util.Optional.empty();
    }
}
