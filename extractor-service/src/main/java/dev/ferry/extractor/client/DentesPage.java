package dev.ferry.extractor.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page as the tenant served it.
 *
 * @param records the records, unchanged
 * @param invalid entries of {@code data} that were not JSON objects (counted, never logged)
 */
public record DentesPage(List<ObjectNode> records, int invalid, Meta meta) {

    public DentesPage {
        records = List.copyOf(records);
    }

    /** {@code meta} of the response: where the page sits and how many records match the query right now. */
    public record Meta(int page, int perPage, long total, int totalPages) {
    }
}
