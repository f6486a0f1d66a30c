package dev.ferry.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mapper.store.StoreException;
import dev.ferry.testsupport.ManualClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    /**
     * Regression, issue 8 hole 4: a database outage of seconds nacked the record and the channel's fail strategy
     * stopped the consumer for good; the mapper consumed nothing more until it was restarted.
     */
    @Test
    void aDatabaseOrBrokerOutageIsWaitedOutUntilTheWorkGoesThrough() {
        AtomicInteger calls = new AtomicInteger();
        Outages.waitOut("raw-patients-in", () -> {
            int n = calls.incrementAndGet();
            if (n <= 20) {
                throw n % 2 == 0 ? new StoreException("mapper database: hold failed (SQL state 08006)",
                        new SQLException("An I/O error occurred while sending to the backend.", "08006"))
                        : new RuntimeException("send failed", new TimeoutException("Expiring 1 record(s)"));
            }
        }, clock::sleep, Duration.ofSeconds(30));

        assertThat(calls.get()).isEqualTo(21);
        assertThat(clock.sleeps()).hasSize(20).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void aBugIsNotWaitedOut() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Outages.waitOut("raw-patients-in", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("a bug");
        }, clock::sleep, Duration.ofSeconds(30))).isInstanceOf(IllegalStateException.class);
        assertThat(calls.get()).isOne();
        assertThat(Outages.isOutage(new StoreException("x", new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Outages.isOutage(new StoreException("x", new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }
}
