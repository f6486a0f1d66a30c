package dev.ferry.loader.it;

import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.FreePorts;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a test of the packaged loader under a fault needs: a Freshsales sandbox of its own, a fresh schema, fresh
 * topics and consumer group, and the loader's settings pointing at them ({@link #props}, which a test may change
 * between starts). {@link #close()} stops the loader and the sandbox and drops the schema.
 */
public final class PackagedLoaderRig implements AutoCloseable {

    public final String id = UUID.randomUUID().toString().substring(0, 8);
    public final String schema;
    public final String commands = "loader-it-" + id + ".commands";
    public final String outcomes = "loader-it-" + id + ".outcomes";
    public final String poison = "loader-it-" + id + ".poison";
    public final FreshsalesSandboxProcess sandbox;
    public final SandboxAdmin admin;
    public final Map<String, String> props = new HashMap<>();
    private final List<Path> logs = new ArrayList<>();
    private ChildJvm loader;

    private PackagedLoaderRig(String name, String... sandboxProperties) {
        schema = "loader_" + name + "_" + id;
        sandbox = FreshsalesSandboxProcess.start(sandboxProperties);
        admin = new SandboxAdmin(sandbox.apiBaseUrl());
        FerryInfrastructure.createSchema(schema);
        FerryInfrastructure.createTopics(3, commands, outcomes, poison);
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        props.put("kafka.bootstrap.servers", FerryInfrastructure.kafkaBootstrapServers());
        props.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
        props.put("quarkus.datasource.username", pg.user());
        props.put("quarkus.datasource.password", pg.password());
        props.put("quarkus.flyway.schemas", schema);
        props.put("ferry.loader.freshsales.base-url", sandbox.apiBaseUrl());
        props.put("ferry.loader.freshsales.account", name + "-" + id);
        props.put("ferry.loader.consumer.commands-topic", commands);
        props.put("ferry.loader.consumer.outcomes-topic", outcomes);
        props.put("ferry.loader.consumer.poison-topic", poison);
        props.put("ferry.loader.consumer.group-id", "loader-it-" + id);
        props.put("quarkus.http.port", Integer.toString(FreePorts.next()));
        // A create whose answer was lost waits this long before its lookup settles it: 30 s in production, which made
        // every rig test with lost answers wait half a minute per round (PackagedChildRestartIT 95 s). What the tests
        // prove is the settling, not the pause; a test that pins a default sets it back.
        props.put("ferry.loader.retry.unsettled-pause", "PT3S");
    }

    /** A rig named {@code name} (schema {@code loader_<name>_<id>}, account {@code <name>-<id>}). */
    public static PackagedLoaderRig create(String name, String... sandboxProperties) {
        return new PackagedLoaderRig(name, sandboxProperties);
    }

    /** Starts the packaged loader with the current {@link #props} and waits until it is live. */
    public ChildJvm startLoader() {
        loader = LoaderProcess.start(props);
        logs.add(loader.logFile());
        return loader;
    }

    /** SIGKILL of the running loader. */
    public void killLoader() {
        loader.kill();
    }

    /** A {@code SELECT count(*) ...} against the rig's database. */
    public long count(String sql) throws SQLException {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Where the loader's logs are, for a failing test to print. */
    public void printLogs() {
        logs.stream().distinct().forEach(l -> System.err.println("loader log: " + l));
    }

    @Override
    public void close() {
        if (loader != null) {
            loader.close();
        }
        sandbox.close();
        FerryInfrastructure.dropSchema(schema);
    }
}
