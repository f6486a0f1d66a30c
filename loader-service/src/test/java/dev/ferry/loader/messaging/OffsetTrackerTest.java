package dev.ferry.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("freshsales.commands", 0);
    private final TopicPartition p1 = new TopicPartition("freshsales.commands", 1);
    private final OffsetTracker t = new OffsetTracker();

    @Test
    void onlyAGapFreePrefixOfDoneRecordsIsCommittable() {
        for (long o = 10; o < 15; o++) {
            t.received(p0, o);
        }
        assertThat(t.committable()).isEmpty();
        t.done(p0, 12);
        t.done(p0, 13);
        assertThat(t.committable()).as("10 is still open").isEmpty();
        t.done(p0, 10);
        assertThat(t.committable()).isEqualTo(Map.of(p0, 11L));
        t.committed(Map.of(p0, 11L));
        assertThat(t.committable()).as("nothing new").isEmpty();
        t.done(p0, 11);
        assertThat(t.committable()).isEqualTo(Map.of(p0, 14L));
        t.done(p0, 14);
        assertThat(t.committable()).isEqualTo(Map.of(p0, 15L));
        assertThat(t.open()).isZero();
    }

    @Test
    void partitionsAreIndependentAndForgottenOnesIgnoreLateCompletions() {
        t.received(p0, 0);
        t.received(p1, 5);
        t.done(p1, 5);
        assertThat(t.committable()).isEqualTo(Map.of(p1, 6L));
        assertThat(t.open(List.of(p0))).isEqualTo(1);
        t.forget(List.of(p0));
        t.done(p0, 0);
        assertThat(t.committable()).isEqualTo(Map.of(p1, 6L));
    }
}
