package dev.ferry.audit.messaging;

import dev.ferry.audit.ledger.Decoded;
import dev.ferry.audit.ledger.InboundPosition;
import dev.ferry.audit.ledger.LedgerText;
import dev.ferry.audit.ledger.PoisonMaker;
import dev.ferry.contracts.ContractViolation;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.PoisonRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Turns consumed bytes into events with {@link FerryJson} (never a Kafka deserializer, whose failures would stop the
 * channel before our code sees the message). A message that does not decode, or decodes into something the ledger
 * cannot use, becomes a {@link PoisonRecord} that names the place and the reason and never quotes the content.
 *
 * @param <T> the event type
 */
public final class EventDecoder<T> implements PoisonMaker {

    private static final Logger LOG = Logger.getLogger(EventDecoder.class);

    private final Class<T> type;
    private final String consumer;
    private final Function<T, Optional<String>> rules;
    private final Clock clock;

    /**
     * @param type the event type
     * @param consumer the service and channel named in poison records ({@code audit-service/outcomes-in})
     * @param rules what makes a decoded event unusable, as a reason without content; empty when usable
     * @param clock when a refusal happened
     */
    public EventDecoder(Class<T> type, String consumer, Function<T, Optional<String>> rules, Clock clock) {
        this.type = type;
        this.consumer = consumer;
        this.rules = rules;
        this.clock = clock;
    }

    public Decoded<T> decode(ConsumerRecord<String, byte[]> record) {
        InboundPosition position = positionOf(record);
        T event;
        try {
            event = FerryJson.decode(record.value(), type);
        } catch (ContractViolation e) {
            // FerryJson's messages name the type and JSON path only, by contract.
            return poison(position, e.getMessage());
        }
        Optional<String> refusal = rules.apply(event);
        if (refusal.isPresent()) {
            return poison(position, "unusable " + type.getSimpleName() + ": " + refusal.get());
        }
        return new Decoded.Event<>(event, position);
    }

    /** A poison record for a message at {@code position}, refused now by this decoder's consumer. */
    public Decoded<T> poison(InboundPosition position, String reason) {
        return new Decoded.Poison<>(poisonFor(position, reason), position);
    }

    @Override
    public PoisonRecord poisonFor(InboundPosition position, String reason) {
        // Place and reason only: the reason never quotes the content (FerryJson's contract, and ours).
        LOG.warnf("%s refused the message at %s-%d@%d (%d bytes): %s", consumer, position.topic(),
                position.partition(), position.offset(), position.sizeBytes(), reason);
        return poisonRecord(consumer, position, reason, clock);
    }

    public static PoisonRecord poisonRecord(String consumer, InboundPosition position, String reason, Clock clock) {
        return new PoisonRecord(consumer, position.topic(), position.partition(), position.offset(), position.key(),
                reason, position.sizeBytes(), clock.instant());
    }

    /**
     * Where {@code record} sat, its key cut to {@link InboundPosition#MAX_KEY_LENGTH} and made storable
     * ({@link LedgerText}): a key with a NUL must not make the poison record that names it unstorable too.
     */
    static InboundPosition positionOf(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key != null && key.length() > InboundPosition.MAX_KEY_LENGTH) {
            key = key.substring(0, InboundPosition.MAX_KEY_LENGTH);
        }
        key = LedgerText.clean(key);
        byte[] value = record.value();
        return new InboundPosition(record.topic(), record.partition(), record.offset(), key,
                value == null ? 0 : value.length, Instant.ofEpochMilli(Math.max(0, record.timestamp())));
    }

    public String consumer() {
        return consumer;
    }
}
