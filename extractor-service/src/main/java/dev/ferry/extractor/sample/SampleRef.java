package dev.ferry.extractor.sample;

import dev.ferry.contracts.SourceResource;

/** A source record by resource and id: what a sample holds and what a record's links name. */
public record SampleRef(SourceResource resource, String id) implements Comparable<SampleRef> {

    @Override
    public int compareTo(SampleRef o) {
        int r = resource.compareTo(o.resource);
        return r != 0 ? r : id.compareTo(o.id);
    }
}
