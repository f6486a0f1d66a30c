package dev.ferry.loader.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;

/**
 * One row of {@code id_ledger}.
 *
 * @param target where the record lives, custom-module entity included
 * @param identifier the upsert identifier, what an open intent is looked up by
 * @param freshsalesId the record's id in Freshsales, once known
 * @param payloadHash hash of the payload last written (what UNCHANGED compares with)
 * @param intentHash hash of the payload an open intent is writing
 * @param writtenFields the fields last written, after binding
 * @param failure why the last write failed, for FAILED rows
 * @param attempts writes attempted for the current command
 * @param createdByRun the run whose write created the record
 */
public record LedgerEntry(EntryKey key, WriteTarget target, java.util.Map<String, String> identifier,
        Long freshsalesId, LedgerState state,
        String commandId, String runId, String payloadHash, String intentHash, ObjectNode writtenFields,
        TargetFailure failure, int attempts, String intentOwner, Instant intentAt, String createdByRun) {
}
