package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.TypedRef;
import dev.ferry.loader.store.LedgerEntry;
import java.util.List;

/**
 * A command that needs a write: its fields with references bound, the hash of what will be sent, and what the ledger
 * and the pre-write lookups knew about the record.
 */
public final class WritePlan {

    final WorkItem item;
    final ObjectNode fields;
    final String hash;
    final List<TypedRef> dropped;
    /** The ledger row before this write's intent, or null. */
    final LedgerEntry prior;
    /** The ledger row was an open intent: an earlier attempt may have landed. */
    final boolean openIntent;
    /** The record found in Freshsales before writing (open intent resolved, or an account that existed before Ferry). */
    ObjectNode found;
    /** The record existed in Freshsales before Ferry ever wrote it (its values are the before-image). */
    ObjectNode preExisting;
    /**
     * An attempt of this loader may have created the record without it being known (an answer that never came, a bulk
     * job whose answer or end was lost): a later "updated" answer then means "created by us", not "existed before".
     */
    boolean ambiguousAttempt;
    /** Remarks for the outcome's detail; never patient data. */
    final List<String> remarks = new java.util.ArrayList<>();

    WritePlan(WorkItem item, ObjectNode fields, String hash, List<TypedRef> dropped, LedgerEntry prior) {
        this.item = item;
        this.fields = fields;
        this.hash = hash;
        this.dropped = dropped;
        this.prior = prior;
        this.openIntent = prior != null && prior.state() == dev.ferry.loader.store.LedgerState.INTENT;
    }

    LoadCommand command() {
        return item.command();
    }

    /**
     * Whether finding the record by its identifier proves that this command's write landed: true for a command that
     * writes its own record, false for one that writes onto another record's ({@code after}: a billing record onto
     * its case's deal), which the other record's write created whether this write landed or not.
     */
    boolean existenceProvesWrite() {
        return command().after().isEmpty();
    }

    /** The Freshsales id the ledger had before this write, or null. */
    Long priorId() {
        return prior == null ? null : prior.freshsalesId();
    }

    /** The identifier's single key and value. */
    String identifierKey() {
        return command().identifier().keySet().iterator().next();
    }

    String identifierValue() {
        return command().identifier().values().iterator().next();
    }
}
