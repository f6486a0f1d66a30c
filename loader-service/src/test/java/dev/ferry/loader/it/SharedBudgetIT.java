package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.loader.budget.BudgetLimits;
import dev.ferry.loader.budget.PgBudgetStore;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.ApiKey;
import dev.ferry.loader.client.FreshsalesHttp;
import dev.ferry.loader.config.LoaderConfig.HeaderBucket;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two loaders' budget clients (two PostgreSQL-backed budgets under different instance ids, each with its own HTTP
 * client) share one sandbox account whose per-minute budget is small. The sandbox runs its limiter 12 times faster
 * than real time (a minute lasts 5 s), and the loaders' windows are configured to match. Everything is asserted on
 * the sandbox's own request counts.
 */
@QuarkusTest
@TestProfile(SharedBudgetIT.NoConsumer.class)
@WithTestResource(FerryKafkaResource.class)
@WithTestResource(value = FerryPostgresResource.class, initArgs = @ResourceArg(name = "schema", value = "loader"))
@WithTestResource(LoaderItResource.class)
class SharedBudgetIT {

    @Inject
    LoaderItConfig config;

    /** This class drives budgets directly; the command consumer stays off. */
    public static class NoConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ferry.loader.consumer.enabled", "false");
        }
    }

    private static final int PER_MINUTE = 12;
    private static final int CALLS_EACH = 12;

    @Inject
    Jdbc jdbc;

    private static BudgetLimits limits(int planPerMinute) {
        // A simulated minute lasts 5 s at time scale 12; the hour 300 s. No headroom: the limit itself must hold.
        return new BudgetLimits(planPerMinute, 100_000, 0, Duration.ofSeconds(5), Duration.ofSeconds(300),
                Duration.ofMillis(500), Duration.ofSeconds(5), HeaderBucket.AUTO);
    }

    private FreshsalesHttp client(String instance, String account, BudgetLimits limits) {
        RateBudget budget = new RateBudget(new PgBudgetStore(jdbc, instance), account, limits, Sleeper.REAL,
                Duration.ofMillis(200));
        return new FreshsalesHttp(FreshsalesHttp.newHttpClient(Duration.ofSeconds(5)), URI.create(config.sandboxUrl),
                new ApiKey("ferry-sandbox-key"), budget, Clock.systemUTC(), Duration.ofSeconds(10),
                FreshsalesHttp.CallListener.NONE);
    }

    /** Runs both clients at full speed, CALLS_EACH calls each; returns each client's answered calls. */
    private List<Integer> hammer(FreshsalesHttp a, FreshsalesHttp b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (FreshsalesHttp client : List.of(a, b)) {
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < CALLS_EACH; i++) {
                        client.call("GET", "/selector/owners", "/selector/owners", null);
                        ok++;
                    }
                    return ok;
                }));
            }
            List<Integer> counts = new ArrayList<>();
            for (Future<Integer> f : done) {
                counts.add(f.get(60, TimeUnit.SECONDS));
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoLoadersLearnTheSmallBudgetFromTheHeadersAndShareItWithoutA429() throws Exception {
        SandboxAdmin sandbox = new SandboxAdmin(config.sandboxUrl);
        // A fresh account: no calls of an earlier test still counted in the server's current minute.
        sandbox.reset();
        sandbox.configure("{\"perMinuteLimit\":" + PER_MINUTE + ",\"perHourLimit\":100000,\"timeScale\":12,"
                + "\"rateLimitHeaderBucket\":\"MINUTE\"}");
        sandbox.clearSummary();
        String account = "shared-" + UUID.randomUUID();
        // Both loaders were told the plan allows 400 a minute; the server's headers say 12.
        FreshsalesHttp a = client("replica-a", account, limits(400));
        FreshsalesHttp b = client("replica-b", account, limits(400));

        List<Integer> answered = hammer(a, b);

        JsonNode summary = sandbox.summary();
        assertThat(answered).containsExactly(CALLS_EACH, CALLS_EACH);
        assertThat(summary.path("byStatus").path("200").asLong()).isEqualTo(2L * CALLS_EACH);
        assertThat(summary.path("rateLimited").asLong()).as("429s, all but the first are forbidden").isLessThanOrEqualTo(1);
        assertThat(a.tooManyRequests() + b.tooManyRequests()).isEqualTo(summary.path("rateLimited").asLong());
    }

    @Test
    void withHeadersAboutTheHourTwoLoadersConfiguredForThePlanShareTheMinuteWithoutA429() throws Exception {
        SandboxAdmin sandbox = new SandboxAdmin(config.sandboxUrl);
        // A fresh account: no calls of an earlier test still counted in the server's current minute.
        sandbox.reset();
        sandbox.configure("{\"perMinuteLimit\":" + PER_MINUTE + ",\"perHourLimit\":100000,\"timeScale\":12,"
                + "\"rateLimitHeaderBucket\":\"HOUR\"}");
        sandbox.clearSummary();
        String account = "shared-" + UUID.randomUUID();
        FreshsalesHttp a = client("replica-a", account, limits(PER_MINUTE));
        FreshsalesHttp b = client("replica-b", account, limits(PER_MINUTE));

        List<Integer> answered = hammer(a, b);

        JsonNode summary = sandbox.summary();
        assertThat(answered).containsExactly(CALLS_EACH, CALLS_EACH);
        assertThat(summary.path("rateLimited").asLong()).isZero();
        assertThat(summary.path("byStatus").path("200").asLong()).isEqualTo(2L * CALLS_EACH);
        // Both replicas drew their calls from the one shared log.
        Map<String, Long> byInstance = grantsByInstance(account);
        assertThat(byInstance).containsOnlyKeys("replica-a", "replica-b");
        assertThat(byInstance.values()).containsOnly((long) CALLS_EACH);
    }

    private Map<String, Long> grantsByInstance(String account) {
        return jdbc.inTransaction(c -> {
            Map<String, Long> out = new java.util.HashMap<>();
            try (var ps = c.prepareStatement("SELECT instance_id, sum(calls) FROM rate_budget_grant "
                    + "WHERE account = ? AND scope IS NULL GROUP BY instance_id")) {
                ps.setString(1, account);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }
}
