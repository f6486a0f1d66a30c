package dev.ferry.loader.health;

import dev.ferry.loader.config.LoaderConfig;
import dev.ferry.loader.messaging.CommandConsumer;
import dev.ferry.loader.service.LoaderLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the consumer loop keeps turning and the writer thread runs. Waiting for rate budget is not a stall:
 * the loop keeps polling (paused) while the writer waits.
 */
@Liveness
@ApplicationScoped
public class CommandConsumerHealth implements HealthCheck {

    private final LoaderLifecycle lifecycle;
    private final LoaderConfig config;

    public CommandConsumerHealth(LoaderLifecycle lifecycle, LoaderConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("loader-pipeline");
        if (!lifecycle.started()) {
            return b.up().withData("starting", true).build();
        }
        boolean writer = lifecycle.workerThreadAlive();
        b.withData("writer", writer);
        boolean ok = writer;
        CommandConsumer c = lifecycle.consumer();
        if (c != null) {
            Duration since = Duration.between(c.lastLoop(), Instant.now());
            boolean consumer = lifecycle.consumerThreadAlive() && since.compareTo(config.consumer().stallThreshold()) < 0;
            b.withData("consumer", consumer).withData("lastLoopMillisAgo", since.toMillis());
            ok &= consumer;
        }
        return b.status(ok).build();
    }
}
