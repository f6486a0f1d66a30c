package dev.ferry.audit.ledger;

import dev.ferry.contracts.PoisonRecord;

/**
 * Makes the poison record for a message the ledger refused. The messaging side implements it (it knows which
 * consumer refused and logs the place); the ledger only asks, so it never depends on messaging.
 */
@FunctionalInterface
public interface PoisonMaker {

    /** A poison record for the message at {@code position}, with {@code reason} (never the message's content). */
    PoisonRecord poisonFor(InboundPosition position, String reason);
}
