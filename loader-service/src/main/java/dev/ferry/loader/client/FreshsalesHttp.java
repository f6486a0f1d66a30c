package dev.ferry.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.budget.ServerView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one door to Freshsales: every call takes a token from the account's budget first, carries the API key, and
 * reports the answer's {@code X-RateLimit-*} headers back to the budget. A 429 is never an error here: the budget
 * stops every replica until the server's budget frees up, and the call is made again.
 */
public class FreshsalesHttp {

    private static final Logger LOG = Logger.getLogger(FreshsalesHttp.class);

    /** Observes calls, for metrics. */
    public interface CallListener {
        void answered(String method, String template, int status);

        CallListener NONE = (m, t, s) -> { };
    }

    private final HttpClient http;
    private final URI base;
    private final ApiKey key;
    private final RateBudget budget;
    private final Clock clock;
    private final Duration requestTimeout;
    private final CallListener listener;
    private final Duration maxBudgetWait;
    private final AtomicLong calls;
    private final AtomicLong tooManyRequests;

    public FreshsalesHttp(HttpClient http, URI base, ApiKey key, RateBudget budget, Clock clock,
            Duration requestTimeout, CallListener listener) {
        this(http, base, key, budget, clock, requestTimeout, listener, null, new AtomicLong(), new AtomicLong());
    }

    private FreshsalesHttp(HttpClient http, URI base, ApiKey key, RateBudget budget, Clock clock,
            Duration requestTimeout, CallListener listener, Duration maxBudgetWait, AtomicLong calls,
            AtomicLong tooManyRequests) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.http = http;
        this.key = key;
        this.budget = budget;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.listener = listener;
        this.maxBudgetWait = maxBudgetWait;
        this.calls = calls;
        this.tooManyRequests = tooManyRequests;
    }

    /**
     * The same door for callers that cannot wait long (a REST request): a call that would wait for budget longer
     * than {@code limit} is not made and fails with {@link FreshsalesException.BudgetExhausted}.
     */
    public FreshsalesHttp withMaxBudgetWait(Duration limit) {
        return new FreshsalesHttp(http, base, key, budget, clock, requestTimeout, listener, limit, calls,
                tooManyRequests);
    }

    /**
     * The same door, with {@code also} told of every answer too (after the metrics): a caller that must report the
     * calls its own work made (a reconciliation) counts them there, not on the process-wide counter others move.
     */
    public FreshsalesHttp alsoTelling(CallListener also) {
        CallListener first = listener;
        return new FreshsalesHttp(http, base, key, budget, clock, requestTimeout, (m, t, s) -> {
            first.answered(m, t, s);
            also.answered(m, t, s);
        }, maxBudgetWait, calls, tooManyRequests);
    }

    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Makes one call and returns its answer when it is 2xx.
     *
     * @param method GET, POST, PUT, DELETE
     * @param path the path below the API prefix, with its query string
     * @param template the path with its variable parts named ({@code /contacts/{id}}), for messages and metrics:
     *     query values and ids never appear in a message
     * @param body a JSON body, or null
     * @throws FreshsalesException.Refused on a 4xx other than 429
     * @throws FreshsalesException.NoAnswer on a 5xx, a timeout or a broken connection
     */
    public FreshsalesResponse call(String method, String path, String template, JsonNode body)
            throws InterruptedException {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", key.authorization())
                .header("Accept", "application/json");
        if (body != null) {
            rb.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(FerryJson.encode(body)));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = rb.build();
        return exchange(method, template, () -> request);
    }

    /** Makes one request per attempt (an upload opens its source again for each); called after the budget's token. */
    @FunctionalInterface
    public interface Attempt {
        HttpRequest request() throws InterruptedException;
    }

    /**
     * {@code POST} of a {@code multipart/form-data} body that is streamed, never held (a document's file, reference
     * 5.13): {@code body} is asked for a fresh stream for each attempt (a 429 sends again), after the budget gave its
     * token. No JSON content type is sent on this call. {@code timeout} covers sending the whole body and the answer's
     * headers, so it grows with the file. Same answers as {@link #call}.
     */
    public FreshsalesResponse upload(String path, String template, String contentType, Duration timeout,
            java.util.function.Supplier<java.io.InputStream> body) throws InterruptedException {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        return exchange("POST", template, () -> HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", key.authorization())
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build());
    }

    private FreshsalesResponse exchange(String method, String template, Attempt attempt) throws InterruptedException {
        String what = method + " " + template;
        while (true) {
            if (budget.acquireWithin(1, maxBudgetWait, () -> CallGuard.check(what)) == null) {
                throw new FreshsalesException.BudgetExhausted(what, maxBudgetWait);
            }
            // The budget wait may have been long: a rebalance meanwhile gave this work to another replica.
            CallGuard.check(what);
            HttpRequest request = attempt.request();
            calls.incrementAndGet();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                listener.answered(method, template, 0);
                throw new FreshsalesException.NoAnswer(what, 0, "no answer within " + requestTimeout.toSeconds() + " s");
            } catch (IOException e) {
                listener.answered(method, template, 0);
                throw new FreshsalesException.NoAnswer(what, 0, "connection failed (" + e.getClass().getSimpleName() + ")");
            }
            int status = response.statusCode();
            listener.answered(method, template, status);
            ServerView view = ServerView.parse(response.headers()::firstValue, clock.instant());
            if (status == 429) {
                tooManyRequests.incrementAndGet();
                budget.refused(view);
                continue;
            }
            budget.accepted(view);
            if (status >= 200 && status < 300) {
                return new FreshsalesResponse(status, response.body(), view);
            }
            if (status >= 500) {
                throw new FreshsalesException.NoAnswer(what, status, "server error " + status);
            }
            if (status == 401 || status == 403) {
                LOG.warnf("%s answered %d: the API key is not accepted or lacks permission", what, status);
            }
            // A server that echoes the key in its message must not put it into an outcome.
            throw new FreshsalesException.Refused(what, status,
                    ErrorEnvelope.messages(response.body()).stream().map(key::redact).toList());
        }
    }

    /** How long one call may take before it is treated as lost. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Calls made (each took a token from the budget). */
    public long calls() {
        return calls.get();
    }

    /** 429 answers received. */
    public long tooManyRequests() {
        return tooManyRequests.get();
    }

    public URI base() {
        return base;
    }

    @Override
    public String toString() {
        return "FreshsalesHttp[" + base + ", key " + key + "]";
    }
}
