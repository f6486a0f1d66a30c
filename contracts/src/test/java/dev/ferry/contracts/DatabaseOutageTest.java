package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aDatabaseAwayIsToldFromWorkItRefuses() {
        assertThat(DatabaseOutage.isAway(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(DatabaseOutage.isAway(new SQLException("deadlock detected", "40P01"))).as("a lost race").isFalse();
        assertThat(DatabaseOutage.isAwayOrRolledBack(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(DatabaseOutage.isAwayOrRolledBack(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseOutage.isAway(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseOutage.isAway(new SQLException("Sorry, acquisition timeout!"))).as("the pool's own").isTrue();
        assertThat(DatabaseOutage.isAway(new SQLTransientConnectionException("gone", "99999"))).isTrue();
        assertThat(DatabaseOutage.isAway(new SQLException("invalid byte sequence", "22021"))).isFalse();
        assertThat(DatabaseOutage.isAway(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseOutage.isAway(new SQLException("relation does not exist", "42P01"))).isFalse();
    }
}
