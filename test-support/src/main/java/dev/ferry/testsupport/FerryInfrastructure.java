package dev.ferry.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which Kafka and PostgreSQL a test talks to (see {@link InfrastructureChoice} for the
 * order). Whatever it starts itself is started once per JVM and stopped when the JVM exits.
 */
public final class FerryInfrastructure {

    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Object LOCK = new Object();
    private static final List<AutoCloseable> STARTED = new ArrayList<>();
    private static KafkaEndpoint kafka;
    private static PostgresEndpoint postgres;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FerryInfrastructure::stopStarted, "ferry-test-infra-stop"));
    }

    private FerryInfrastructure() {
    }

    /**
     * The choice made from this JVM's environment, overridden by system properties of the same names, with this
     * module's lanes ({@link InfrastructureChoice#withLanes}) applied.
     */
    public static InfrastructureChoice choice() {
        return new InfrastructureChoice(
                InfrastructureChoice.withLanes(settings(), System.getProperty(InfrastructureChoice.MODULE)),
                DockerProbe::dockerAnswers);
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(System.getenv());
        for (String key : List.of(InfrastructureChoice.KAFKA_BOOTSTRAP, InfrastructureChoice.PG_JDBC_URL,
                InfrastructureChoice.PG_USER, InfrastructureChoice.PG_PASSWORD, InfrastructureChoice.USE_TESTCONTAINERS,
                InfrastructureChoice.KAFKA_LANES, InfrastructureChoice.PG_LANES)) {
            String value = System.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /**
     * The broker and PostgreSQL {@code bin/ferry fault} stops and starts (the environment's, never a lane): what a
     * test that injects those faults must run on. Where the environment names none, the same as {@link #kafka()} and
     * {@link #postgres()}.
     */
    public static KafkaEndpoint faultableKafka() {
        InfrastructureChoice shared = new InfrastructureChoice(settings(), () -> false);
        return shared.kafka() == Source.ENVIRONMENT
                ? new KafkaEndpoint(shared.get(InfrastructureChoice.KAFKA_BOOTSTRAP), Source.ENVIRONMENT) : kafka();
    }

    /** See {@link #faultableKafka()}. */
    public static PostgresEndpoint faultablePostgres() {
        InfrastructureChoice shared = new InfrastructureChoice(settings(), () -> false);
        if (shared.postgres() != Source.ENVIRONMENT) {
            return postgres();
        }
        String password = shared.get(InfrastructureChoice.PG_PASSWORD);
        return new PostgresEndpoint(shared.get(InfrastructureChoice.PG_JDBC_URL),
                shared.get(InfrastructureChoice.PG_USER), password == null ? "" : password, Source.ENVIRONMENT);
    }

    public static KafkaEndpoint kafka() {
        synchronized (LOCK) {
            if (kafka == null) {
                InfrastructureChoice choice = choice();
                kafka = switch (choice.kafka()) {
                    case ENVIRONMENT -> new KafkaEndpoint(choice.get(InfrastructureChoice.KAFKA_BOOTSTRAP), Source.ENVIRONMENT);
                    case TESTCONTAINERS -> startKafkaContainer();
                    case IN_PROCESS -> startInProcessKafka();
                };
            }
            return kafka;
        }
    }

    public static String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    public static PostgresEndpoint postgres() {
        synchronized (LOCK) {
            if (postgres == null) {
                InfrastructureChoice choice = choice();
                postgres = switch (choice.postgres()) {
                    case ENVIRONMENT -> new PostgresEndpoint(choice.get(InfrastructureChoice.PG_JDBC_URL),
                            choice.get(InfrastructureChoice.PG_USER),
                            choice.get(InfrastructureChoice.PG_PASSWORD) == null ? ""
                                    : choice.get(InfrastructureChoice.PG_PASSWORD),
                            Source.ENVIRONMENT);
                    case TESTCONTAINERS -> startPostgresContainer();
                    case IN_PROCESS -> startEmbeddedPostgres();
                };
            }
            return postgres;
        }
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public static void createTopics(int partitions, String... names) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : names) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + List.of(names), e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + List.of(names), e);
        }
    }

    /** Creates a schema (if absent) that the endpoint's user owns. */
    public static void createSchema(String schema) {
        if (!SQL_IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + schema);
        }
        PostgresEndpoint pg = postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " at " + pg.jdbcUrl(), e);
        }
    }

    /** Drops a schema and everything in it. */
    public static void dropSchema(String schema) {
        if (!SQL_IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + schema);
        }
        PostgresEndpoint pg = postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    static KafkaEndpoint startInProcessKafka() {
        // A broker in a test JVM must not decide that JVM's exit code: Kafka's fatal-fault paths call Exit.exit/halt.
        // Suspected (not proven) cause of one CI run whose test-support fork ended non-zero after every test had
        // passed (failsafe: "Error occurred in starting fork"), while the broker stopped in the shutdown hook. Here
        // they only say so.
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                System.err.println("in-process Kafka asked to exit (" + code + "): " + message));
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                System.err.println("in-process Kafka asked to halt (" + code + "): " + message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "6")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            STARTED.add(cluster);
            return new KafkaEndpoint(cluster.bootstrapServers(), Source.IN_PROCESS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    private static KafkaEndpoint startKafkaContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        STARTED.add(container::stop);
        return new KafkaEndpoint(container.getBootstrapServers(), Source.TESTCONTAINERS);
    }

    static PostgresEndpoint startEmbeddedPostgres() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            STARTED.add(pg);
            return new PostgresEndpoint(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                    Source.IN_PROCESS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
        }
    }

    private static PostgresEndpoint startPostgresContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        STARTED.add(container::stop);
        return new PostgresEndpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                Source.TESTCONTAINERS);
    }

    private static void stopStarted() {
        synchronized (LOCK) {
            for (int i = STARTED.size() - 1; i >= 0; i--) {
                try {
                    STARTED.get(i).close();
                } catch (Exception ignored) {
                    // the JVM is exiting; nothing useful can be done with a failed stop
                }
            }
            STARTED.clear();
        }
    }
}
