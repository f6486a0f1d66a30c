package dev.ferry.audit.it;

import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct SQL on the test's ledger schema, for what the REST API does not show (row counts) or to break it. */
public final class LedgerDb {

    private final String schema;

    public LedgerDb(String schema) {
        this.schema = schema;
    }

    public long count(String table) {
        return queryLong("SELECT count(*) FROM " + schema + "." + table);
    }

    public long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed", e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql.replace("{schema}", schema));
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed", e);
        }
    }

    private static Connection connect() throws SQLException {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }
}
