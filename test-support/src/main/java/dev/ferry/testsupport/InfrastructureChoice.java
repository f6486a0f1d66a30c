package dev.ferry.testsupport;

import java.util.Map;
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
