package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.loader.client.WriteTarget;

/**
 * One sampled record: where it was written and what the confirmed map promises it holds.
 *
 * @param resource the source resource ({@code patients})
 * @param sourceId the Dr.DENTES id
 * @param target where it lives in Freshsales; null when the ledger holds no write of it
 * @param freshsalesId its Freshsales id from the id ledger; null when the ledger holds none (never written)
 * @param expected the promised fields in the payload's shape ({@code custom_field} nested)
 */
public record ExpectedRecord(String resource, String sourceId, WriteTarget target, Long freshsalesId,
        ObjectNode expected) {
}
