package dev.ferry.loader.service;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.config.LoaderConfig;
import dev.ferry.loader.config.LoaderIdentity;
import dev.ferry.loader.messaging.CommandConsumer;
import dev.ferry.loader.messaging.CommandDecoder;
import dev.ferry.loader.messaging.KafkaClients;
import dev.ferry.loader.messaging.KafkaOutboxPublisher;
import dev.ferry.loader.messaging.OffsetTracker;
import dev.ferry.loader.messaging.PoisonPublisher;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.ParkedStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Starts the loader's threads once the schema is migrated, and stops them in order: first the consumer (it commits
 * what is durable), then the writer (after its current batch), then parked commands it had claimed but not started
 * are handed back.
 *
 * <p>At start, outbox rows a dead process left behind are published before anything else, and open intents need no
 * special pass: their commands come back (uncommitted Kafka offsets, or still parked) and are resolved by lookup.
 */
@ApplicationScoped
public class LoaderLifecycle {

    private static final Logger LOG = Logger.getLogger(LoaderLifecycle.class);

    private final LoaderConfig config;
    private final LoaderIdentity identity;
    private final Config rawConfig;
    private final BatchAccumulator<WorkItem> accumulator;
    private final OffsetTracker tracker;
    private final CommandProcessor processor;
    private final KafkaOutboxPublisher publisher;
    private final Producer<String, byte[]> producer;
    private final Jdbc jdbc;
    private final ParkedStore parked;
    private final Clock clock;
    private volatile CommandConsumer consumer;
    private volatile LoadWorker worker;
    private volatile Thread consumerThread;
    private volatile Thread workerThread;
    private volatile boolean started;

    public LoaderLifecycle(LoaderConfig config, LoaderIdentity identity, Config rawConfig,
            BatchAccumulator<WorkItem> accumulator, OffsetTracker tracker, CommandProcessor processor,
            KafkaOutboxPublisher publisher, Producer<String, byte[]> producer, Jdbc jdbc, ParkedStore parked,
            Clock clock) {
        this.config = config;
        this.identity = identity;
        this.rawConfig = rawConfig;
        this.accumulator = accumulator;
        this.tracker = tracker;
        this.processor = processor;
        this.publisher = publisher;
        this.producer = producer;
        this.jdbc = jdbc;
        this.parked = parked;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        checkClaimLease(config.parking().claimLease(), config.parking().claimRenewInterval());
        int relayed;
        int total = 0;
        try {
            do {
                relayed = publisher.relay(Instant.now().plusSeconds(3600), 500);
                total += relayed;
            } while (relayed > 0);
        } catch (RuntimeException e) {
            // Kafka not reachable yet: the relay job publishes them once it is.
            LOG.warnf("could not publish leftover outcomes at start (%s); the relay will", e.getMessage());
        }
        if (total > 0) {
            LOG.infof("published %d outcomes a previous process had committed but not sent", total);
        }
        worker = new LoadWorker(accumulator, processor, tracker, item -> {
            try {
                processor.failUnprocessable(item, "the command could not be processed; see the loader's log");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        });
        worker.outageMaxPause(config.retry().outageMaxPause());
        workerThread = new Thread(worker, "ferry-loader-writer");
        workerThread.start();
        if (config.consumer().enabled()) {
            LoaderConfig.Consumer c = config.consumer();
            consumer = new CommandConsumer(
                    new KafkaClients(rawConfig).consumer(c.groupId(), "ferry-loader-" + identity.instanceId()),
                    c.commandsTopic(), new CommandDecoder("loader-service/" + c.commandsTopic()),
                    new PoisonPublisher(producer, c.poisonTopic()), accumulator, tracker, c.maxBuffered(),
                    c.commitInterval(), c.revokeTimeout(), clock);
            consumer.outageMaxPause(config.retry().outageMaxPause());
            consumerThread = new Thread(consumer, "ferry-loader-consumer");
            consumerThread.start();
        }
        started = true;
        LOG.infof("loader %s started (consumer %s)", identity.instanceId(),
                config.consumer().enabled() ? "on " + config.consumer().commandsTopic() : "off");
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
        if (consumer != null) {
            consumer.stop();
            join(consumerThread, 15_000);
        }
        if (worker != null) {
            worker.stop();
            join(workerThread, 30_000);
            if (workerThread.isAlive()) {
                // A write waiting on the budget: interrupt it; its intent stays open and is resolved by lookup later.
                workerThread.interrupt();
                join(workerThread, 5_000);
            }
        }
        List<WorkItem> unstarted = accumulator.removeIf(i -> i.origin() instanceof WorkItem.FromParking);
        if (!unstarted.isEmpty()) {
            jdbc.inTransaction(c -> {
                for (WorkItem i : unstarted) {
                    parked.unclaim(c, i.parkedId());
                }
                return null;
            });
        }
    }

    /**
     * A lease that could lapse between two renewals would let another replica take commands this live process is
     * still working on; refuse to start with one.
     */
    static void checkClaimLease(Duration lease, Duration renewEvery) {
        if (renewEvery.isZero() || renewEvery.isNegative() || lease.compareTo(renewEvery.multipliedBy(2)) < 0) {
            throw new IllegalStateException("ferry.loader.parking.claim-lease (" + lease + ") must be at least twice "
                    + "ferry.loader.parking.claim-renew-interval (" + renewEvery + "), which must be positive");
        }
    }

    private static void join(Thread t, long millis) {
        if (t == null) {
            return;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean started() {
        return started;
    }

    public CommandConsumer consumer() {
        return consumer;
    }

    public boolean consumerThreadAlive() {
        return consumerThread != null && consumerThread.isAlive();
    }

    public boolean workerThreadAlive() {
        return workerThread != null && workerThread.isAlive();
    }

    public LoadWorker worker() {
        return worker;
    }
}
