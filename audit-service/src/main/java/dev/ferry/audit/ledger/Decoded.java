package dev.ferry.audit.ledger;

import dev.ferry.contracts.PoisonRecord;

/**
 * A consumed message after decoding: either the event, or the poison record that replaces it.
 *
 * @param <T> the event type
 */
public sealed interface Decoded<T> {

    /** Where the message sat. */
    InboundPosition position();

    /** The message decoded into a valid event. */
    record Event<T>(T value, InboundPosition position) implements Decoded<T> {
    }

    /** The message could not be used; {@code poison} says where it was and why, never what it contained. */
    record Poison<T>(PoisonRecord poison, InboundPosition position) implements Decoded<T> {
    }
}
