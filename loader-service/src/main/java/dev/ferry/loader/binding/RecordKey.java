package dev.ferry.loader.binding;

import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;

/** A source record's identity in the ledger (its main write, part 0, is what references point at). */
public record RecordKey(SourceResource resource, String sourceId) {

    public static RecordKey of(TypedRef ref) {
        return new RecordKey(ref.resource(), ref.id());
    }

    @Override
    public String toString() {
        return resource.path() + "/" + sourceId;
    }
}
