package dev.ferry.audit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** What the consumers count, for Prometheus at {@code /q/metrics}. */
@ApplicationScoped
public class AuditMetrics {

    private final MeterRegistry registry;
    private final Counter outcomesReceived;
    private final Counter outcomesStored;
    private final Timer outcomeBatch;

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.outcomesReceived = Counter.builder("ferry.audit.outcomes.received")
                .description("Outcome messages that decoded, replays included").register(registry);
        this.outcomesStored = Counter.builder("ferry.audit.outcomes.stored")
                .description("Outcomes stored for the first time (received minus replays)").register(registry);
        this.outcomeBatch = Timer.builder("ferry.audit.outcomes.batch")
                .description("Time to store one consumed batch of outcomes").register(registry);
    }

    public void outcomes(int received, int stored) {
        outcomesReceived.increment(received);
        outcomesStored.increment(stored);
    }

    public Timer outcomeBatch() {
        return outcomeBatch;
    }

    public void poison(String channel, int count) {
        if (count > 0) {
            registry.counter("ferry.audit.poison", "channel", channel).increment(count);
        }
    }
}
