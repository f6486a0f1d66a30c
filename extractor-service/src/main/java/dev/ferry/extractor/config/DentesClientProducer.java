package dev.ferry.extractor.config;

import dev.ferry.extractor.client.Backoff;
import dev.ferry.extractor.client.DentesClient;
import dev.ferry.extractor.client.DentesHttp;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.client.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the Dr.DENTES client from {@link ExtractorConfig}. */
@ApplicationScoped
public class DentesClientProducer {

    @Produces
    @Singleton
    PageSource dentesClient(ExtractorConfig config, Clock clock, MeterRegistry metrics) {
        ExtractorConfig.Dentes dentes = config.dentes();
        ExtractorConfig.Retry retry = dentes.retry();
        DentesHttp http = new DentesHttp(dentes.baseUrl(), dentes.token(),
                DentesHttp.newHttpClient(dentes.connectTimeout()), dentes.requestTimeout());
        return new DentesClient(http,
                new DentesClient.Limits(retry.maxAttempts(), retry.maxThrottledAttempts(), retry.maxRetryAfter()),
                new Backoff(retry.initialDelay(), retry.maxDelay(), retry.jitter()),
                config.maxConcurrency(), clock, Sleeper.system(),
                kind -> metrics.counter("ferry.extractor.dentes.retries", "reason", kind.name()).increment());
    }
}
