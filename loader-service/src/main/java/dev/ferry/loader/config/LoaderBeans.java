package dev.ferry.loader.config;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.budget.BudgetLimits;
import dev.ferry.loader.budget.PgBudgetStore;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.ApiKey;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.rollback.RollbackExecutor;
import dev.ferry.loader.store.RollbackDone;
import dev.ferry.loader.client.FreshsalesHttp;
import dev.ferry.loader.messaging.KafkaClients;
import dev.ferry.loader.messaging.KafkaOutboxPublisher;
import dev.ferry.loader.messaging.OffsetTracker;
import dev.ferry.loader.service.CommandProcessor;
import dev.ferry.loader.service.LoaderMetrics;
import dev.ferry.loader.service.TargetWriter;
import dev.ferry.loader.service.WorkItem;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.Outbox;
import dev.ferry.loader.store.ParkedStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.Config;

/** Builds the loader's parts from configuration; the parts themselves are plain classes that tests build by hand. */
@ApplicationScoped
public class LoaderBeans {

    @Produces
    @Singleton
    LoaderIdentity identity(LoaderConfig config) {
        String host = System.getenv().getOrDefault("HOSTNAME", "loader");
        return new LoaderIdentity(config.instanceId()
                .orElse(host + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RateBudget rateBudget(LoaderConfig config, Jdbc jdbc, LoaderIdentity identity) {
        return new RateBudget(new PgBudgetStore(jdbc, identity.instanceId()), account(config),
                BudgetLimits.from(config.budget()), Sleeper.REAL, config.budget().maxSleepSlice());
    }

    /** The budget's name: configured, else the host of the API URL (which names the Freshsales account). */
    static String account(LoaderConfig config) {
        return config.freshsales().account().filter(a -> !a.isBlank()).orElseGet(() -> {
            URI uri = URI.create(config.freshsales().baseUrl());
            String host = uri.getHost() == null ? "freshsales" : uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
        });
    }

    /** The shared budget's gauges and counters on /q/metrics, registered at start-up. */
    @Produces
    @Singleton
    @io.quarkus.runtime.Startup
    dev.ferry.loader.service.BudgetMetrics budgetMetrics(MeterRegistry registry, RateBudget budget) {
        return dev.ferry.loader.service.BudgetMetrics.register(registry, budget);
    }

    @Produces
    @Singleton
    LoaderMetrics metrics(MeterRegistry registry) {
        return new LoaderMetrics(registry);
    }

    @Produces
    @Singleton
    FreshsalesHttp freshsalesHttp(LoaderConfig config, RateBudget budget, Clock clock, LoaderMetrics metrics) {
        LoaderConfig.Freshsales f = config.freshsales();
        return new FreshsalesHttp(FreshsalesHttp.newHttpClient(f.connectTimeout()), URI.create(f.baseUrl()),
                new ApiKey(f.apiKey()), budget, clock, f.requestTimeout(), metrics);
    }

    @Produces
    @Singleton
    FreshsalesClient freshsalesClient(FreshsalesHttp http) {
        return new FreshsalesClient(http);
    }

    @Produces
    @Singleton
    TargetWriter targetWriter(FreshsalesClient client, LoaderConfig config, Clock clock) {
        LoaderConfig.Dentes d = config.dentes();
        dev.ferry.loader.client.DentesContent source = new dev.ferry.loader.client.DentesContent(
                FreshsalesHttp.newHttpClient(d.connectTimeout()), d.baseUrl(), d.token(), d.requestTimeout());
        return new TargetWriter(client, config.bulk(), config.retry(), Sleeper.REAL, clock,
                new dev.ferry.loader.service.DocumentUploads(client, source, d.uploadBytesPerSecond()));
    }

    @Produces
    @Singleton
    Producer<String, byte[]> producer(Config config, LoaderIdentity identity) {
        return new KafkaClients(config).producer("ferry-loader-" + identity.instanceId());
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    KafkaOutboxPublisher outboxPublisher(Jdbc jdbc, Outbox outbox, Producer<String, byte[]> producer) {
        return new KafkaOutboxPublisher(jdbc, outbox, producer);
    }

    @Produces
    @Singleton
    CommandProcessor processor(Jdbc jdbc, IdLedger ledger, ParkedStore parked, Outbox outbox,
            KafkaOutboxPublisher publisher, TargetWriter writer, Clock clock, LoaderIdentity identity,
            LoaderConfig config, LoaderMetrics metrics, FreshsalesClient client, RollbackDone done) {
        RollbackExecutor rollback = new RollbackExecutor(jdbc, ledger, done, outbox, publisher, client, clock,
                config.consumer().outcomesTopic(), metrics::outcome);
        return new CommandProcessor(jdbc, ledger, parked, outbox, publisher, writer, clock, identity.instanceId(),
                config.consumer().outcomesTopic(), config.parking().timeout(), config.retry().unsettledPause(),
                metrics::outcome, rollback);
    }

    @Produces
    @Singleton
    BatchAccumulator<WorkItem> accumulator(LoaderConfig config, Clock clock) {
        return new BatchAccumulator<>(Math.min(100, Math.max(1, config.batchSize())), config.batchLinger(), clock,
                WorkItem::group, WorkItem::key);
    }

    @Produces
    @Singleton
    OffsetTracker offsetTracker() {
        return new OffsetTracker();
    }
}
