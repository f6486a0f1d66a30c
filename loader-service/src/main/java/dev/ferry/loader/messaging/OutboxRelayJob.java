package dev.ferry.loader.messaging;

import dev.ferry.loader.service.LoaderLifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows that stayed behind (their process died between the ledger commit and Kafka's
 * acknowledgement, or another replica's did). Rows younger than half a minute belong to a publisher still at work.
 */
@ApplicationScoped
public class OutboxRelayJob {

    private static final Logger LOG = Logger.getLogger(OutboxRelayJob.class);

    private final KafkaOutboxPublisher publisher;
    private final LoaderLifecycle lifecycle;

    public OutboxRelayJob(KafkaOutboxPublisher publisher, LoaderLifecycle lifecycle) {
        this.publisher = publisher;
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "5s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (!lifecycle.started()) {
            return;
        }
        int n = publisher.relay(Instant.now().minusSeconds(30), 500);
        if (n > 0) {
            LOG.infof("relayed %d outcomes left in the outbox", n);
        }
    }
}
