package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.bench.sample.LiveHeap;
import dev.ferry.bench.sample.ProcCpu;
import dev.ferry.bench.sample.ProcRss;
import dev.ferry.bench.sample.Sampler;
import dev.ferry.bench.sample.PrometheusText;
import dev.ferry.bench.sample.StageClock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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

    @Test
    void cpuTimeIsUserPlusSystemCountedAfterTheCommandNameWhateverItHolds() {
        // Fields 14 (utime) and 15 (stime): 1234 + 766 ticks; the name holds a space and a parenthesis.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9 0 0 0 1234 766 0 0 20 0 50 0 100 0 0";
        assertThat(ProcCpu.parse(stat)).isEqualTo(OptionalDouble.of(20.0));
        assertThat(ProcCpu.parse("garbage")).isEmpty();
        assertThat(ProcCpu.seconds(ProcessHandle.current().pid())).isPresent();
        assertThat(ProcCpu.seconds(Long.MAX_VALUE)).isEmpty();
        // The machine: user nice system idle iowait irq softirq steal → 100 + 5 + 50 + 3 + 2 + 0 ticks busy.
        assertThat(ProcCpu.parseMachine("cpu  100 5 50 9000 700 3 2 0 0 0\ncpu0 50 2 25 4500 350 1 1 0 0 0\n"))
                .isEqualTo(OptionalDouble.of(1.6));
        assertThat(ProcCpu.machineBusySeconds()).isPresent();
    }

    @Test
    void theLiveHeapIsTheHistogramsTotalAndIsReadFromARealJvm() {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         12345        1048576  [B (java.base@17)
                   2:           100           4096  java.lang.String (java.base@17)
                Total         12445        1052672
                """;
        assertThat(LiveHeap.parse(histogram)).isEqualTo(OptionalLong.of(1052672));
        assertThat(LiveHeap.parse("12: Unable to open socket file")).isEmpty();
        // This test's own JVM: jcmd attaches, collects and counts.
        OptionalLong own = LiveHeap.histogram(ProcessHandle.current().pid()).map(LiveHeap::parse)
                .orElse(OptionalLong.empty());
        assertThat(own).isPresent();
        assertThat(own.getAsLong()).isPositive();
    }

    @Test
    void theMemoryCurveHasAColumnPerChildAndBlanksWhereOneWasNotSampled() {
        String csv = Sampler.csv(List.of(
                new Sampler.CurvePoint(1.0, 10, 0, 0, 0, Map.of("mapper", 1024L)),
                new Sampler.CurvePoint(2.5, 20, 5, 1, 3, Map.of("mapper", 2048L, "loader", 512L))));
        assertThat(csv).isEqualTo("""
                seconds,extracted,mapped,loaded,calls,rss_mb_loader,rss_mb_mapper
                1.0,10,0,0,0,,1.0
                2.5,20,5,1,3,0.5,2.0
                """);
    }
}
