package dev.ferry.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the audit service. Kafka channels and the datasource are configured with the usual Quarkus keys. */
@ConfigMapping(prefix = "ferry.audit")
public interface AuditConfig {

    /**
     * The name this service writes into the {@code consumer} field of the poison records it produces, followed by
     * {@code /<channel>} (for example {@code audit-service/outcomes-in}).
     */
    @WithDefault("audit-service")
    String serviceName();

    /**
     * How far back {@code GET /runs/{id}/progress} looks to compute records reaching a terminal state per minute
     * (and from that an ETA). A longer window smooths bursts; a shorter one reacts faster to a stalled run.
     */
    @WithDefault("PT5M")
    Duration rateWindow();

    /** Paging of the list endpoints. */
    Paging paging();

    /** How a batch whose ledger transaction failed is retried. */
    Ledger ledger();

    /** Publishing to {@code ferry.poison}. */
    Poison poison();

    /** Rollback of a run (issue 12). */
    Rollback rollback();

    /** The loader's Freshsales budget, as configured here: the ETAs of progress and of a rollback's dry run. */
    Budget budget();

    /** Publishing {@code RunFinished} once a run balances (issue 12). */
    RunFinished runFinished();

    /** The three-layer reconciliation of a run (issue 12): its third layer is the loader's read-back of Freshsales. */
    Reconcile reconcile();

    /** {@code POST /runs/{id}/reconcile}. */
    interface Reconcile {
        /**
         * The loader's base URL ({@code http://loader-service:8083}); its {@code GET /target/reconciliation} reads
         * Freshsales back. Unset: the reconciliation has its first two layers only and says the third is missing
         * (never clean).
         */
        java.util.Optional<String> loaderUrl();

        /**
         * How long the loader's read-back may take: it reads every record of the run, 100 a call, on the shared
         * budget (a 10,000-record run needs some hundred calls, minutes while a run writes).
         */
        @WithDefault("PT15M")
        Duration timeout();

        /** Ids listed per resource and per bucket (missing, surplus) at most; the counts are always whole. */
        @WithDefault("1000")
        int maxIds();
    }

    /**
     * The Freshsales account's budget the loaders share (the loader's {@code ferry.loader.budget.*}, the plan's limits),
     * configured here rather than read from the loader's {@code GET /budget}: the ETA needs the limits, which change
     * only with the plan, and a configured value adds no service-to-service edge, token or failure mode. Set the
     * same numbers as the loader (less its headroom, if any).
     */
    interface Budget {
        /** Freshsales calls a minute the loaders may use (every plan: 400). */
        @WithDefault("400")
        int callsPerMinute();

        /** Freshsales calls an hour the loaders may use (plans: 1000, 2000, 5000; the forest plan's 5000). */
        @WithDefault("5000")
        int callsPerHour();
    }

    /** Publishing {@code RunFinished} on {@code migration.runs} when a run balances. */
    interface RunFinished {
        /** Whether this service publishes RunFinished at all (off: the status keeps coming from reconciliation). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often the runs whose extraction finished are reconciled to see whether they balanced; each round
         * reconciles only runs without a RunFinished yet.
         */
        @WithDefault("PT5S")
        Duration checkInterval();

        /** How long publishing a RunFinished waits for the broker's acknowledgement before the next round retries. */
        @WithDefault("PT30S")
        Duration publishTimeout();
    }

    /** Rollback: how the rollback waits for a level's outcomes (its dry run's ETA uses {@link #budget()}). */
    interface Rollback {
        /** How often a running rollback looks whether every command of its level has its outcome. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** How long publishing one level's commands may wait for the broker's acknowledgement before it is retried. */
        @WithDefault("PT30S")
        Duration publishTimeout();

        /** How long a failed step (database or broker away) waits before the rollback tries it again. */
        @WithDefault("PT5S")
        Duration retryPause();
    }

    /** Paging of the list endpoints. */
    interface Paging {
        /** Page size when the caller gives none. */
        @WithDefault("100")
        int defaultSize();

        /** Largest page size a caller may ask for; larger requests are refused with 400. */
        @WithDefault("1000")
        int maxSize();
    }

    /**
     * Retries of a batch whose transaction failed for a reason other than its data (connection lost, deadlock,
     * serialization failure, database down). Data the database refuses (SQLSTATE classes 22 and 23) is not retried:
     * the batch is split and the refused messages become poison. The whole retry budget must stay well below the
     * Kafka connector's 60 s unprocessed-record max age; when it is spent the channel fails (liveness DOWN), nothing
     * is acked, and the restarted consumer re-reads from the last committed offset.
     */
    interface Ledger {
        /** Attempts per batch, the first one included. */
        @WithDefault("5")
        int attempts();

        /** Pause before the second attempt; doubled before each further one. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        /** Upper bound of a single pause. */
        @WithDefault("PT8S")
        Duration maxBackoff();
    }

    /** Publishing to {@code ferry.poison}. */
    interface Poison {
        /** How long to wait for the broker to acknowledge a poison record before failing the batch (not acked). */
        @WithDefault("PT30S")
        Duration publishTimeout();
    }
}
