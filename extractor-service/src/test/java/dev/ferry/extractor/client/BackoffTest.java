package dev.ferry.extractor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff arithmetic: doubling, the cap, no overflow for absurd attempt numbers, and jitter bounds. */
class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.0, () -> 0.5);

        assertThat(b.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delayAfter(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(b.delayAfter(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delayAfter(8)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void staysAtTheCapWhereTheShiftWouldOverflow() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.0, () -> 0.0);

        assertThat(b.delayAfter(63)).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.delayAfter(64)).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jitterTakesAtMostItsShareOffTheDelay() {
        Backoff none = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.25, () -> 0.0);
        Backoff most = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.25, () -> 0.999_999);

        assertThat(none.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(most.delayAfter(1)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1501));
        // jitter applies after the cap, so capped delays spread too
        assertThat(most.delayAfter(20)).isBetween(Duration.ofMillis(22_500), Duration.ofMillis(22_501));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.0);
        assertThatThrownBy(() -> b.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
