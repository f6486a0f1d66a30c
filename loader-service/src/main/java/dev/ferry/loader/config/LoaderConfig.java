package dev.ferry.loader.config;

import dev.ferry.contracts.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Everything the loader can be told. Every key has a default that works against the local sandbox. */
@ConfigMapping(prefix = "ferry.loader")
public interface LoaderConfig {

    /**
     * The name this process uses for itself in intents, parked-row claims and budget grants. Defaults to the host
     * name (a pod name on Kubernetes) plus a random suffix, so two processes never share one.
     */
    Optional<String> instanceId();

    /** Most commands of one target written in one bulk job (Freshsales' bulk limit is 100). */
    @WithDefault("100")
    @WithName("batch-size")
    int batchSize();

    /** How long a command may wait for its batch to fill before the batch is written anyway. */
    @WithDefault("PT2S")
    @WithName("batch-linger")
    Duration batchLinger();

    /** The Freshsales account the loader writes to. */
    Freshsales freshsales();

    /** The account's API budget, shared by every replica through PostgreSQL. */
    Budget budget();

    /**
     * The Dr.DENTES tenant the loader reads attachment bytes from (issue 10): Kafka carries only an attachment's
     * metadata, and the loader streams the file from here into Freshsales.
     */
    Dentes dentes();

    /** Bulk upsert jobs. */
    Bulk bulk();

    /** Retries of calls that failed for a reason that may pass (5xx, network). */
    Retry retry();

    /** Commands waiting for their parents. */
    Parking parking();

    /** Write-ahead intents. */
    Intents intents();

    /** The command consumer. */
    Consumer consumer();

    /** {@code GET /target/metadata}. */
    Metadata metadata();

    interface Freshsales {
        /** API prefix of the account, e.g. {@code https://acme.myfreshworks.com/crm/sales/api}. */
        @WithDefault("http://127.0.0.1:8091/crm/sales/api")
        String baseUrl();

        /**
         * The integration user's API key, sent as {@code Authorization: Token token=<key>}. A secret: never logged,
         * never in an exception message or an outcome. Set it through {@code FERRY_LOADER_FRESHSALES_API_KEY}.
         */
        @WithDefault("ferry-sandbox-key")
        String apiKey();

        /**
         * The name of the shared rate budget. Every loader that writes to the same Freshsales account must use the
         * same name; empty means the host of {@link #baseUrl()}, which is the account's own name.
         */
        Optional<String> account();

        /** TCP connect timeout. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /**
         * How long one call may take before the loader treats it as lost. A lost write is ambiguous: it is resolved by
         * a lookup before it is retried.
         */
        @WithDefault("PT30S")
        Duration requestTimeout();
    }

    interface Dentes {
        /** The tenant's base URL; content is read from {@code {base-url}/api/v1/attachments/{id}/content}. */
        @WithDefault("http://127.0.0.1:8092")
        String baseUrl();

        /**
         * The tenant's API token, sent as {@code Authorization: Bearer <token>}. A secret: never logged, never in an
         * outcome. Set it through {@code FERRY_LOADER_DENTES_TOKEN}.
         */
        @WithDefault("dentes-sandbox-token")
        String token();

        /** TCP connect timeout. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** How long the answer's headers may take; the file's bytes are then read as the upload sends them. */
        @WithDefault("PT30S")
        Duration requestTimeout();

        /**
         * The slowest rate, in bytes per second, a file is expected to move from Dr.DENTES into Freshsales: an upload
         * may take the Freshsales request timeout plus its size at this rate before it counts as lost (then it is
         * looked for on its parent before anything is sent again). Default 1 MiB/s.
         */
        @WithDefault("1048576")
        long uploadBytesPerSecond();
    }

    interface Budget {
        /** Calls per hour the account's plan allows (Blossom/Garden 1000, Estate 2000, Forest 5000). */
        @WithDefault("1000")
        int perHour();

        /** Calls per minute the account's plan allows (400 on every current plan). */
        @WithDefault("400")
        int perMinute();

        /** Share of both budgets left to other integrations on the same account, in percent. */
        @WithDefault("10")
        int headroomPercent();

        /** Length of the per-minute window. Only a sandbox running on a time scale needs another value. */
        @WithDefault("PT1M")
        Duration minuteWindow();

        /** Length of the hourly window. Only a sandbox running on a time scale needs another value. */
        @WithDefault("PT1H")
        Duration hourWindow();

        /**
         * Added to both windows, so that calls granted just over a window apart but arriving closer together (network
         * jitter) still fall into different windows on the server.
         */
        @WithDefault("PT1S")
        Duration windowMargin();

        /** How long to stop calling after a 429 that says nothing about when the budget frees up. */
        @WithDefault("PT60S")
        Duration backoffOn429();

        /**
         * Which budget the {@code X-RateLimit-*} headers describe: {@code HOUR}, {@code MINUTE}, or {@code AUTO}
         * (the one whose limit is closest to {@code X-RateLimit-Limit}).
         */
        @WithDefault("AUTO")
        HeaderBucket headerBucket();

        /** Longest single sleep while waiting for budget, so shutdown is never held up for long. */
        @WithDefault("PT1S")
        Duration maxSleepSlice();
    }

    enum HeaderBucket { AUTO, HOUR, MINUTE }

    interface Bulk {
        /** Whether accounts and contacts go through {@code bulk_upsert} at all. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Smallest batch worth a bulk job. A job costs a submit, at least one poll and a lookup, so one or two records
         * are cheaper as single upserts.
         */
        @WithDefault("4")
        int minSize();

        /** Pause between two polls of a job's status. */
        @WithDefault("PT2S")
        Duration pollInterval();

        /** Longest a job may stay unfinished before its records are resolved by lookup and written singly. */
        @WithDefault("PT10M")
        Duration jobTimeout();

        /** How often a {@code bulk_upsert} answered with 405 is submitted again before falling back to single upserts. */
        @WithDefault("5")
        int retriesOn405();

        /** Pause before submitting again after a 405. */
        @WithDefault("PT5S")
        Duration backoffOn405();
    }

    interface Retry {
        /**
         * Attempts per call for 5xx answers and network failures. When every attempt is used up the command does not
         * fail: its write-ahead intent stays open and it waits parked for {@link #unsettledPause()}, then looks its
         * record up before writing again (the write may have landed).
         */
        @WithDefault("5")
        int maxAttempts();

        /**
         * How long a command Freshsales gave no definitive answer for waits, parked and visible on {@code GET /parked},
         * before it is tried again. It is tried again for as long as the trouble lasts; it never fails for it.
         */
        @WithDefault("PT30S")
        Duration unsettledPause();

        /** First pause between attempts; doubles each time. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        /** Longest pause between attempts. */
        @WithDefault("PT60S")
        Duration maxBackoff();

        /**
         * Longest pause between two tries while PostgreSQL, Kafka or Freshsales is away (the writer's batch, the
         * consumer's poll loop); the pause doubles up to it. Once the outage ends, work resumes within this long. The
         * end-to-end suite shrinks it so a row's outage is not followed by half a minute of waiting.
         */
        @WithDefault("PT30S")
        Duration outageMaxPause();
    }

    interface Parking {
        /** How often parked commands are checked for parents that have landed. */
        @WithDefault("PT1S")
        Duration releaseInterval();

        /**
         * How long a claim on released commands lasts without renewal. A live replica renews its claims every
         * {@code claim-renew-interval}; a replica that dies (SIGKILL, OOM, node lost) stops renewing, and its claimed
         * commands pass to whichever replica (or its own restart) claims next, at most this long after its last
         * renewal. Must be at least twice {@code claim-renew-interval}.
         */
        @WithDefault("PT30S")
        Duration claimLease();

        /** How often a replica extends the claims it holds (its lease's heartbeat). */
        @WithDefault("PT10S")
        Duration claimRenewInterval();

        /**
         * How long a command may wait for a parent that never arrives (a parent the mapper rejected never reaches the
         * loader) before it fails with cause {@code parent-missing}.
         */
        @WithDefault("P1D")
        Duration timeout();
    }

    interface Intents {
        /**
         * Age after which an open intent is presumed abandoned (its process died) and resolved by lookup even if its
         * command never comes back. Must exceed the longest bulk job.
         */
        @WithDefault("PT15M")
        Duration abandonedAfter();

        /** How often abandoned intents are looked for. */
        @WithDefault("PT1M")
        Duration sweepInterval();
    }

    interface Consumer {
        /** Whether this process consumes commands at all (a metadata-only replica would say false). */
        @WithDefault("true")
        boolean enabled();

        /** Topic the commands come from. */
        @WithDefault(Topics.COMMANDS)
        String commandsTopic();

        /** Topic outcomes go to. */
        @WithDefault(Topics.OUTCOMES)
        String outcomesTopic();

        /** Topic undecodable messages are recorded on. */
        @WithDefault(Topics.POISON)
        String poisonTopic();

        /** Consumer group of every loader replica. */
        @WithDefault("ferry-loader")
        String groupId();

        /** Commands read but not yet written above which the consumer pauses its partitions. */
        @WithDefault("1000")
        int maxBuffered();

        /** How often completed offsets are committed. */
        @WithDefault("PT1S")
        Duration commitInterval();

        /**
         * How long a rebalance waits for the records the writer holds before handing the partitions over anyway. The
         * writer lets go of them before its next call, so this needs to outlast one call ({@code request-timeout})
         * and one database transaction; it must stay below the consumer's {@code max.poll.interval.ms} (300 s).
         */
        @WithDefault("PT90S")
        Duration revokeTimeout();

        /** The consumer counts as dead when its loop has not turned for this long. */
        @WithDefault("PT60S")
        Duration stallThreshold();
    }

    interface Metadata {
        /** How long {@code GET /target/metadata} answers from its cache before it reads Freshsales again. */
        @WithDefault("PT60S")
        Duration cacheTtl();
    }
}
