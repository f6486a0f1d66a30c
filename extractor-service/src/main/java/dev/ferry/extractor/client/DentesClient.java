package dev.ferry.extractor.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * The Dr.DENTES list endpoint with the retry rules: at most {@code maxConcurrency} requests in flight; a 429 closes the
 * {@link ThrottleGate} for every caller until its {@code Retry-After} has passed; 5xx, network errors and unreadable
 * bodies are retried with capped exponential backoff; anything else fails at once. Attempts are bounded, so a dead
 * tenant fails the page with a reason instead of hanging the run.
 */
public class DentesClient implements PageSource, RecordSource {

    private static final Logger LOG = Logger.getLogger(DentesClient.class);

    /** Retry limits (see {@code ExtractorConfig.Retry}). */
    public record Limits(int maxAttempts, int maxThrottledAttempts, Duration maxRetryAfter) {
        public Limits {
            if (maxAttempts < 1 || maxThrottledAttempts < 1) {
                throw new IllegalArgumentException("attempts start at 1");
            }
        }
    }

    /** What the client did, for metrics. */
    public interface Listener {
        void retried(AttemptFailed.Kind kind);

        Listener NONE = kind -> { };
    }

    private final DentesHttp http;
    private final Limits limits;
    private final Backoff backoff;
    private final ThrottleGate gate;
    private final Semaphore inFlight;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;

    public DentesClient(DentesHttp http, Limits limits, Backoff backoff, int maxConcurrency, Clock clock,
            Sleeper sleeper, Listener listener) {
        this.http = http;
        this.limits = limits;
        this.backoff = backoff;
        this.gate = new ThrottleGate(clock, sleeper);
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** The instant before which no request goes out (after a 429). */
    public Instant throttledUntil() {
        return gate.closedUntil();
    }

    /** Fetches a page, retrying as the rules allow. */
    @Override
    public DentesPage fetch(PageQuery query) throws DentesCallFailed, InterruptedException {
        return withRetries(query, () -> http.get(query));
    }

    /** Fetches one record by id (soft-deleted ones too), retrying as for pages; empty when the tenant has none. */
    @Override
    public java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> fetchOne(String path, String id)
            throws DentesCallFailed, InterruptedException {
        return withRetries(path + "/{id}", () -> http.getOne(path, id));
    }

    /** One attempt of a request. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws AttemptFailed, InterruptedException;
    }

    private <T> T withRetries(Object query, Attempt<T> attempt) throws DentesCallFailed, InterruptedException {
        int failures = 0;
        int throttles = 0;
        while (true) {
            gate.awaitOpen();
            AttemptFailed failed;
            inFlight.acquire();
            try {
                return attempt.run();
            } catch (AttemptFailed f) {
                failed = f;
            } finally {
                inFlight.release();
            }
            int attempts = failures + throttles + 1;
            Instant now = clock.instant();
            switch (failed.kind()) {
                case REJECTED -> throw new DentesCallFailed(failed.getMessage() + "; not retried",
                        failed.kind(), attempts);
                case THROTTLED -> {
                    throttles++;
                    if (throttles >= limits.maxThrottledAttempts()) {
                        throw new DentesCallFailed(failed.getMessage() + "; still throttled after " + throttles
                                + " attempts", failed.kind(), attempts);
                    }
                    int throttled = throttles;
                    Duration wait = RetryAfter.parse(failed.retryAfter(), now)
                            .map(this::capped)
                            .orElseGet(() -> backoff.delayAfter(throttled));
                    LOG.debugf("%s: throttled, every request waits %s", query, wait);
                    gate.closeUntil(now.plus(wait));
                }
                default -> {
                    failures++;
                    if (failures >= limits.maxAttempts()) {
                        throw new DentesCallFailed(failed.getMessage() + "; gave up after " + failures
                                + " attempts", failed.kind(), attempts);
                    }
                    Duration wait = backoff.delayAfter(failures);
                    // A 503 may say when to come back: never earlier than that.
                    Duration asked = RetryAfter.parse(failed.retryAfter(), now).map(this::capped).orElse(Duration.ZERO);
                    if (asked.compareTo(wait) > 0) {
                        wait = asked;
                    }
                    LOG.debugf("%s: %s, attempt %d of %d in %s", query, failed.kind(), failures + 1,
                            limits.maxAttempts(), wait);
                    sleeper.sleep(wait);
                }
            }
            listener.retried(failed.kind());
        }
    }

    private Duration capped(Duration d) {
        return d.compareTo(limits.maxRetryAfter()) > 0 ? limits.maxRetryAfter() : d;
    }
}
