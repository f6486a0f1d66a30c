package dev.ferry.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides where Kafka and PostgreSQL come from: environment first (CI), then Testcontainers when a Docker engine
 * answers, otherwise in-process. Pure, so the order itself is unit-tested.
 */
public final class InfrastructureChoice {

    public static final String KAFKA_BOOTSTRAP = "FERRY_KAFKA_BOOTSTRAP";
    public static final String PG_JDBC_URL = "FERRY_PG_JDBC_URL";
    public static final String PG_USER = "FERRY_PG_USER";
    public static final String PG_PASSWORD = "FERRY_PG_PASSWORD";
    /** Set to {@code false} to skip the Docker probe even where an engine answers. */
    public static final String USE_TESTCONTAINERS = "FERRY_TESTCONTAINERS";
    /**
     * A broker of its own per Maven module, {@code <artifactId>=<bootstrap>,...}: {@code bin/ferry test} builds the
     * services two at a time, and their ITs empty, rewind and fill the same topic names, so each module that can run
     * beside another gets its own broker (a "lane"). A module not listed uses {@link #KAFKA_BOOTSTRAP}.
     */
    public static final String KAFKA_LANES = "FERRY_KAFKA_LANES";
    /**
     * A PostgreSQL of its own per Maven module, {@code <module>=<jdbc url>,...} (same user and password): the system
     * tests run in two forks while one of them stops the shared PostgreSQL on purpose (the fault matrix), so the other
     * fork's stacks live in a second cluster.
     */
    public static final String PG_LANES = "FERRY_PG_LANES";
    /**
     * System property the build sets to the module's artifactId (with {@code -<fork number>} where a module runs its
     * tests in several forks), so a test JVM knows which lane is its own.
     */
    public static final String MODULE = "ferry.module";

    private final Map<String, String> settings;
    private final BooleanSupplier dockerAnswers;

    /**
     * @param settings environment variables, overridden by system properties of the same name (IDE runs)
     * @param dockerAnswers asked only when the environment names nothing; may be slow
     */
    public InfrastructureChoice(Map<String, String> settings, BooleanSupplier dockerAnswers) {
        this.settings = settings;
        this.dockerAnswers = dockerAnswers;
    }

    /**
     * The settings with {@link #KAFKA_BOOTSTRAP} and {@link #PG_JDBC_URL} replaced by the module's own lanes, where
     * {@link #KAFKA_LANES} and {@link #PG_LANES} name one for it.
     *
     * @throws IllegalStateException when a lanes setting is not {@code module=address} pairs
     */
    public static Map<String, String> withLanes(Map<String, String> settings, String module) {
        Map<String, String> laned = new HashMap<>(settings);
        lane(settings, KAFKA_LANES, module).ifPresent(bootstrap -> laned.put(KAFKA_BOOTSTRAP, bootstrap));
        lane(settings, PG_LANES, module).ifPresent(url -> laned.put(PG_JDBC_URL, url));
        return laned;
    }

    private static Optional<String> lane(Map<String, String> settings, String key, String module) {
        String lanes = settings.get(key);
        if (lanes == null || lanes.isBlank() || module == null || module.isBlank()) {
            return Optional.empty();
        }
        for (String lane : lanes.split(",")) {
            if (lane.isBlank()) {
                continue;
            }
            String[] pair = lane.trim().split("=", 2);
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                throw new IllegalStateException(key + " holds '" + lane.trim() + "'; expected <module>=<address>[,...]");
            }
            if (pair[0].trim().equals(module)) {
                return Optional.of(pair[1].trim());
            }
        }
        return Optional.empty();
    }

    public Source kafka() {
        if (isSet(KAFKA_BOOTSTRAP)) {
            return Source.ENVIRONMENT;
        }
        return containersAllowed() && dockerAnswers.getAsBoolean() ? Source.TESTCONTAINERS : Source.IN_PROCESS;
    }

    public Source postgres() {
        if (isSet(PG_JDBC_URL)) {
            if (!isSet(PG_USER)) {
                throw new IllegalStateException(PG_JDBC_URL + " is set but " + PG_USER + " is not");
            }
            return Source.ENVIRONMENT;
        }
        return containersAllowed() && dockerAnswers.getAsBoolean() ? Source.TESTCONTAINERS : Source.IN_PROCESS;
    }

    public String get(String key) {
        return settings.get(key);
    }

    private boolean containersAllowed() {
        return !"false".equalsIgnoreCase(settings.get(USE_TESTCONTAINERS));
    }

    private boolean isSet(String key) {
        String v = settings.get(key);
        return v != null && !v.isBlank();
    }
}
