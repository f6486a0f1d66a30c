package dev.ferry.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Discovery settings, under {@code ferry.discovery} (a prefix of its own, so it never collides with a run's). */
@ConfigMapping(prefix = "ferry.discovery")
public interface DiscoveryConfig {

    /**
     * The loader service, asked for the Freshsales users ({@code GET /target/metadata}, with the extractor's service
     * token, role {@code ferry-service}). Without it, owner matching uses the users passed with the request, or is
     * reported as not checked.
     */
    Optional<String> loaderUrl();

    /** A note longer than this (bytes of UTF-8) is flagged: the target's note limit (Freshsales: 32 KB). */
    @WithDefault("32768")
    long noteLimitBytes();

    /** Ids listed per finding (every one is counted). */
    @WithDefault("100")
    int idsPerFinding();

    /** Groups listed per grouping finding (duplicates, households; every one is counted). */
    @WithDefault("50")
    int groupsPerFinding();

    /** Region phone numbers without a country code are read in (ISO 3166, as the mapper's). */
    @WithDefault("TR")
    String phoneRegion();

    /** The target account's file storage in bytes, when known: the attachments are compared with it. */
    Optional<Long> targetStorageBytes();

    /** Finished discoveries kept in memory (the oldest go first). */
    @WithDefault("20")
    int keep();
}
