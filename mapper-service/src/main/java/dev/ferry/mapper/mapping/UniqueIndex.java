package dev.ferry.mapper.mapping;

import dev.ferry.contracts.SourceResource;
import java.util.Optional;

/** Holders of unique values (e-mail addresses) among the current versions of a resource's records. */
public interface UniqueIndex {

    /** The holder of {@code key} under {@code rule} with the lowest source id ({@link SourceIds#NATURAL}). */
    Optional<String> lowestHolder(SourceResource resource, String rule, String key);
}
