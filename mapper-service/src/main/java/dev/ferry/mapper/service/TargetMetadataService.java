package dev.ferry.mapper.service;

import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.mapper.client.MetadataUnavailableException;
import dev.ferry.mapper.config.AuthConfig;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.store.MetadataStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The target account's metadata for a run: from memory, else from the run's snapshot in the mapper's schema, else
 * from the loader (then stored as the run's snapshot, so every record of the run, on every replica and after every
 * restart, is mapped against the same metadata). When the loader does not answer, callers hold their records and
 * the loader is asked again after {@code ferry.mapper.metadata-retry}.
 */
@ApplicationScoped
public class TargetMetadataService {

    private static final Logger LOG = Logger.getLogger(TargetMetadataService.class);
    private static final int CACHED_RUNS = 16;

    private final LoaderMetadataClient client;
    private final MetadataStore store;
    private final MapperConfig config;
    private final Clock clock;
    private final Map<String, TargetView> cache = new LinkedHashMap<>(CACHED_RUNS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TargetView> eldest) {
            return size() > CACHED_RUNS;
        }
    };
    private Instant lastFailure;
    private String lastFailureReason = "not asked yet";

    @Inject
    public TargetMetadataService(MetadataStore store, MapperConfig config, AuthConfig auth, Clock clock) {
        this(new LoaderMetadataClient(config.loaderUrl(), config.metadataTimeout(), auth.serviceToken()), store, config,
                clock);
    }

    TargetMetadataService(LoaderMetadataClient client, MetadataStore store, MapperConfig config, Clock clock) {
        this.client = client;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    public synchronized Optional<TargetView> forRun(String runId) {
        TargetView cached = cache.get(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> snapshot = store.find(runId);
        if (snapshot.isEmpty()) {
            Instant now = clock.instant();
            if (lastFailure != null && now.isBefore(lastFailure.plus(config.metadataRetry()))) {
                return Optional.empty();
            }
            try {
                LoaderMetadataClient.Fetched fetched = client.fetch();
                snapshot = Optional.of(store.keep(runId, fetched.body(), now));
                lastFailure = null;
                lastFailureReason = "not asked yet";
                LOG.infof("target metadata for run %s taken from the loader at %s", runId, client.uri());
            } catch (MetadataUnavailableException e) {
                // Warn when the cause changes, not at every retry while the loader stays away.
                if (lastFailure == null || !e.getMessage().equals(lastFailureReason)) {
                    LOG.warnf("target metadata unavailable, records of run %s wait (asking again every %s): %s", runId,
                            config.metadataRetry(), e.getMessage());
                } else {
                    LOG.debugf("target metadata still unavailable for run %s: %s", runId, e.getMessage());
                }
                lastFailure = now;
                lastFailureReason = e.getMessage();
                return Optional.empty();
            }
        }
        try {
            TargetView view = new TargetView(LoaderMetadataClient.parse(snapshot.get()));
            cache.put(runId, view);
            return Optional.of(view);
        } catch (MetadataUnavailableException e) {
            lastFailureReason = "the stored snapshot of run " + runId + " is unreadable: " + e.getMessage();
            LOG.error(lastFailureReason);
            return Optional.empty();
        }
    }

    /** The run's metadata if it was already taken (memory or snapshot); never asks the loader. */
    public synchronized Optional<TargetView> existing(String runId) {
        TargetView cached = cache.get(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> snapshot = store.find(runId);
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TargetView(LoaderMetadataClient.parse(snapshot.get())));
        } catch (MetadataUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Why the last attempt failed, for the "waiting for" text of held records. */
    public synchronized String unavailableReason() {
        return lastFailureReason;
    }
}
