package dev.ferry.sim.freshsales.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Start-up configuration of the sandbox. Every value here only seeds the runtime settings
 * ({@link SimSettings}); {@code PUT /_sim/config} changes them while the sandbox runs, and
 * {@code POST /_sim/reset?config=true} brings them back to these values.
 */
@ConfigMapping(prefix = "freshsales-sim")
public interface SimConfig {

    /** Plan preset for the rate limits and the storage quota: blossom, garden, estate, forest (or growth, pro, enterprise, free). */
    @WithDefault("garden")
    String plan();

    /** Hourly call budget of the account; empty means the plan's preset. */
    Optional<Integer> perHourLimit();

    /** Per-minute call budget of the account; empty means the plan's preset (400). */
    Optional<Integer> perMinuteLimit();

    /** Simulated seconds per real second for the rate limiter: 3600 makes one real second one simulated hour. */
    @WithDefault("1")
    double timeScale();

    /** API keys accepted in {@code Authorization: Token token=<key>}; all of them act as the account's first user. */
    @WithDefault("ferry-sandbox-key")
    List<String> apiKeys();

    /** UTC offset of the account's time zone, used for every timestamp the API emits. */
    @WithDefault("-04:00")
    String accountUtcOffset();

    /** Classic mode: serve the {@code /api} prefix and the leads module. */
    @WithDefault("false")
    boolean classicMode();

    /** Optional JSON or YAML file with the field metadata (replaces the built-in seed of {@code /settings/<module>/fields}). */
    Optional<String> fieldsFile();

    /** Optional JSON or YAML file shaped like {@code GET /_sim/config}, merged over the defaults at start-up (covers every runtime setting). */
    Optional<String> settingsFile();

    /** Largest request body the HTTP layer reads (multipart uploads included); larger bodies get 413. */
    @WithDefault("167772160")
    long maxRequestBodyBytes();

    /** Directory for multipart uploads while a request is processed; files are deleted when it ends. */
    @WithDefault("${java.io.tmpdir}/freshsales-sim-uploads")
    String uploadsDirectory();

    /** Fault injection defaults. */
    Faults faults();

    /** Fault injection defaults; every rate is a probability between 0 and 1. */
    interface Faults {
        /** Seed of the fault dice, so a run can be replayed. */
        @WithDefault("42")
        long seed();

        /** Share of authenticated API calls answered with a 5xx before anything is applied. */
        @WithDefault("0")
        double serverErrorRate();

        /** Latency added to every authenticated API call, in milliseconds. */
        @WithDefault("0")
        long latencyMs();

        /** Share of successful writes whose response is lost after the write committed. */
        @WithDefault("0")
        double dropResponseAfterCommitRate();

        /** Share of bulk_upsert calls answered with 405 before anything is applied. */
        @WithDefault("0")
        double bulkUpsert405Rate();

        /** Share of list pages cut short (fewer rows than per_page although more rows follow). */
        @WithDefault("0")
        double shortPageRate();

        /** Language of error messages: en, nl or tr. */
        @WithDefault("en")
        String errorLanguage();
    }
}
