package dev.ferry.extractor.config;

import dev.ferry.extractor.client.Backoff;
import dev.ferry.extractor.client.DentesClient;
import dev.ferry.extractor.client.DentesHttp;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.client.RecordSource;
import dev.ferry.extractor.client.UnsettledClient;
import dev.ferry.extractor.client.Sleeper;
import dev.ferry.extractor.client.ConfirmedMapClient;
import dev.ferry.extractor.client.SourceFieldsClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the Dr.DENTES client and the mapper client from {@link ExtractorConfig}. */
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

    /**
     * Single records by id through the same client (one throttle gate, one concurrency bound for the tenant): what a
     * delta run re-reads of the records whose last outcome was not a terminal success.
     */
    @Produces
    @Singleton
    RecordSource recordSource(PageSource pages) {
        if (pages instanceof RecordSource records) {
            return records;
        }
        return (path, id) -> {
            throw new IllegalStateException("this page source reads no single records");
        };
    }

    /** The audit service, asked by delta runs for the records whose last outcome was not a terminal success. */
    @Produces
    @Singleton
    UnsettledClient unsettled(ExtractorConfig config, AuthConfig auth) {
        return new UnsettledClient(config.delta().auditUrl(), DentesHttp.newHttpClient(Duration.ofSeconds(5)),
                auth.serviceToken());
    }

    /** The mapper, asked at each run's start which fields its mapping reads (the only ones published). */
    @Produces
    @Singleton
    SourceFieldsClient sourceFields(ExtractorConfig config, AuthConfig auth) {
        return new SourceFieldsClient(config.fields().mapperUrl(), DentesHttp.newHttpClient(Duration.ofSeconds(5)),
                auth.serviceToken());
    }

    /** The mapper, asked before a run starts which confirmed map it runs on (the map gate, issue 11). */
    @Produces
    @Singleton
    ConfirmedMapClient confirmedMaps(ExtractorConfig config, AuthConfig auth) {
        return new ConfirmedMapClient(config.fields().mapperUrl(), DentesHttp.newHttpClient(Duration.ofSeconds(5)),
                auth.serviceToken());
    }
}
