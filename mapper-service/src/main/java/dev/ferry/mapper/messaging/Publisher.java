package dev.ferry.mapper.messaging;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Produces to {@code freshsales.commands}, {@code freshsales.outcomes} and {@code ferry.poison}, and waits for the
 * broker's acknowledgement (producers run with {@code acks=all} and idempotence): when a send returns, the message is
 * durable, and only then may the caller record it or let its input offset be committed. A refused send throws.
 */
@ApplicationScoped
public class Publisher {

    private final MutinyEmitter<byte[]> commands;
    private final MutinyEmitter<byte[]> outcomes;
    private final MutinyEmitter<byte[]> poison;
    private final String commandsTopic;
    private final String outcomesTopic;

    public Publisher(@Channel("commands-out") MutinyEmitter<byte[]> commands,
            @Channel("outcomes-out") MutinyEmitter<byte[]> outcomes,
            @Channel("poison-out") MutinyEmitter<byte[]> poison,
            @ConfigProperty(name = "mp.messaging.outgoing.commands-out.topic") String commandsTopic,
            @ConfigProperty(name = "mp.messaging.outgoing.outcomes-out.topic") String outcomesTopic) {
        this.commands = commands;
        this.outcomes = outcomes;
        this.poison = poison;
        this.commandsTopic = commandsTopic;
        this.outcomesTopic = outcomesTopic;
    }

    public String commandsTopic() {
        return commandsTopic;
    }

    public String outcomesTopic() {
        return outcomesTopic;
    }

    /** A load command, keyed by its partition key (the patient's id, or the record's own). */
    public void command(String partitionKey, byte[] value) {
        send(commands, partitionKey, value);
    }

    /** An outcome, keyed like every other outcome of the record ({@link Topics#outcomeKey}). */
    public void outcome(SourceResource resource, String sourceId, byte[] value) {
        send(outcomes, Topics.outcomeKey(resource, sourceId), value);
    }

    /** A message this service could not use; keyed by the input's key when it had one. */
    public void poison(PoisonRecord record) {
        send(poison, record.key(), FerryJson.encode(record));
    }

    private static void send(MutinyEmitter<byte[]> emitter, String key, byte[] value) {
        Message<byte[]> message = Message.of(value);
        if (key != null) {
            message = message.addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        }
        emitter.sendMessageAndAwait(message);
    }
}
