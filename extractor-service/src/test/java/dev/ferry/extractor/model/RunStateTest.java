package dev.ferry.extractor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run and resource state machines, transition by transition. */
class RunStateTest {

    @Test
    void runTransitionsAreExactlyTheDocumentedOnes() {
        assertThat(RunState.QUEUED.next()).containsExactly(RunState.RUNNING);
        assertThat(RunState.RUNNING.next())
                .containsExactlyInAnyOrder(RunState.COMPLETED, RunState.FAILED, RunState.INTERRUPTED);
        assertThat(RunState.FAILED.next()).containsExactly(RunState.QUEUED);
        assertThat(RunState.INTERRUPTED.next()).containsExactly(RunState.QUEUED);
        assertThat(RunState.COMPLETED.next()).isEmpty();
    }

    @Test
    void everyOtherRunMoveIsRefused() {
        for (RunState from : RunState.values()) {
            Set<RunState> refused = EnumSet.complementOf(EnumSet.copyOf(from.next().isEmpty()
                    ? EnumSet.noneOf(RunState.class) : from.next()));
            for (RunState to : refused) {
                assertThatThrownBy(() -> from.moveTo(to)).as(from + " -> " + to)
                        .isInstanceOf(IllegalRunTransition.class)
                        .hasMessageContaining(from.name()).hasMessageContaining(to.name());
            }
        }
    }

    @Test
    void onlyFailedAndInterruptedRunsAreResumable() {
        assertThat(EnumSet.allOf(RunState.class).stream().filter(RunState::resumable))
                .containsExactlyInAnyOrder(RunState.FAILED, RunState.INTERRUPTED);
        assertThat(EnumSet.allOf(RunState.class).stream().filter(RunState::unfinished))
                .containsExactlyInAnyOrder(RunState.QUEUED, RunState.RUNNING);
    }

    @Test
    void aResumedRunGoesBackThroughTheQueue() {
        RunState s = RunState.QUEUED.moveTo(RunState.RUNNING).moveTo(RunState.INTERRUPTED)
                .moveTo(RunState.QUEUED).moveTo(RunState.RUNNING).moveTo(RunState.FAILED)
                .moveTo(RunState.QUEUED).moveTo(RunState.RUNNING).moveTo(RunState.COMPLETED);
        assertThat(s).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void resourceTransitions() {
        assertThat(ResourceState.PENDING.next()).containsExactly(ResourceState.EXTRACTING);
        assertThat(ResourceState.EXTRACTING.next()).containsExactlyInAnyOrder(ResourceState.EXTRACTING,
                ResourceState.VERIFYING, ResourceState.FAILED);
        assertThat(ResourceState.VERIFYING.next()).containsExactlyInAnyOrder(ResourceState.EXTRACTING,
                ResourceState.COUNTED, ResourceState.FAILED);
        // Once counted, the numbers are frozen: the only way on is publishing them.
        assertThat(ResourceState.COUNTED.next()).containsExactly(ResourceState.DONE);
        assertThat(ResourceState.FAILED.next()).containsExactly(ResourceState.EXTRACTING);
        assertThat(ResourceState.DONE.next()).isEmpty();
        assertThatThrownBy(() -> ResourceState.COUNTED.moveTo(ResourceState.EXTRACTING))
                .isInstanceOf(IllegalRunTransition.class);
        assertThatThrownBy(() -> ResourceState.DONE.moveTo(ResourceState.FAILED))
                .isInstanceOf(IllegalRunTransition.class);
    }

    @Test
    void onlyResourcesBeforeCountingNeedTheirRecordsRead() {
        assertThat(EnumSet.allOf(ResourceState.class).stream().filter(ResourceState::needsExtraction))
                .containsExactlyInAnyOrder(ResourceState.PENDING, ResourceState.EXTRACTING, ResourceState.VERIFYING,
                        ResourceState.FAILED);
    }
}
