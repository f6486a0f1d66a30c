package dev.ferry.sim.dentes.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings that can change while the sandbox runs ({@code GET/PUT /_sim/config}). Plain mutable bean so Jackson
 * can read and write it; {@link dev.ferry.sim.dentes.service.SettingsService} guards it.
 */
public class RuntimeSettings {

    /** Accepted bearer tokens. */
    public List<String> tokens = new ArrayList<>();
    /** CLAMP or REJECT a per_page above the maximum. */
    public String perPageOverMax = "CLAMP";
    /** The largest per_page served. */
    public int maxPerPage = 200;
    /** per_page when none is given. */
    public int defaultPerPage = 100;
    /** Fault injection. */
    public FaultSettings faults = new FaultSettings();

    /** Fault injection settings; rates are probabilities per API request. */
    public static class FaultSettings {
        public long seed = 1;
        public double rateLimitRate;
        public int retryAfterSeconds = 1;
        public double serverErrorRate;
        public int serverErrorStatus = 503;
        public long latencyMillis;
        public long latencyJitterMillis;
        public List<String> failOncePages = new ArrayList<>();
        public double failOnceRate;
        public int failOnceStatus = 503;
    }

    public static RuntimeSettings from(SimConfig config) {
        RuntimeSettings s = new RuntimeSettings();
        s.tokens = new ArrayList<>(config.tokens());
        s.perPageOverMax = config.paging().overMax();
        s.maxPerPage = config.paging().maxPerPage();
        s.defaultPerPage = config.paging().defaultPerPage();
        SimConfig.Faults f = config.faults();
        s.faults.seed = f.seed();
        s.faults.rateLimitRate = f.rateLimitRate();
        s.faults.retryAfterSeconds = f.retryAfterSeconds();
        s.faults.serverErrorRate = f.serverErrorRate();
        s.faults.serverErrorStatus = f.serverErrorStatus();
        s.faults.latencyMillis = f.latencyMillis();
        s.faults.latencyJitterMillis = f.latencyJitterMillis();
        s.faults.failOncePages = new ArrayList<>(f.failOncePages().orElse(List.of()));
        s.faults.failOnceRate = f.failOnceRate();
        s.faults.failOnceStatus = f.failOnceStatus();
        return s;
    }

    /** Refuses settings that would make the sandbox misbehave in ways no real tenant does. */
    public void validate() {
        if (tokens == null || tokens.isEmpty() || tokens.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("tokens must be a non-empty list of non-blank strings");
        }
        if (!"CLAMP".equals(perPageOverMax) && !"REJECT".equals(perPageOverMax)) {
            throw new IllegalArgumentException("perPageOverMax must be CLAMP or REJECT");
        }
        if (maxPerPage < 1 || defaultPerPage < 1 || defaultPerPage > maxPerPage) {
            throw new IllegalArgumentException("need 1 <= defaultPerPage <= maxPerPage");
        }
        for (double rate : new double[] {faults.rateLimitRate, faults.serverErrorRate, faults.failOnceRate}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("fault rates must be within [0, 1]");
            }
        }
        if (faults.serverErrorStatus < 500 || faults.serverErrorStatus > 599
                || faults.failOnceStatus < 500 || faults.failOnceStatus > 599) {
            throw new IllegalArgumentException("injected error statuses must be 5xx");
        }
        if (faults.retryAfterSeconds < 0 || faults.latencyMillis < 0 || faults.latencyJitterMillis < 0) {
            throw new IllegalArgumentException("retryAfterSeconds and latencies must be >= 0");
        }
        if (faults.failOncePages == null) {
            faults.failOncePages = new ArrayList<>();
        }
        for (String p : faults.failOncePages) {
            int colon = p == null ? -1 : p.lastIndexOf(':');
            if (colon <= 0 || !p.substring(colon + 1).matches("[1-9]\\d*")) {
                throw new IllegalArgumentException("failOncePages entries look like 'patients:3'");
            }
        }
    }
}
