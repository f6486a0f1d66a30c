package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void allHoldsTheFixedTopicsAndOneRawTopicPerResource() {
        assertThat(Topics.all())
                .contains(Topics.COMMANDS, Topics.OUTCOMES, Topics.RUNS, Topics.POISON)
                .contains("dentes.raw.patients", "dentes.raw.custom-module-records")
                .hasSize(4 + SourceResource.values().length);
    }
}
