package dev.ferry.audit.service;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.messaging.RunFinishedPublisher;
import dev.ferry.contracts.RunEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes {@code RunFinished} once per run (issue 12): every {@code ferry.audit.run-finished.check-interval} it
 * reconciles the runs whose extraction finished and that have no RunFinished yet ({@link RunFinishedStore#candidates});
 * a balanced one ({@link RunFinishDecision}) gets its RunFinished published, and, once the broker acknowledged it, a
 * row in {@code run_finished_published}. A restart finds the row and publishes nothing; a crash between the ack and
 * the row republishes the identical event (deterministic id and time), which every reader keeps once. The audit reads
 * its own event back on {@code runs-in} like anyone's: the run's status then comes from the event.
 *
 * <p>Checked on a timer rather than after each ledger batch so the consumers' transactions stay as they are and a
 * database or broker that is away costs one skipped round, not a failed batch.
 */
@ApplicationScoped
public class RunFinisher {

    private static final Logger LOG = Logger.getLogger(RunFinisher.class);

    private final RunFinishedStore store;
    private final AuditQueries queries;
    private final RunFinishedPublisher publisher;
    private final AuditConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-run-finisher");
        t.setDaemon(true);
        return t;
    });

    public RunFinisher(RunFinishedStore store, AuditQueries queries, RunFinishedPublisher publisher,
            AuditConfig config, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent e) {
        if (!config.runFinished().enabled()) {
            LOG.info("publishing RunFinished is off (ferry.audit.run-finished.enabled=false)");
            return;
        }
        long every = Math.max(100, config.runFinished().checkInterval().toMillis());
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent e) {
        timer.shutdownNow();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (SQLException ex) {
            LOG.warnf("could not look for finished runs (SQLSTATE %s); trying again at the next check",
                    ex.getSQLState());
        } catch (RuntimeException ex) {
            // Broker away, a publish timeout, a read that failed: the next round tries again (nothing was recorded).
            LOG.warnf("could not publish RunFinished (%s); trying again at the next check",
                    ex.getClass().getSimpleName());
        }
    }

    /** One round: publishes RunFinished for every run that balanced since the last. Returns how many it published. */
    public synchronized int check() throws SQLException {
        int published = 0;
        for (String runId : store.candidates()) {
            Optional<RunEvent.RunFinished> event = RunFinishDecision.decide(queries.run(runId), store.published(runId));
            if (event.isPresent()) {
                publisher.publish(event.get());
                store.markPublished(event.get(), clock.instant());
                LOG.infof("run %s finished: %s; RunFinished published", runId, event.get().status());
                published++;
            }
        }
        return published;
    }
}
