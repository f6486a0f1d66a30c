package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Regression (the fault matrix's postgres-down-20s row, shared stack, CI): PostgreSQL stopped under a running
 * extraction, Hibernate threw a JDBCConnectionException wrapping SQLSTATE 08006, and the run ended FAILED
 * "unexpected", with nobody to resume it. Such an exception is now recognised, however deep, and the run waits.
 */
class DatabaseAwayTest {

    @Test
    void aConnectionFailureDeepInTheCausesIsTheDatabaseAwayAndNamesOnlyItsState() {
        SQLException driver = new SQLException("An I/O error occurred while sending to the backend: select ...", "08006");
        RuntimeException hibernate = new RuntimeException("JDBC exception executing SQL [select ...]",
                new IllegalStateException("wrapped", driver));

        DatabaseAway away = DatabaseAway.in(new java.util.concurrent.CompletionException(hibernate));

        assertThat(away).isNotNull();
        assertThat(away.getMessage()).isEqualTo("SQLSTATE 08006").doesNotContain("select");
    }

    @Test
    void dataTheDatabaseRefusesIsNotAnOutage() {
        assertThat(DatabaseAway.in(new RuntimeException(new SQLException("duplicate key", "23505")))).isNull();
        assertThat(DatabaseAway.in(new IllegalStateException("no SQL here"))).isNull();
    }
}
