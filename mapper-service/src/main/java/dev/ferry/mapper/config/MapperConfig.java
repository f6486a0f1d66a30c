package dev.ferry.mapper.config;

import dev.ferry.mapper.mapping.Edition;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** mapper-service settings ({@code ferry.mapper.*}); every key can be set by environment variable too. */
@ConfigMapping(prefix = "ferry.mapper")
public interface MapperConfig {

    /** Base URL of the loader service, which serves the target account's metadata on {@code GET /target/metadata}. */
    @WithDefault("http://127.0.0.1:8083")
    String loaderUrl();

    /** Connect and read timeout of one {@code GET /target/metadata}. */
    @WithDefault("5s")
    Duration metadataTimeout();

    /** After the loader failed to answer, how long to wait before asking again (records wait in the pending table). */
    @WithDefault("10s")
    Duration metadataRetry();

    /**
     * The mapping specs to load at start-up ({@code classpath:<path>} or a file path); a run names the one it uses by
     * version in its RUN_STARTED event. A spec that fails its checks stops the service from starting.
     */
    @WithDefault("classpath:mapping/dentes-freshsales.v1.yaml")
    List<String> specs();

    /** The spec version used for runs whose RUN_STARTED names none; default: the first spec in {@link #specs()}. */
    Optional<String> defaultMappingVersion();

    /**
     * E-mail of the Freshsales user who owns records whose practitioner has no Freshsales user. Without it (or when it
     * is not an active user of the account) such records carry no owner and Freshsales assigns the API user; the
     * command's notes say so either way.
     */
    Optional<String> fallbackOwnerEmail();

    /**
     * The longest note description the Freshsales account accepts, in characters, when it differs from the spec's
     * {@code max-length} for clinical notes (Freshsales documents no limit; the sandbox refuses over 8000): a note
     * longer than this is split into numbered parts. Empty: the spec's value.
     */
    Optional<Integer> noteMaxLength();

    /**
     * The largest file the Freshsales account accepts, in bytes, when it differs from the spec's {@code max-bytes}
     * for attachments (Freshsales documents 150 MB per file, reference 5.13): a larger attachment is rejected
     * {@code document.too-large} with its size and this limit, and never sent. Empty: the spec's value.
     */
    Optional<Long> documentMaxBytes();

    /** Default region (ISO 3166) for reading phone numbers written without a country code. */
    @WithDefault("TR")
    String phoneRegion();

    /** Freshsales generation: SUITE (leads are contacts at a Lead stage) or CLASSIC (leads module). */
    @WithDefault("SUITE")
    Edition edition();

    /** How often held records are re-examined even when no event announced a change (a safety net). */
    @WithDefault("5s")
    Duration releaseInterval();

    /** How many held records one release pass takes per run and resource before looking at the others. */
    @WithDefault("200")
    int releaseBatchSize();

    /**
     * How many threads map the held records of one batch at once. Mapping a record is mostly waiting on PostgreSQL and
     * on the broker's acknowledgement, so threads multiply the mapper's rate until the CPU binds (issue 13's bench).
     * Each thread holds up to two pooled connections while it maps ({@code quarkus.datasource.jdbc.max-size} must
     * leave room for the consumers too).
     */
    @WithDefault("4")
    int releaseParallelism();

    /**
     * Longest pause between two tries of a record while PostgreSQL or Kafka is away (the pause doubles up to it); once
     * the outage ends, the consumers go on within this long. The end-to-end suite shrinks it.
     */
    @WithDefault("30s")
    Duration outageMaxPause();

    /** Preflight's cost and ETA model (issue 11 step 3). */
    Preflight preflight();

    /** How preflight turns discovery's counts into Freshsales API calls and hours. */
    interface Preflight {

        /**
         * The calls an hour the Freshsales account's plan allows (the loader's {@code ferry.loader.budget.per-hour}
         * on the same account): the ETA is the estimated calls over it. A request may name another.
         */
        @WithDefault("5000")
        int callsPerHour();

        /** Records per {@code bulk_upsert} job (contacts and accounts), Freshsales' limit. */
        @WithDefault("100")
        int bulkSize();

        /** Status polls one bulk job is expected to take before it reports done. */
        @WithDefault("2")
        int pollsPerJob();

        /** Calls one bulk job needs afterwards to read the written records' Freshsales ids back. */
        @WithDefault("1")
        int idCallsPerJob();

        /** Calls the loader spends reading the account's metadata before a run (selectors and field lists). */
        @WithDefault("16")
        int metadataCalls();
    }

    /** The PostgreSQL schema of the mapper's tables (the one Flyway migrates). */
    @WithDefault("mapper")
    String dbSchema();
}
