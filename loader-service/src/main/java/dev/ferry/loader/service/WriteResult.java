package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** How a planned write ended. */
public sealed interface WriteResult {

    /**
     * The record holds the payload.
     *
     * @param freshsalesId its id
     * @param created true created, false updated, null when the write path cannot tell
     * @param record the record as Freshsales returned it, when it did
     * @param via how it was written (for the outcome's detail)
     */
    record Written(long freshsalesId, Boolean created, ObjectNode record, String via) implements WriteResult {
    }

    /** Freshsales refused the write for good. */
    record Refused(int status, List<String> messages) implements WriteResult {
    }

    /**
     * The write cannot be made as the command says, and trying again cannot change that (a document whose source bytes
     * differ from their sha256); nothing wrong is left in Freshsales.
     */
    record Failed(dev.ferry.contracts.TargetFailure failure) implements WriteResult {
    }

    /** No definitive answer after every attempt, and the record was not found by lookup either. */
    record Exhausted(int status, String what) implements WriteResult {
    }
}
