package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Single records by id: what a delta run re-reads of the records whose last outcome was not a terminal success
 * (issue 12). The tenant through {@link DentesClient}, or an in-memory source in tests.
 */
@FunctionalInterface
public interface RecordSource {

    /**
     * @param path the resource's tenant path ({@code patients}, {@code custom-modules/imaging/records})
     * @return the record as the tenant serves it (soft-deleted ones with {@code "deleted": true}), or empty when the
     *     tenant has no such record any more
     */
    Optional<ObjectNode> fetchOne(String path, String id) throws DentesCallFailed, InterruptedException;
}
