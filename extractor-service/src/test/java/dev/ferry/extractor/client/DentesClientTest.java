package dev.ferry.extractor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.testsupport.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server written here (JDK HttpServer), with a fake clock: what it sends, which
 * failures it retries and how long it waits (read from the sleeper, never measured), when it gives up, and that the
 * token appears in no failure message.
 */
class DentesClientTest {

    private static final String TOKEN = "secret-token-7f3a9c";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String PAGE = """
            {"data": [{"id": "P-1", "updated_at": "2025-01-01T10:00:00+03:00"}, {"id": "P-2"}, 42],
             "meta": {"page": 1, "per_page": 200, "total": 3, "total_pages": 1}}""";

    /** One scripted answer. */
    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok(String body) {
            return new Answer(200, Map.of(), body);
        }

        static Answer status(int status, String... headerPairs) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Answer(status, headers, "{\"error\": {\"code\": \"unavailable\", \"message\": \"try later\"}}");
        }
    }

    private HttpServer server;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch hold;
    private ManualClock clock;

    @BeforeEach
    void start() throws IOException {
        clock = new ManualClock(NOW);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            queries.add(exchange.getRequestURI().getPath() + "?"
                    + URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            CountDownLatch h = hold;
            if (h != null) {
                h.await(10, TimeUnit.SECONDS);
            }
            Answer a = script.size() > 1 ? script.pollFirst() : script.peekFirst();
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private DentesClient client(int maxAttempts, int maxThrottled, int concurrency) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        DentesHttp http = new DentesHttp(base, TOKEN, DentesHttp.newHttpClient(Duration.ofSeconds(5)),
                Duration.ofSeconds(10));
        return new DentesClient(http, new DentesClient.Limits(maxAttempts, maxThrottled, Duration.ofMinutes(5)),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.0), concurrency, clock, clock::sleep,
                DentesClient.Listener.NONE);
    }

    private static PageQuery firstPage() {
        return new PageQuery("patients", 1, 200, null);
    }

    @Test
    void sendsTheContractsQueryAndTheBearerToken() throws Exception {
        script.add(Answer.ok(PAGE));

        DentesPage page = client(3, 3, 4).fetch(new PageQuery("patients", 3, 200,
                Instant.parse("2025-01-01T00:00:00Z")));

        assertThat(queries).containsExactly("/api/v1/patients?page=3&per_page=200&sort=updated_at"
                + "&include_deleted=true&updated_since=2025-01-01T00:00:00Z");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        assertThat(page.records()).hasSize(2);
        assertThat(page.invalid()).isEqualTo(1);
        assertThat(page.meta()).isEqualTo(new DentesPage.Meta(1, 200, 3, 1));
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void waitsTheRetryAfterSecondsOfA429() throws Exception {
        script.add(Answer.status(429, "Retry-After", "7"));
        script.add(Answer.ok(PAGE));

        client(3, 3, 4).fetch(firstPage());

        assertThat(queries).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() throws Exception {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(20).atOffset(ZoneOffset.UTC));
        script.add(Answer.status(429, "Retry-After", at));
        script.add(Answer.ok(PAGE));

        client(3, 3, 4).fetch(firstPage());

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void a429ClosesTheGateForEveryRequestNotOnlyItsOwn() throws Exception {
        script.add(Answer.status(429, "Retry-After", "30"));
        script.add(Answer.ok(PAGE));
        DentesClient client = client(3, 3, 4);

        client.fetch(firstPage());

        // The gate was closed until the instant the tenant named; any other page would have waited for it too.
        assertThat(client.throttledUntil()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void retriesServerErrorsWithDoublingDelays() throws Exception {
        script.add(Answer.status(503));
        script.add(Answer.status(502));
        script.add(Answer.status(500));
        script.add(Answer.ok(PAGE));

        DentesPage page = client(6, 3, 4).fetch(firstPage());

        assertThat(page.records()).hasSize(2);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void a503RetryAfterLongerThanTheBackoffIsHonoured() throws Exception {
        script.add(Answer.status(503, "Retry-After", "10"));
        script.add(Answer.ok(PAGE));

        client(6, 3, 4).fetch(firstPage());

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void anAbsurdRetryAfterIsCappedAtTheConfiguredMaximum() throws Exception {
        script.add(Answer.status(429, "Retry-After", "86400"));
        script.add(Answer.ok(PAGE));

        client(6, 3, 4).fetch(firstPage());

        assertThat(clock.sleeps()).containsExactly(Duration.ofMinutes(5));
    }

    @Test
    void givesUpAfterTheLastAttemptWithAReasonThatNamesThePageButNotTheToken() {
        script.add(Answer.status(503));

        assertThatThrownBy(() -> client(4, 3, 4).fetch(new PageQuery("patients", 7, 200, null)))
                .isInstanceOf(DentesCallFailed.class)
                .hasMessageContaining("patients page 7")
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("error code 'unavailable'")
                .hasMessageContaining("gave up after 4 attempts")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        assertThat(queries).hasSize(4);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aTenantThatThrottlesForeverFailsTheRequestInsteadOfHangingIt() {
        script.add(Answer.status(429, "Retry-After", "1"));

        assertThatThrownBy(() -> client(4, 5, 4).fetch(firstPage()))
                .isInstanceOf(DentesCallFailed.class)
                .hasMessageContaining("still throttled after 5 attempts");
        assertThat(queries).hasSize(5);
        assertThat(clock.sleeps()).hasSize(4).allMatch(d -> d.equals(Duration.ofSeconds(1)));
    }

    @Test
    void doesNotRetryA401AndKeepsTheTokenAndTheServerTextOutOfTheMessage() {
        script.add(new Answer(401, Map.of(), "{\"error\": {\"code\": \"unauthorized\", \"message\": \"token "
                + TOKEN + " is not valid\"}}"));

        assertThatThrownBy(() -> client(6, 3, 4).fetch(firstPage()))
                .isInstanceOf(DentesCallFailed.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("unauthorized")
                .hasMessageContaining("not retried")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("is not valid"));
        assertThat(queries).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void retriesAnUnreadableBody() throws Exception {
        script.add(Answer.ok("{\"data\": [ {\"id\": \"P-1\""));
        script.add(Answer.ok("{\"data\": []}"));
        script.add(Answer.ok(PAGE));

        DentesPage page = client(6, 3, 4).fetch(firstPage());

        assertThat(page.records()).hasSize(2);
        assertThat(queries).hasSize(3);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void retriesWhenNobodyAnswersAndThenSaysSo() throws Exception {
        // A port nobody listens on: every attempt is refused at once.
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        DentesHttp http = new DentesHttp("http://127.0.0.1:" + port, TOKEN,
                DentesHttp.newHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(10));
        DentesClient client = new DentesClient(http, new DentesClient.Limits(3, 3, Duration.ofMinutes(5)),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.0), 4, clock, clock::sleep,
                DentesClient.Listener.NONE);

        assertThatThrownBy(() -> client.fetch(firstPage()))
                .isInstanceOf(DentesCallFailed.class)
                .hasMessageContaining("no response (ConnectException)")
                .hasMessageContaining("gave up after 3 attempts")
                .satisfies(e -> assertThat(((DentesCallFailed) e).lastKind()).isEqualTo(AttemptFailed.Kind.NETWORK));
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void keepsAtMostMaxConcurrencyRequestsInFlight() throws Exception {
        script.add(Answer.ok(PAGE));
        hold = new CountDownLatch(1);
        DentesClient client = client(3, 3, 2);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<DentesPage>> calls = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                int page = i;
                calls.add(callers.submit(() -> client.fetch(new PageQuery("patients", page, 200, null))));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() == 2);
            // Give the other four callers every chance to slip past the bound before the server answers.
            Thread.sleep(300);
            hold.countDown();
            for (Future<DentesPage> f : calls) {
                assertThat(f.get(10, TimeUnit.SECONDS).records()).hasSize(2);
            }
        } finally {
            hold.countDown();
            callers.shutdownNow();
        }
        assertThat(maxInFlight.get()).isEqualTo(2);
        assertThat(queries).hasSize(6);
    }
}
