package dev.ferry.mapper.messaging;

import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.service.MapperMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Sends what this service cannot use to {@code ferry.poison} (where it was, why, how big; never its content) and logs
 * the same facts, so the input's offset can move on and the consumer stays healthy.
 */
@ApplicationScoped
public class PoisonReporter {

    private static final Logger LOG = Logger.getLogger(PoisonReporter.class);
    public static final String SERVICE = "mapper-service";

    private final Publisher publisher;
    private final MapperMetrics metrics;
    private final Clock clock;

    public PoisonReporter(Publisher publisher, MapperMetrics metrics, Clock clock) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param channel the consuming channel, e.g. {@code raw-patients-in}
     * @param key the record key (source or run id; never patient data), may be null
     * @param reason why; built from types and field paths, never from the content
     */
    public void report(String channel, String topic, int partition, long offset, String key, String reason,
            int sizeBytes, SourceResource resource) {
        PoisonRecord record = new PoisonRecord(SERVICE + "/" + channel, topic, partition, offset, key, reason, sizeBytes,
                clock.instant());
        LOG.warnf("poison message on %s partition %d offset %d (key %s, %d bytes): %s", topic, partition, offset, key,
                sizeBytes, reason);
        publisher.poison(record);
        metrics.count(resource, MapperMetrics.Result.POISON);
    }
}
