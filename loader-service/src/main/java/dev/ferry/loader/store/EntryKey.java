package dev.ferry.loader.store;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;

/** A ledger row's identity: one write of one source record. */
public record EntryKey(SourceResource resource, String sourceId, int part) {

    public static EntryKey of(LoadCommand c) {
        return new EntryKey(c.resource(), c.sourceId(), c.part());
    }

    @Override
    public String toString() {
        return resource.path() + "/" + sourceId + "#" + part;
    }
}
