package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The first poll of a bulk job comes when earlier jobs say it will have finished (issue 13: calls per job). */
class JobPaceTest {

    private final JobPace pace = new JobPace(Duration.ofMillis(500));

    @Test
    void theFirstJobOfAProcessWaitsTheConfiguredInterval() {
        assertThat(pace.firstWait(100)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aJobThatNeededSeveralPollsTeachesItsDurationPerRecord() {
        pace.finished(100, Duration.ofMillis(1200), 3);
        assertThat(pace.firstWait(100)).isEqualTo(Duration.ofMillis(1200));
        assertThat(pace.firstWait(50)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aJobSeenFinishedAtItsFirstPollMakesTheNextOnePollATenthEarlier() {
        pace.finished(100, Duration.ofMillis(1000), 1);
        assertThat(pace.firstWait(100)).isEqualTo(Duration.ofMillis(900));
        pace.finished(100, Duration.ofMillis(900), 1);
        assertThat(pace.firstWait(100)).isEqualTo(Duration.ofMillis(810));
    }

    @Test
    void theWaitStaysBetweenAFloorAndTenIntervals() {
        pace.finished(100, Duration.ZERO, 1);
        assertThat(pace.firstWait(100)).isEqualTo(Duration.ofMillis(100));
        pace.finished(1, Duration.ofMinutes(5), 4);
        assertThat(pace.firstWait(100)).isEqualTo(Duration.ofSeconds(5));
    }
}
