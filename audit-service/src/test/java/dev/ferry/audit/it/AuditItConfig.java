package dev.ferry.audit.it;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The topics, groups and schema the audit service runs on in this IT (set by {@link AuditChannelsResource} and FerryPostgresResource).
 * Injected into each IT instead of every IT declaring the same block of {@code @ConfigProperty} fields
 * ({@code @Singleton}, so the fields are read without a client proxy).
 */
@Singleton
public class AuditItConfig {

    @ConfigProperty(name = AuditChannelsResource.OUTCOMES_TOPIC)
    public String outcomesTopic;

    @ConfigProperty(name = AuditChannelsResource.OUTCOMES_GROUP)
    public String outcomesGroup;

    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema")
    public String schema;

    @ConfigProperty(name = AuditChannelsResource.RUNS_TOPIC)
    public String runsTopic;

    @ConfigProperty(name = AuditChannelsResource.POISON_TOPIC)
    public String poisonTopic;

    @ConfigProperty(name = AuditChannelsResource.COMMANDS_TOPIC)
    public String commandsTopic;
}
