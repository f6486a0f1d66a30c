package dev.ferry.loader.messaging;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.PoisonRecord;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/** Records refused messages on {@code ferry.poison}, acknowledged before the refused record's offset moves on. */
public class PoisonPublisher {

    private static final Logger LOG = Logger.getLogger(PoisonPublisher.class);

    private final Producer<String, byte[]> producer;
    private final String topic;

    public PoisonPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Returns true once Kafka acknowledged it. */
    public boolean publish(PoisonRecord p) throws InterruptedException {
        // Logged without content: where it sat and why, as the poison record itself.
        LOG.warnf("poison on %s-%d@%d (%d bytes): %s", p.topic(), p.partition(), p.offset(), p.sizeBytes(), p.reason());
        String key = p.topic() + "-" + p.partition() + "@" + p.offset();
        try {
            producer.send(new ProducerRecord<>(topic, key, FerryJson.encode(p))).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("recording poison on %s failed (%s)", topic, e.getClass().getSimpleName());
            return false;
        }
    }
}
