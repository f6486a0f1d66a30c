package dev.ferry.sim.dentes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Start-up configuration of the Dr.DENTES sandbox (prefix {@code dentes-sim}). */
@ConfigMapping(prefix = "dentes-sim")
public interface SimConfig {

    /** Which practice to serve at start. */
    Dataset dataset();

    /** The practice generated at start when no dataset folder is given. */
    Generate generate();

    /**
     * Scratch folder for mutation overlays, attachments created by mutations and generated practices.
     * Default: a fresh folder under {@code java.io.tmpdir}.
     */
    Optional<String> workDir();

    /** Bearer tokens accepted at start (changeable at runtime through {@code PUT /_sim/config}). */
    @WithDefault("dentes-sandbox-token")
    List<String> tokens();

    /** Paging limits. */
    Paging paging();

    /** Faults active at start (changeable at runtime). */
    Faults faults();

    /** Dataset selection. */
    interface Dataset {
        /** A dataset folder in the contract's format; when set, nothing is generated. */
        Optional<String> path();
    }

    /** Generation at start. */
    interface Generate {
        /** Number of patients of the practice generated when {@code dentes-sim.dataset.path} is unset. */
        @WithDefault("1000")
        int patients();

        /** Seed of the generated practice. */
        @WithDefault("42")
        long seed();

        /**
         * Where to write the generated practice; an existing folder generated with the same size and seed is
         * reused. Default: {@code <java.io.tmpdir>/dentes-sim-practices/generated-<patients>-<seed>}.
         */
        Optional<String> dir();
    }

    /** Paging limits. */
    interface Paging {
        /** per_page when the request gives none. */
        @WithDefault("100")
        int defaultPerPage();

        /** The largest per_page served. */
        @WithDefault("200")
        int maxPerPage();

        /** What happens to a per_page above the maximum: CLAMP it (meta.per_page shows the clamped value) or REJECT with 400. */
        @WithDefault("CLAMP")
        String overMax();
    }

    /** Fault injection; every rate is a probability per request in [0, 1]. */
    interface Faults {
        /** Seed of the fault dice. */
        @WithDefault("1")
        long seed();

        /** Share of API requests answered 429. */
        @WithDefault("0")
        double rateLimitRate();

        /** Retry-After seconds sent with a 429. */
        @WithDefault("1")
        int retryAfterSeconds();

        /** Share of API requests answered with {@link #serverErrorStatus()}. */
        @WithDefault("0")
        double serverErrorRate();

        /** Status of injected server errors. */
        @WithDefault("503")
        int serverErrorStatus();

        /** Added latency per API request, milliseconds. */
        @WithDefault("0")
        long latencyMillis();

        /** Random extra latency up to this many milliseconds. */
        @WithDefault("0")
        long latencyJitterMillis();

        /** List pages that fail once and then succeed, as {@code resource:page} (e.g. {@code patients:3}). */
        Optional<List<String>> failOncePages();

        /** Share of distinct list requests that fail the first time they are seen and succeed afterwards. */
        @WithDefault("0")
        double failOnceRate();

        /** Status of a fail-once failure. */
        @WithDefault("503")
        int failOnceStatus();
    }
}
