package dev.ferry.audit.bench;

import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.FreePorts;
import dev.ferry.launcher.PackagedApp;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest rate of the packaged audit service: outcomes per second from {@code freshsales.outcomes} into the ledger,
 * on the local Kafka and PostgreSQL. See {@code audit-service/bench/README.md} for how to run it and the numbers.
 *
 * <p>Each case gets fresh topics, consumer groups and a fresh ledger schema. The outcomes are produced before the
 * service starts, so the clock measures the consumer and the ledger only: from the first stored outcome to the last
 * (polling the row count every 100 ms). Cases:
 * <ul>
 *   <li>{@code batched}: the shipped configuration (one transaction per poll of up to 1000 records, up to 2 batches
 *       in their transaction at once);</li>
 *   <li>{@code batched-1-writer}: the same with one batch at a time;</li>
 *   <li>{@code per-message}: the baseline, {@code max.poll.records=1}, i.e. one transaction per outcome (2
 *       writers, as shipped);</li>
 *   <li>{@code replay}: the batched topic read again by a new consumer group into the same ledger (every message a
 *       duplicate), timed by the service's own {@code ferry_audit_outcomes_received_total} counter; the ledger
 *       must still hold exactly the original rows.</li>
 * </ul>
 */
public final class IngestBench {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final Path jar;
    private final Path logDir;
    private final PostgresEndpoint pg = FerryInfrastructure.postgres();
    private final String bootstrap = FerryInfrastructure.kafkaBootstrapServers();

    private IngestBench(Path jar, Path logDir) {
        this.jar = jar;
        this.logDir = logDir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int outcomes = Integer.parseInt(opts.getOrDefault("outcomes", "200000"));
        int baseline = Integer.parseInt(opts.getOrDefault("baseline-outcomes", "10000"));
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "3"));
        Path jar = opts.containsKey("jar") ? Path.of(opts.get("jar")) : PackagedApp.AUDIT.runner();
        Path logDir = Files.createDirectories(Path.of(opts.getOrDefault("logs", "target/bench")));
        IngestBench bench = new IngestBench(jar, logDir);

        System.out.printf("audit ingest bench: %d outcomes (batched), %d (per-message baseline), %d partitions, "
                + "%d cores%n", outcomes, baseline, partitions, Runtime.getRuntime().availableProcessors());
        List<String> cases = List.of(opts.getOrDefault("cases", "batched,batched-1-writer,per-message").split(","));
        List<Result> results = new ArrayList<>();
        Result batched = null;
        Result perMessage = null;
        if (cases.contains("batched")) {
            batched = bench.ingest("batched", outcomes, partitions, 1000, 2, true);
            results.add(batched);
        }
        if (cases.contains("batched-1-writer")) {
            results.add(bench.ingest("batched-1-writer", outcomes, partitions, 1000, 1, false));
        }
        if (cases.contains("per-message")) {
            perMessage = bench.ingest("per-message", baseline, partitions, 1, 2, false);
            results.add(perMessage);
        }
        if (batched != null) {
            results.add(batched.replay);
        }
        System.out.println();
        System.out.println("| case | outcomes | seconds | outcomes/s |");
        System.out.println("|---|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f |%n", r.name, r.count, r.seconds, r.rate());
        }
        if (batched != null && perMessage != null) {
            System.out.printf(Locale.ROOT, "%nbatched / per-message = %.1fx%n", batched.rate() / perMessage.rate());
        }
        if (batched != null) {
            System.out.printf(Locale.ROOT, "one million outcomes, batched: about %.0f s%n",
                    1_000_000 / batched.rate());
        }
    }

    private static final class Result {
        final String name;
        final long count;
        final double seconds;
        Result replay;

        Result(String name, long count, double seconds) {
            this.name = name;
            this.count = count;
            this.seconds = seconds;
        }

        double rate() {
            return count / seconds;
        }
    }

    private Result ingest(String name, int count, int partitions, int maxPollRecords, int writers,
            boolean withReplay) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "audit-bench-" + id;
        String schema = "audit_bench_" + id;
        String outcomesTopic = prefix + ".freshsales.outcomes";
        FerryInfrastructure.createTopics(partitions, outcomesTopic, prefix + ".migration.runs",
                prefix + ".ferry.poison");
        FerryInfrastructure.createSchema(schema);
        try {
            long produced = produce(outcomesTopic, count);
            System.out.printf("[%s] produced %d outcomes to %s%n", name, produced, outcomesTopic);
            App app = start(name, prefix, schema, prefix + "-outcomes", maxPollRecords, writers);
            Result result;
            try {
                result = measureRows(name, schema, count);
                printBatches(name, app);
                if (withReplay) {
                    printReadLatency(name, app, count);
                }
            } finally {
                stop(app);
            }
            if (withReplay) {
                App again = start(name + "-replay", prefix, schema, prefix + "-outcomes-replay", maxPollRecords,
                        writers);
                try {
                    result.replay = measureReceived("replay (all duplicates)", again, count);
                    printBatches("replay", again);
                    long rows = count(schema, "outcome");
                    if (rows != count) {
                        throw new IllegalStateException("replay changed the ledger: " + rows + " rows, expected "
                                + count);
                    }
                } finally {
                    stop(again);
                }
            }
            return result;
        } finally {
            FerryInfrastructure.dropSchema(schema);
            deleteTopics(outcomesTopic, prefix + ".migration.runs", prefix + ".ferry.poison");
        }
    }

    /** A million-outcome topic is ~350 MB on a broker others share: gone once measured. */
    private void deleteTopics(String... topics) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            admin.deleteTopics(List.of(topics)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("could not delete the bench topics " + List.of(topics) + ": " + e);
        }
    }

    /**
     * A practice's outcome stream: per record mostly one CREATED; some deferred first (waiting for a parent) and
     * created on attempt 2; some rejected by the mapper; a few refused by Freshsales. Every message a distinct
     * outcome, so the ledger must end with exactly {@code count} rows.
     */
    private long produce(String topic, int count) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        String run = "run-bench";
        Random random = new Random(1);
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            int record = 0;
            while (sent < count) {
                String sourceId = String.format(Locale.ROOT, "P-%07d", record++);
                String cmd = CommandIds.of(run, SourceResource.PATIENTS, sourceId, 0, "UPSERT");
                t = t.plusMillis(3);
                List<LoadOutcome> outcomes = new ArrayList<>(2);
                int dice = random.nextInt(100);
                if (dice < 10 && sent + 2 <= count) {
                    outcomes.add(outcome(cmd, run, sourceId, OutcomeKind.DEFERRED, 1, t, null, null));
                    outcomes.add(outcome(cmd, run, sourceId, OutcomeKind.CREATED, 2, t.plusSeconds(2), null, null));
                } else if (dice < 15) {
                    outcomes.add(LoadOutcome.rejected(cmd, run, SourceResource.PATIENTS, sourceId,
                            new Rejection("email.invalid", "email", "the e-mail address is not valid"), t));
                } else if (dice < 17) {
                    outcomes.add(outcome(cmd, run, sourceId, OutcomeKind.FAILED, 3, t, null,
                            new TargetFailure(400, List.of("Mobile number is invalid"), "target-refused")));
                } else {
                    outcomes.add(outcome(cmd, run, sourceId, OutcomeKind.CREATED, 1, t, 4_000_000L + record, null));
                }
                for (LoadOutcome o : outcomes) {
                    producer.send(new ProducerRecord<>(topic, sourceId, FerryJson.encode(o)));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static LoadOutcome outcome(String cmd, String run, String sourceId, OutcomeKind kind, int attempt,
            Instant at, Long freshsalesId, TargetFailure failure) {
        return new LoadOutcome(cmd, run, SourceResource.PATIENTS, sourceId, 0, FreshsalesTarget.CONTACT, kind,
                freshsalesId, null, null, null, failure,
                kind == OutcomeKind.DEFERRED ? "deferred: waiting for clinics C-0001" : null, attempt, at);
    }

    /** A started service and the port its metrics answer on. */
    private record App(ChildJvm jvm, int port) {
    }

    private App start(String name, String prefix, String schema, String outcomesGroup, int maxPollRecords,
            int writers) throws Exception {
        int port = FreePorts.next();
        Path log = logDir.resolve(name + ".log");
        ChildJvm jvm = ChildJvm.builder(name, jar).buildHint(PackagedApp.AUDIT.buildCommand()).jvmOption("-Xmx512m")
                .httpPort(port).logFile(log)
                .systemProperties(dev.ferry.testsupport.security.TestTokens.packagedServiceProperties())
                .systemProperty("quarkus.log.level", "WARN")
                .systemProperty("kafka.bootstrap.servers", bootstrap)
                .systemProperty("quarkus.datasource.jdbc.url", pg.jdbcUrl())
                .systemProperty("quarkus.hibernate-orm.database.default-schema", schema)
                .systemProperty("quarkus.flyway.schemas", schema)
                .systemProperty("quarkus.flyway.default-schema", schema)
                .systemProperty("mp.messaging.incoming.outcomes-in.topic", prefix + ".freshsales.outcomes")
                .systemProperty("mp.messaging.incoming.outcomes-in.group.id", outcomesGroup)
                .systemProperty("mp.messaging.incoming.outcomes-in.max.poll.records", Integer.toString(maxPollRecords))
                .systemProperty("smallrye.messaging.worker.audit-ledger-writers.max-concurrency", Integer.toString(writers))
                .systemProperty("mp.messaging.incoming.runs-in.topic", prefix + ".migration.runs")
                .systemProperty("mp.messaging.incoming.runs-in.group.id", prefix + "-runs-" + outcomesGroup.hashCode())
                .systemProperty("mp.messaging.incoming.poison-in.topic", prefix + ".ferry.poison")
                .systemProperty("mp.messaging.incoming.poison-in.group.id", prefix + "-poison-" + outcomesGroup.hashCode())
                .systemProperty("mp.messaging.outgoing.poison-out.topic", prefix + ".ferry.poison")
                // Credentials through the environment, not the command line (visible to every user in ps).
                .environment("QUARKUS_DATASOURCE_USERNAME", pg.user())
                .environment("QUARKUS_DATASOURCE_PASSWORD", pg.password())
                .build();
        System.out.printf("[%s] starting the audit service on 127.0.0.1:%d (max.poll.records=%d, %d writers), log "
                + "%s%n", name, port, maxPollRecords, writers, log);
        return new App(jvm.start(), port);
    }

    private static void stop(App app) {
        app.jvm().stop(Duration.ofSeconds(30));
    }

    /** The service's own counters from {@code /q/metrics} (Prometheus text), 0 when absent or not up yet. */
    private static Map<String, Double> metrics(App app) {
        Map<String, Double> values = new HashMap<>();
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + app.port() + "/q/metrics")).timeout(Duration.ofSeconds(5)).header("Authorization",
                            dev.ferry.testsupport.security.TestTokens.bearer(dev.ferry.contracts.security.Roles.VIEWER)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().split("\n")) {
                if (line.startsWith("ferry_audit_")) {
                    String[] parts = line.split(" ");
                    String key = parts[0].replaceAll("\\{.*}", "");
                    values.merge(key, Double.parseDouble(parts[parts.length - 1]), Double::sum);
                }
            }
        } catch (java.io.IOException e) {
            // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    /** How long the dashboard endpoints take on a run of this size (best of 3, after one warm-up call). */
    private static void printReadLatency(String name, App app, int records) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/runs/run-bench/reconciliation", "/runs/run-bench/progress", "/runs",
                "/runs/run-bench/reconciliation/patients/created?page=50&size=100")) {
            long best = Long.MAX_VALUE;
            int status = 0;
            for (int i = 0; i < 4; i++) {
                long started = System.nanoTime();
                java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofMinutes(2))
                        .header("Authorization", dev.ferry.testsupport.security.TestTokens.bearer(
                                dev.ferry.contracts.security.Roles.AUDITOR))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                if (i > 0) {
                    best = Math.min(best, System.nanoTime() - started);
                }
            }
            System.out.printf(Locale.ROOT, "[%s] GET %s over %d outcomes: HTTP %d in %d ms%n", name, path, records,
                    status, best / 1_000_000);
        }
    }

    private static void printBatches(String name, App app) {
        Map<String, Double> m = metrics(app);
        double batches = m.getOrDefault("ferry_audit_outcomes_batch_seconds_count", 0.0);
        double seconds = m.getOrDefault("ferry_audit_outcomes_batch_seconds_sum", 0.0);
        double received = m.getOrDefault("ferry_audit_outcomes_received_total", 0.0);
        if (batches > 0) {
            System.out.printf(Locale.ROOT, "[%s] %.0f batches, %.0f outcomes per batch on average, %.1f ms per "
                    + "batch (decode + transaction + commit)%n", name, batches, received / batches,
                    seconds / batches * 1000);
        }
    }

    private Result measureRows(String name, String schema, long expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long firstAt = 0;
        long firstCount = 0;
        while (System.nanoTime() < deadline) {
            long rows = tableExists(schema) ? count(schema, "outcome") : 0;
            long now = System.nanoTime();
            if (rows > 0 && firstAt == 0) {
                firstAt = now;
                firstCount = rows;
            }
            if (rows >= expected) {
                double seconds = (now - firstAt) / 1e9;
                Result r = new Result(name, expected - firstCount, seconds);
                System.out.printf(Locale.ROOT, "[%s] %d outcomes stored; %d after the first poll in %.1f s: "
                        + "%.0f outcomes/s%n", name, rows, r.count, seconds, r.rate());
                return r;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + ": not all outcomes stored within " + TIMEOUT);
    }

    /** Times the service's received-outcomes counter from its first step above 0 to {@code messages}. */
    private Result measureReceived(String name, App app, long messages) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long firstAt = 0;
        double firstCount = 0;
        while (System.nanoTime() < deadline) {
            double received = metrics(app).getOrDefault("ferry_audit_outcomes_received_total", 0.0);
            long now = System.nanoTime();
            if (received > 0 && firstAt == 0) {
                firstAt = now;
                firstCount = received;
            }
            if (received >= messages) {
                double seconds = (now - firstAt) / 1e9;
                Result r = new Result(name, messages - (long) firstCount, seconds);
                System.out.printf(Locale.ROOT, "[%s] %d duplicates processed; %d after the first poll in %.1f s: "
                        + "%.0f/s%n", name, messages, r.count, seconds, r.rate());
                return r;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + ": the replay did not finish within " + TIMEOUT);
    }

    private long count(String schema, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean tableExists(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('" + schema + ".outcome') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
