package dev.ferry.loader.messaging;

import dev.ferry.loader.service.OutboxPublisher;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.Outbox;
import dev.ferry.loader.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to Kafka and deletes them once acknowledged, in one transaction that holds the rows' locks (so two
 * relays never send the same row at the same time). Kafka being away is waited out: the loader cannot finish
 * anything without it.
 */
public class KafkaOutboxPublisher implements OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaOutboxPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final Producer<String, byte[]> producer;

    public KafkaOutboxPublisher(Jdbc jdbc, Outbox outbox, Producer<String, byte[]> producer) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.producer = producer;
    }

    @Override
    public void publish(List<Long> outboxIds) throws InterruptedException {
        if (outboxIds.isEmpty()) {
            return;
        }
        while (true) {
            try {
                jdbc.inTransaction(c -> {
                    List<Outbox.Message> rows = outbox.lock(c, outboxIds);
                    send(rows);
                    outbox.delete(c, rows.stream().map(Outbox.Message::id).toList());
                    return null;
                });
                return;
            } catch (PublishFailed | StoreException e) {
                LOG.warnf("publishing %d outcomes failed (%s); retrying in %d s", outboxIds.size(), e.getMessage(),
                        RETRY_PAUSE.toSeconds());
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /** Publishes rows older than {@code before} that nobody published (their process died after committing them). */
    public int relay(Instant before, int limit) {
        return jdbc.inTransaction(c -> {
            List<Outbox.Message> rows = outbox.lockOldest(c, before, limit);
            send(rows);
            outbox.delete(c, rows.stream().map(Outbox.Message::id).toList());
            return rows.size();
        });
    }

    private void send(List<Outbox.Message> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Outbox.Message m : rows) {
            acks.add(producer.send(new ProducerRecord<>(m.topic(), m.key(), m.payload())));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailed("interrupted while waiting for Kafka");
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new PublishFailed("Kafka did not acknowledge (" + cause.getClass().getSimpleName() + ")");
            }
        }
    }

    /** Kafka did not acknowledge; the transaction rolls back and the rows stay. */
    static final class PublishFailed extends OutboxPublisher.Unacknowledged {
        PublishFailed(String message) {
            super(message);
        }
    }
}
