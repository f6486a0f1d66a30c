package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.bench.sample.ProcRss;
import dev.ferry.bench.sample.PrometheusText;
import dev.ferry.bench.sample.StageClock;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SamplingTest {

    private static final long S = 1_000_000_000L;

    @Test
    void residentMemoryIsReadFromTheStatusFile() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  345678 kB\nRssAnon:\t 300000 kB\n";
        assertThat(ProcRss.parse(status)).isEqualTo(OptionalLong.of(345678));
        assertThat(ProcRss.parse("Name:\tkthreadd\nState:\tS (sleeping)\n")).isEmpty();
        assertThat(ProcRss.kilobytes(ProcessHandle.current().pid())).isPresent();
        assertThat(ProcRss.kilobytes(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aStageIsTimedFromJustBeforeItFirstMovedToItsLastMovement() {
        StageClock c = new StageClock();
        c.sample(0, 0);
        c.sample(0, S); // idle: not counted
        c.sample(100, 2 * S);
        c.sample(300, 3 * S);
        c.sample(300, 9 * S); // done: not counted
        assertThat(c.records()).isEqualTo(300);
        assertThat(c.activeSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(c.perSecond()).isCloseTo(150.0, within(1e-9));
        StageClock idle = new StageClock();
        idle.sample(5, 0);
        idle.sample(5, S);
        assertThat(idle.records()).isZero();
        assertThat(idle.perSecond()).isNaN();
    }

    @Test
    void metricsAreSummedByNameAndLabels() {
        String text = """
                # HELP ferry_loader_outcomes_total
                # TYPE ferry_loader_outcomes_total counter
                ferry_loader_outcomes_total{kind="CREATED",target="contacts"} 120.0
                ferry_loader_outcomes_total{kind="DEFERRED",target="contacts"} 7.0
                ferry_loader_outcomes_total{kind="UPDATED",target="deals"} 3.0
                ferry_loader_outcomes_totalx{kind="CREATED"} 1000.0
                ferry_loader_budget_limit{account="127.0.0.1",window="hour"} 4500.0
                ferry_loader_budget_limit{account="127.0.0.1",window="minute"} 360.0
                ferry_loader_budget_used{account="127.0.0.1",window="minute"} NaN
                """;
        assertThat(PrometheusText.sum(text, "ferry_loader_outcomes_total", Map.of())).isEqualTo(130.0);
        assertThat(PrometheusText.sum(text, "ferry_loader_outcomes_total", Map.of(), Map.entry("kind", "DEFERRED")))
                .isEqualTo(123.0);
        assertThat(PrometheusText.sum(text, "ferry_loader_budget_limit", Map.of("window", "hour"))).isEqualTo(4500.0);
        assertThat(PrometheusText.sum(text, "ferry_loader_budget_used", Map.of())).isZero();
    }
}
