package dev.ferry.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every extractor-specific setting, under {@code ferry.extractor}. Each one can be set by environment variable. */
@ConfigMapping(prefix = "ferry.extractor")
public interface ExtractorConfig {

    /**
     * Mapping version stamped on {@code RunStarted} when the map gate is off ({@code ferry.extractor.map-gate.required
     * =false}); with the gate on (the default) a run names the confirmed map it was started on instead.
     */
    @WithDefault("dentes-freshsales/v1")
    String mappingVersion();

    /**
     * Most page requests in flight to Dr.DENTES at once, across every resource and run of this extractor. The tenant's
     * API is the bottleneck and the thing to be polite to.
     */
    @WithDefault("4")
    int maxConcurrency();

    /** Whether runs that were queued or running when the extractor last stopped are resumed at start-up. */
    @WithDefault("true")
    boolean resumeOnStart();

    /**
     * The resources a run extracts when the request names none, in the order they are listed. Later issues add the
     * other ten resources here, not in code.
     */
    @WithDefault("practitioners,clinics,patients")
    List<String> resources();

    /**
     * Which resources must be completely extracted (manifest counted) before a resource starts, e.g.
     * {@code ferry.extractor.depends-on.patients=practitioners,clinics}. Resources without an entry depend on nothing;
     * resources of one dependency level run in parallel.
     */
    Map<String, List<String>> dependsOn();

    /** The Dr.DENTES tenant API. */
    Dentes dentes();

    /** How a run stays correct while the source changes under it. */
    Consistency consistency();

    /** Publishing to Kafka. */
    Publish publish();

    /** Which fields of a source record reach the raw topics. */
    Fields fields();

    /** The Dr.DENTES tenant API. */
    interface Dentes {

        /** The tenant's base URL (the API lives under {@code <base-url>/api/v1}). */
        @WithDefault("http://127.0.0.1:8092")
        String baseUrl();

        /** The tenant's access token, sent as a bearer token. A secret: never logged, never in a message. */
        @WithDefault("dentes-sandbox-token")
        String token();

        /** Records requested per page ({@code per_page}); the contract allows up to 200. */
        @WithDefault("200")
        int pageSize();

        /**
         * The tenant's path per resource where it differs from the contract's name, e.g.
         * {@code ferry.extractor.dentes.paths.treatment-cases=cases}.
         *
         * <p>{@code custom-module-records} is a template read once per custom module, with {@code {key}} where the
         * module's key goes; its default is the contract's
         * {@code ferry.extractor.dentes.paths.custom-module-records=custom-modules/{key}/records}. A template without
         * {@code {key}} fails the start-up. The module keys come from the {@code custom-modules} path.
         */
        Map<String, String> paths();

        /** How long to wait for a TCP connection to the tenant. */
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** How long one request may take, from sending to the last byte of the response. */
        @WithDefault("PT60S")
        Duration requestTimeout();

        /** Retries of failed requests. */
        Retry retry();
    }

    /** Retries of failed requests to Dr.DENTES. */
    interface Retry {

        /**
         * Attempts per request for 5xx responses, network errors and unreadable bodies (the first attempt included);
         * after the last one the resource fails with the reason and the run can be resumed.
         */
        @WithDefault("6")
        int maxAttempts();

        /** Delay before the second attempt; doubled for each further one. */
        @WithDefault("PT0.5S")
        Duration initialDelay();

        /** Upper bound of the exponential delay. */
        @WithDefault("PT30S")
        Duration maxDelay();

        /**
         * Fraction of each delay that is random (0 = none, 0.5 = the delay lies in [50 %, 100 %] of the computed
         * value), so parallel page fetches that failed together do not come back together.
         */
        @WithDefault("0.2")
        double jitter();

        /**
         * Attempts per request for 429 responses. The tenant is asking us to slow down, not failing, so this is
         * larger, but still bounded so a tenant that throttles forever fails the run instead of hanging it.
         */
        @WithDefault("30")
        int maxThrottledAttempts();

        /** Longest {@code Retry-After} honoured as given; a longer one is cut to this (and retried then). */
        @WithDefault("PT5M")
        Duration maxRetryAfter();
    }

    /** How a run stays correct while the source changes under it (see README, "Consistency"). */
    interface Consistency {

        /**
         * Allowed difference between this extractor's clock and the tenant's clock (and lag of the tenant's commits
         * behind their {@code updated_at}). The catch-up read starts this long before the run's snapshot instant.
         */
        @WithDefault("PT5M")
        Duration clockSkewMargin();

        /**
         * Catch-up-and-verify rounds per resource. A round re-reads what changed since the snapshot, compares the
         * tenant's counts with the records published, and re-reads the ranges that lack records.
         */
        @WithDefault("5")
        int maxRounds();
    }

    /** Which fields of a source record reach the raw topics (issue 8, hole 7). */
    interface Fields {

        /** Where the list of fields to publish comes from. */
        enum Source {
            /** The mapper: per resource, the fields the run's mapping spec reads (plus id, updated_at, deleted). */
            MAPPER,
            /** Every field as the tenant serves it: only for testing the extractor without a mapper. */
            ALL
        }

        /**
         * {@code MAPPER}: at each run's start the extractor asks the mapper which fields the run's mapping reads and
         * publishes only those, so health data the mapping leaves behind (national ids) never reaches Kafka.
         * {@code ALL} publishes whole records and says so in the log at start-up.
         */
        @WithDefault("MAPPER")
        Source source();

        /** The mapper service's base URL (it answers {@code /mapping/specs/{name}/{version}/source-fields}). */
        @WithDefault("http://127.0.0.1:8082")
        String mapperUrl();

        /** How long a run's start waits for the mapper to answer before the run fails (resumable) with the reason. */
        @WithDefault("PT2M")
        Duration mapperPatience();
    }

    /** Delta runs (issue 12). */
    Delta delta();

    /** Delta runs: what changed since the watermark, plus every record whose last outcome was not a success. */
    interface Delta {

        /**
         * The audit service's base URL. A delta run asks its {@code GET /records/unsettled?resource=} (service token)
         * for the records whose last outcome is not a terminal success, and re-reads them by id; a run whose audit does
         * not answer fails that resource (resumable) rather than skip a failure.
         */
        @WithDefault("http://127.0.0.1:8084")
        String auditUrl();
    }

    /** Sample runs (issue 11 step 4). */
    Sample sample();

    /**
     * Sample runs: a stratified choice of records, with the parents their links need, loaded for real and then read
     * back field by field. The size counts every record of the sample, parents included.
     */
    interface Sample {

        /** The size of a sample run whose request names none. */
        @WithDefault("300")
        int defaultSize();

        /**
         * The smallest size a request may ask for (issue 11: 200 to 500). Lowered only by tests that sample a tenant
         * too small for 200 records to mean anything ({@code %test} profiles, system tests); never in production.
         */
        @WithDefault("200")
        int minSize();

        /** The largest size a request may ask for: the read-back costs one Freshsales call per record at worst. */
        @WithDefault("500")
        int maxSize();
    }

    /** The map gate (issue 11): which map a run may start on. */
    MapGate mapGate();

    /** The map gate: a run starts only on a map an operator confirmed, whose text still has its confirmed hash. */
    interface MapGate {

        /**
         * {@code true}: {@code POST /runs} asks the mapper for the confirmed map the request names (default the latest)
         * and refuses the run (409) when none is confirmed, when its stored text no longer has the confirmed hash, or
         * when the request's {@code mapSha256} names another hash; the run records {@code confirmed/vN} and the hash.
         * {@code false}: runs use {@link ExtractorConfig#mappingVersion()} unconfirmed; only for testing the extractor
         * without a mapper, and said in the log at start-up.
         */
        @WithDefault("true")
        boolean required();
    }

    /** Publishing to Kafka. */
    interface Publish {

        /**
         * Longest wait for Kafka to acknowledge a page of records (acks=all). Past it Kafka counts as away: the run's
         * attempt stops and the run resumes from its checkpoints (the page is read and published again), never fails.
         */
        @WithDefault("PT2M")
        Duration ackTimeout();
    }
}
