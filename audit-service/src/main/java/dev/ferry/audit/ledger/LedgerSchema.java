package dev.ferry.audit.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The schema the ledger lives in, for the SQL this service writes by hand. Hibernate and Flyway get the same name from
 * {@code quarkus.hibernate-orm.database.default-schema} / {@code quarkus.flyway.schemas}; tests use a fresh one.
 */
@ApplicationScoped
public class LedgerSchema {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String schema;

    public LedgerSchema(@ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        if (!PLAIN_IDENTIFIER.matcher(schema).matches()) {
            // It is spliced into SQL text, so only a plain lower-case identifier is accepted.
            throw new IllegalArgumentException("the ledger schema must be a plain lower-case SQL identifier");
        }
        this.schema = schema;
    }

    /** {@code <schema>.<table>}. */
    public String table(String table) {
        return schema + "." + table;
    }

    /** Replaces every {@code {schema}} in a statement with the schema name. */
    public String sql(String template) {
        return template.replace("{schema}", schema);
    }
}
