package dev.ferry.cli.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Gives each service an empty schema, so a demo or an end-to-end run starts with empty ledgers. */
public final class SchemaReset {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SchemaReset() {
    }

    public static void reset(StackSettings settings) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
             Statement s = c.createStatement()) {
            for (Component component : Component.values()) {
                if (component.schema() == null) {
                    continue;
                }
                String schema = checked(settings.schema(component));
                String owner = checked(settings.dbUserFor(component));
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + owner);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the service schemas at " + settings.jdbcUrl()
                    + " as " + settings.dbUser() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schemas a test stack created. */
    public static void drop(StackSettings settings) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
             Statement s = c.createStatement()) {
            for (Component component : Component.values()) {
                if (component.schema() != null) {
                    s.execute("DROP SCHEMA IF EXISTS " + checked(settings.schema(component)) + " CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the service schemas: " + e.getMessage(), e);
        }
    }

    private static String checked(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return identifier;
    }
}
