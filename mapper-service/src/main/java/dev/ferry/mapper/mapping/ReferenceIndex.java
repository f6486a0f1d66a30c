package dev.ferry.mapper.mapping;

import dev.ferry.contracts.SourceResource;

/** What the mapper knows of a source record from the raw topics (its source index). */
public interface ReferenceIndex {

    /** Whether a record was ever read and what its latest version said. */
    enum State { KNOWN, DELETED, UNKNOWN }

    State state(SourceResource resource, String sourceId);
}
