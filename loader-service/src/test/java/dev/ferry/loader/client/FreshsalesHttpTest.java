package dev.ferry.loader.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.loader.budget.BudgetLimits;
import dev.ferry.loader.budget.InMemoryBudgetStore;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.config.LoaderConfig.HeaderBucket;
import dev.ferry.testsupport.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's one door against a scripted in-process HTTP server: budget before every call, 429 handled by the
 * budget, answers classified, and the API key nowhere but in the Authorization header.
 */
class FreshsalesHttpTest {

    private static final String KEY = "sk-live-9f8e7d6c5b4a-TOPSECRET";

    /** One scripted answer: status, headers, body; status -1 closes the connection without answering. */
    record Answer(int status, String body, String... headers) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<String> authorizations = new ArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
    private final BudgetLimits limits = new BudgetLimits(400, 1000, 0, Duration.ofMinutes(1), Duration.ofHours(1),
            Duration.ofSeconds(1), Duration.ofSeconds(60), HeaderBucket.AUTO);
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private FreshsalesHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        RateBudget budget = new RateBudget(store, "acme", limits, clock::advance, Duration.ofSeconds(5));
        http = new FreshsalesHttp(FreshsalesHttp.newHttpClient(Duration.ofSeconds(2)),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crm/sales/api"), new ApiKey(KEY),
                budget, clock, Duration.ofSeconds(5), FreshsalesHttp.CallListener.NONE);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        Answer a = script.poll();
        if (a == null || a.status() < 0) {
            ex.close();
            return;
        }
        for (int i = 0; i + 1 < a.headers().length; i += 2) {
            ex.getResponseHeaders().add(a.headers()[i], a.headers()[i + 1]);
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Test
    void everyCallCarriesTheKeyInTheDocumentedHeaderAndTakesOneToken() throws Exception {
        script.add(new Answer(200, "{\"users\":[]}", "X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "999"));
        FreshsalesResponse r = http.call("GET", "/selector/owners", "/selector/owners", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(authorizations).containsExactly("Token token=" + KEY);
        assertThat(store.status("acme", limits).minuteUsed()).isEqualTo(1);
    }

    @Test
    void a429IsWaitedOutAndTheCallMadeAgainNeverAnError() throws Exception {
        script.add(new Answer(429, "{\"errors\":{\"code\":429,\"message\":[\"slow down\"]}}",
                "X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "42"));
        script.add(new Answer(201, "{\"contact\":{\"id\":7}}"));
        Instant before = clock.instant();
        FreshsalesResponse r = http.call("POST", "/contacts/upsert", "/contacts/upsert",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        assertThat(r.status()).isEqualTo(201);
        assertThat(http.tooManyRequests()).isEqualTo(1);
        assertThat(Duration.between(before, clock.instant())).as("waited for the server's reset")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void answersAreClassifiedRefusedOrWithoutDefinitiveAnswer() {
        script.add(new Answer(400, "{\"errors\":{\"code\":400,\"message\":[\"Name has already been taken\"]}}"));
        assertThatThrownBy(() -> http.call("POST", "/sales_accounts/upsert", "/sales_accounts/upsert", null))
                .isInstanceOfSatisfying(FreshsalesException.Refused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.messages()).containsExactly("Name has already been taken");
                });
        script.add(new Answer(503, "<html>down</html>"));
        assertThatThrownBy(() -> http.call("GET", "/contacts/1", "/contacts/{id}", null))
                .isInstanceOf(FreshsalesException.NoAnswer.class).hasMessageContaining("503");
        script.add(new Answer(-1, ""));
        assertThatThrownBy(() -> http.call("POST", "/contacts/upsert", "/contacts/upsert", null))
                .isInstanceOfSatisfying(FreshsalesException.NoAnswer.class, e -> assertThat(e.status()).isZero());
    }

    @Test
    void theKeyNeverAppearsInToStringExceptionMessagesOrLogs() {
        script.add(new Answer(401, "{\"errors\":{\"code\":401,\"message\":[\"Invalid key " + KEY + "\"]}}"));
        script.add(new Answer(500, ""));
        script.add(new Answer(-1, ""));
        List<Throwable> errors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                http.call("GET", "/lookup?q=P-1&f=cf_dentes_id&entities=contact", "/lookup", null);
            } catch (Exception e) {
                errors.add(e);
            }
        }
        assertThat(errors).hasSize(3);
        for (Throwable e : errors) {
            assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("P-1");
            assertThat(e.toString()).doesNotContain(KEY);
        }
        // The server echoed the key in its 401 body; what the outcome would carry is scrubbed.
        assertThat(((FreshsalesException.Refused) errors.get(0)).messages()).containsExactly("Invalid key [redacted]");
        assertThat(new ApiKey(KEY).toString()).isEqualTo("ApiKey[redacted]");
        assertThat(http.toString()).doesNotContain(KEY).contains("redacted");
        assertThat(new FreshsalesClient(http).toString()).doesNotContain(KEY);
        assertThat(logged).as("the 401 was logged").anyMatch(l -> l.contains("not accepted"));
        assertThat(logged).noneMatch(l -> l.contains(KEY));
        assertThat(authorizations).allMatch(a -> a.equals("Token token=" + KEY));
    }

    @Test
    void aBoundedCallerGivesUpWhenTheBudgetStaysExhausted() {
        store.refused("acme", new dev.ferry.loader.budget.ServerView(1000, 0, Duration.ofMinutes(30)), limits);
        FreshsalesHttp impatient = http.withMaxBudgetWait(Duration.ofSeconds(20));
        assertThatThrownBy(() -> impatient.call("GET", "/selector/owners", "/selector/owners", null))
                .isInstanceOf(FreshsalesException.BudgetExhausted.class);
        assertThat(authorizations).as("nothing was sent").isEmpty();
    }
}
