package dev.ferry.extractor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shared gate a 429 closes: waits exactly until the named instant, and the later of two instants wins. */
class ThrottleGateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void anOpenGateDoesNotWait() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        new ThrottleGate(clock, clock::sleep).awaitOpen();
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void waitsUntilTheInstantAndTheLaterInstantWins() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        ThrottleGate gate = new ThrottleGate(clock, clock::sleep);
        gate.closeUntil(NOW.plusSeconds(30));
        gate.closeUntil(NOW.plusSeconds(10));

        gate.awaitOpen();

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30));
        assertThat(clock.instant()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void aGateClosedWhileWaitingIsWaitedForToo() throws Exception {
        ManualClock clock = new ManualClock(NOW);
        ThrottleGate[] gate = new ThrottleGate[1];
        int[] calls = {0};
        // The first wait ends; meanwhile another request got a 429 and pushed the gate further.
        gate[0] = new ThrottleGate(clock, d -> {
            clock.advance(d);
            if (calls[0]++ == 0) {
                gate[0].closeUntil(clock.instant().plusSeconds(5));
            }
        });
        gate[0].closeUntil(NOW.plusSeconds(10));

        gate[0].awaitOpen();

        assertThat(clock.instant()).isEqualTo(NOW.plusSeconds(15));
    }
}
