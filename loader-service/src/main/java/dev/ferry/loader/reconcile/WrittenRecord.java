package dev.ferry.loader.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.loader.client.WriteTarget;

/**
 * One record Ferry wrote and believes is in Freshsales: a {@code DONE} row of the id ledger with its Freshsales id.
 *
 * @param resource the source resource
 * @param sourceId the Dr.DENTES id
 * @param part the part (a split note has several)
 * @param target where it lives
 * @param freshsalesId its Freshsales id
 * @param dentesId the {@code cf_dentes_id} it was upserted by, or null (notes, documents: no custom fields)
 * @param writtenFields the fields Ferry last wrote, after binding (parent links are Freshsales ids); may hold patient
 *     values, so it never leaves this service but as field names, unless the caller may see values
 * @param runId the run that wrote it last
 */
public record WrittenRecord(SourceResource resource, String sourceId, int part, WriteTarget target, long freshsalesId,
        String dentesId, ObjectNode writtenFields, String runId) {

    /** {@code patients/P-1#0}: names a record in findings without any value. */
    public String label() {
        return resource.path() + "/" + sourceId + (part == 0 ? "" : "#" + part);
    }
}
