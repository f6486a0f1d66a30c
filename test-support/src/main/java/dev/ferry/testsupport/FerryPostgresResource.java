package dev.ferry.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} at the PostgreSQL {@link FerryInfrastructure} chose, in a fresh schema of its own
 * ({@code <schema>_<random>}, init arg {@code schema}), so test runs never see each other's rows and Flyway always
 * starts from an empty schema. The schema is dropped when the test resource stops, unless init arg {@code keep} is
 * {@code true} (to look at the rows after a failure).
 */
public class FerryPostgresResource implements QuarkusTestResourceLifecycleManager {

    private String baseSchema = "ferry";
    private boolean keep;
    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        baseSchema = initArgs.getOrDefault("schema", "ferry").toLowerCase(Locale.ROOT);
        keep = Boolean.parseBoolean(initArgs.getOrDefault("keep", "false"));
    }

    @Override
    public Map<String, String> start() {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        schema = baseSchema + "_" + UUID.randomUUID().toString().substring(0, 8);
        FerryInfrastructure.createSchema(schema);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password(),
                "quarkus.datasource.devservices.enabled", "false",
                "quarkus.hibernate-orm.database.default-schema", schema,
                "quarkus.flyway.schemas", schema,
                "quarkus.flyway.default-schema", schema);
    }

    @Override
    public void stop() {
        if (schema != null && !keep) {
            FerryInfrastructure.dropSchema(schema);
        }
    }
}
