package dev.ferry.mapper.store;

import dev.ferry.mapper.config.MapperConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Transactions on the mapper's datasource, by hand: holding, releasing and de-duplicating records is a handful of
 * PostgreSQL statements (upserts, {@code FOR UPDATE SKIP LOCKED}) whose locking should be visible in the code.
 */
@ApplicationScoped
public class Db {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** A unit of work on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final String schema;

    public Db(AgroalDataSource dataSource, MapperConfig config) {
        this.dataSource = dataSource;
        this.schema = config.dbSchema();
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("ferry.mapper.db-schema must be a plain lower-case SQL identifier");
        }
    }

    /** A table name qualified with the mapper's schema. */
    public String table(String name) {
        return schema + "." + name;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T tx(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("mapper database: " + what + " failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
