package dev.ferry.mapper.service;

import dev.ferry.contracts.DatabaseOutage;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Waits out PostgreSQL and Kafka outages on a consumer thread instead of letting the channel fail (issue 8, hole 4):
 * the record's work is tried again, with a pause growing to {@code ferry.mapper.outage-max-pause} (30 s), until it
 * goes through; the record is not acked meanwhile, so its offset is not committed. The work must be replay-safe (the mapper's is: emissions are recognised
 * by command id and payload hash). Anything that is not an outage (a bug) is thrown at once.
 */
public final class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);

    private Outages() {
    }

    /**
     * Runs {@code work} until it completes, waiting out outages; {@code pause} sleeps between attempts, the pause
     * doubling up to {@code maxPause}.
     */
    public static void waitOut(String what, Runnable work, Consumer<Duration> pause, Duration maxPause) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                if (attempt > 1) {
                    LOG.infof("%s goes through again after %d attempts", what, attempt);
                }
                return;
            } catch (RuntimeException e) {
                if (!isOutage(e)) {
                    throw e;
                }
                LOG.warnf("%s waits for the infrastructure (attempt %d): %s", what, attempt, e.getClass().getSimpleName());
                pause.accept(Duration.ofMillis(Math.min(maxPause.toMillis(), 250L << Math.min(attempt, 10))));
            }
        }
    }

    /** {@link Thread#sleep}, giving up (and so nacking the record) when the thread is interrupted by a shutdown. */
    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting out an outage", e);
        }
    }

    /** Whether {@code e} or one of its causes says PostgreSQL or Kafka is away, rather than the work being wrong. */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                return DatabaseOutage.isAwayOrRolledBack(sql);
            }
        }
        return false;
    }
}
