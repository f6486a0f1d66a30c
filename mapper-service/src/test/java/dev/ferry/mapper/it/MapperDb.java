package dev.ferry.mapper.it;

import dev.ferry.mapper.mapping.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Direct reads and the one write (the run's metadata snapshot) the tests need in the mapper's own schema. */
final class MapperDb {

    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    MapperDb() {
        var config = ConfigProvider.getConfig();
        url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        user = config.getValue("quarkus.datasource.username", String.class);
        password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        schema = config.getValue("ferry.mapper.db-schema", String.class);
    }

    /** Stores the run's target metadata snapshot, as if the mapper had taken it from the loader. */
    void seedMetadata(String runId) {
        exec("INSERT INTO " + schema + ".target_metadata (run_id, body, sha256, fetched_at) VALUES (?, ?, 'test', ?)",
                runId, Fixtures.resource("target-metadata.json"), Timestamp.from(Instant.now()));
    }

    long count(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement(sql.replace("{schema}", schema))) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<List<Object>> rows(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement(sql.replace("{schema}", schema))) {
            bind(s, args);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A statement on the mapper's schema ({@code {schema}} in the text). */
    void update(String sql, Object... args) {
        exec(sql.replace("{schema}", schema), args);
    }

    private void exec(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
