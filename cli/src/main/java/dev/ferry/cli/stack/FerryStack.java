package dev.ferry.cli.stack;

import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole migration on one machine: both sandboxes and the four services as child JVMs, wired to one Kafka broker
 * and one PostgreSQL database. The demo and the end-to-end suite both run on it, so what the suite proves is what
 * the demo shows.
 */
public final class FerryStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final StackSettings settings;
    private final StackAuth auth;
    private final Map<Component, ChildJvm> processes = new EnumMap<>(Component.class);
    /** Further instances of a service (loader replicas), on ports of their own. */
    private final Map<String, ChildJvm> replicas = new LinkedHashMap<>();

    public FerryStack(StackSettings settings) {
        this.settings = settings;
        this.auth = new StackAuth(settings.workDir());
    }

    /** The stack's tokens: the CLI's own, and minting for other callers. */
    public StackAuth auth() {
        return auth;
    }

    public StackSettings settings() {
        return settings;
    }

    /**
     * Starts the given components together and returns once every one is ready (a service whose peer is not up yet
     * waits for it by itself: the mapper retries the loader's metadata, consumers join when they can). Starting them
     * together lets one JVM's start-up work overlap another's waits; on two cores it saves about a third of the time.
     */
    public FerryStack start(Component... components) {
        for (Component c : components) {
            process(c).start();
        }
        try {
            for (Component c : components) {
                process(c).awaitReady(START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            for (Component c : components) {
                process(c).kill();
            }
            throw e;
        }
        return this;
    }

    /**
     * Starts another instance of a service (replica {@code n >= 1}) on a free port, sharing everything else: same
     * consumer groups, same database schema. This is how operators scale loaders.
     */
    public ChildJvm startReplica(Component c, int n) {
        ChildJvm p = replicas.computeIfAbsent(c.displayName() + "-" + n, name -> describe(c, FreePorts.next(), name));
        p.startAndAwaitReady(START_TIMEOUT);
        return p;
    }

    public ChildJvm replica(Component c, int n) {
        return n == 0 ? process(c) : replicas.get(c.displayName() + "-" + n);
    }

    /**
     * Stops every extra replica (graceful, together) and starts again any of the given components that is not running:
     * the stack as it was started, for the next practice to pass through (the fault matrix shares one stack).
     */
    public void tidy(Component... components) {
        ChildJvm.stopAll(replicas.values().stream().filter(ChildJvm::isAlive).toList(), ChildJvm.DEFAULT_GRACE);
        List<Component> dead = java.util.Arrays.stream(components).filter(c -> !process(c).isAlive()).toList();
        for (Component c : dead) {
            process(c).start();
        }
        for (Component c : dead) {
            process(c).awaitReady(START_TIMEOUT);
        }
    }

    /** SIGKILL one component: what a crash looks like. */
    public void kill(Component c) {
        process(c).kill();
    }

    /**
     * SIGKILL everything at once, for a test that has checked what it came for and throws the stack's state away (the
     * fault matrix): a graceful stop spends up to 20 s in a mapper leaving six consumer groups one by one, and the
     * next stack starts on reset topics and schemas anyway. Killed members' group seats expire with their session.
     */
    public void abort() {
        replicas.values().forEach(ChildJvm::kill);
        processes.values().forEach(ChildJvm::kill);
    }

    /** Starts a killed or stopped component again, with the same settings. */
    public void restart(Component c) {
        process(c).restart(ChildJvm.DEFAULT_GRACE, START_TIMEOUT);
    }

    public ChildJvm process(Component c) {
        return processes.computeIfAbsent(c, k -> describe(k, settings.port(k), k.displayName()));
    }

    public String baseUrl(Component c) {
        return settings.baseUrl(c);
    }

    /**
     * Stops everything, services before sandboxes; the members of each group stop together (a service still draining
     * may call a sandbox, so the sandboxes go last).
     */
    @Override
    public void close() {
        List<ChildJvm> services = new ArrayList<>(replicas.values());
        for (Component c : List.of(Component.EXTRACTOR, Component.MAPPER, Component.LOADER, Component.AUDIT)) {
            if (processes.containsKey(c)) {
                services.add(processes.get(c));
            }
        }
        ChildJvm.stopAll(services, ChildJvm.DEFAULT_GRACE);
        List<ChildJvm> sandboxes = new ArrayList<>();
        for (Component c : List.of(Component.DENTES_SIM, Component.FRESHSALES_SIM)) {
            if (processes.containsKey(c)) {
                sandboxes.add(processes.get(c));
            }
        }
        ChildJvm.stopAll(sandboxes, ChildJvm.DEFAULT_GRACE);
    }

    private ChildJvm describe(Component c, int port, String name) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.banner.enabled", "false");
        String ready = "/q/health/ready";
        // Serial GC: six JVMs share two cores; a parallel collector per JVM would only fight over them.
        // A local stack is six JVMs starting at once on a laptop or a two-core runner: the client compiler alone starts
        // each of them faster (no C2 threads competing for the cores), and the local run is bound by the rate budget,
        // not by compiled-code speed. The Kubernetes images keep the JVM's defaults.
        List<String> jvm = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        switch (c) {
            case FRESHSALES_SIM -> jvm.add("-Xmx512m");
            case DENTES_SIM -> jvm.add("-Xmx512m");
            default -> {
                jvm.add("-Xmx" + settings.serviceHeap());
                String schema = settings.schema(c);
                props.put("kafka.bootstrap.servers", settings.kafkaBootstrap());
                props.put("quarkus.datasource.jdbc.url", settings.jdbcUrl());
                props.put("quarkus.datasource.username", settings.dbUserFor(c));
                props.put("quarkus.datasource.password", settings.dbPassword());
                props.put("quarkus.flyway.schemas", schema);
                props.put("quarkus.flyway.default-schema", schema);
                props.put("quarkus.hibernate-orm.database.default-schema", schema);
                props.putAll(auth.verification());
            }
        }
        switch (c) {
            case EXTRACTOR -> {
                props.put("ferry.extractor.dentes.base-url", settings.baseUrl(Component.DENTES_SIM));
                props.put("ferry.extractor.fields.mapper-url", settings.baseUrl(Component.MAPPER));
                // Discovery asks the loader for the Freshsales users (owner matching).
                props.put("ferry.discovery.loader-url", settings.baseUrl(Component.LOADER));
                // Delta runs ask the audit which records did not end in a success (issue 12).
                props.put("ferry.extractor.delta.audit-url", settings.baseUrl(Component.AUDIT));
            }
            case LOADER -> {
                props.put("ferry.loader.freshsales.base-url",
                        settings.baseUrl(Component.FRESHSALES_SIM) + "/crm/sales/api");
                // Attachments (issue 10): the loader streams their bytes from the Dr.DENTES sandbox.
                props.put("ferry.loader.dentes.base-url", settings.baseUrl(Component.DENTES_SIM));
            }
            case MAPPER -> props.put("ferry.mapper.loader-url", settings.baseUrl(Component.LOADER));
            // Reconciliation (issue 12): the audit asks the loader to read Freshsales back.
            case AUDIT -> props.put("ferry.audit.reconcile.loader-url", settings.baseUrl(Component.LOADER));
            default -> {
            }
        }
        props.putAll(settings.extraProperties().getOrDefault(c, Map.of()));
        ChildJvm.Builder b = ChildJvm.builder(name, c.jar(settings.repoRoot())).buildHint(c.app().buildCommand())
                .systemProperties(props).logFile(settings.workDir().resolve("logs").resolve(name + ".log"))
                .readyPath(ready);
        jvm.forEach(b::jvmOption);
        if (c == Component.EXTRACTOR || c == Component.MAPPER || c == Component.AUDIT) {
            auth.callerEnvironment().forEach(b::environment);
        }
        return b.build();
    }
}
