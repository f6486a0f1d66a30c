package dev.ferry.mapper.mapping.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.DealPipeline;
import dev.ferry.contracts.TargetMetadata.DealStage;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deal pipeline the case stages map to: stages, probabilities, forecast categories (issue 11 step 3). */
class StageCheckTest {

    private static List<StageCheck.Pipeline> check(TargetMetadata m) {
        return StageCheck.of(Fixtures.SPEC, new TargetView(m));
    }

    @Test
    void aSourceStageWhoseStageThePipelineLacksBlocksNamingTheStageToAdd() {
        List<StageCheck.Pipeline> pipelines = check(PreflightFixtures.base());
        StageCheck.Pipeline p = pipelines.get(0);
        assertThat(p.pipeline()).isEqualTo("Treatment Plans");
        assertThat(p.codes()).filteredOn(c -> c.code().equals("COMPLETED")).singleElement()
                .satisfies(c -> {
                    assertThat(c.stage()).isEqualTo("Closed Won");
                    assertThat(c.probability()).isEqualTo(100);
                    assertThat(c.forecastType()).isEqualTo("Won");
                });
        assertThat(StageCheck.findings(pipelines)).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.subject()).isEqualTo("Treatment Plans / Invoiced");
            assertThat(f.problem()).contains("AWAITING_PAYMENT");
        });
    }

    @Test
    void onceTheStageIsAddedEveryCodeLandsAndNothingBlocks() {
        TargetMetadata m = PreflightFixtures.withStage(PreflightFixtures.base(), "Treatment Plans",
                new DealStage(99, "Awaiting payment", 3, "Open", 90));
        List<StageCheck.Pipeline> pipelines = check(m);
        assertThat(pipelines.get(0).codes()).allSatisfy(c -> assertThat(c.stage()).isNotNull());
        assertThat(StageCheck.findings(pipelines)).isEmpty();
    }

    @Test
    void aStageWithoutProbabilityIsSaidButDoesNotBlock() {
        TargetMetadata m = PreflightFixtures.withStage(PreflightFixtures.base(), "Treatment Plans",
                new DealStage(99, "Invoiced", 3, "Open", null));
        assertThat(StageCheck.findings(check(m))).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isFalse();
            assertThat(f.problem()).contains("no probability");
        });
    }

    @Test
    void aMissingPipelineBlocksWithTheStagesToCreate() {
        TargetMetadata m = PreflightFixtures.withPipelines(PreflightFixtures.base(),
                List.of(new DealPipeline(1, "Default Pipeline", true, List.of())));
        List<Finding> findings = StageCheck.findings(check(m));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.action()).contains("create the pipeline Treatment Plans").contains("In Treatment");
        });
    }
}
