package dev.ferry.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.SourceResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded wait of a raw record for the other resources it references, with the pauses counted, not slept. */
class DependencyWaitTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final Duration EVERY = Duration.ofMillis(250);
    private static final Readiness ON_PATIENTS = new Readiness.Waiting("all 30000 patients of the run",
            SourceResource.PATIENTS);
    private static final Readiness READY = new Readiness.Ready(null, null, null, null, null, null);

    private final List<Duration> pauses = new ArrayList<>();

    private boolean pause(Duration d) {
        pauses.add(d);
        return true;
    }

    private Readiness await(SourceResource resource, Readiness first, Readiness... then) {
        Iterator<Readiness> next = List.of(then).iterator();
        return DependencyWait.await(resource, first, () -> next.hasNext() ? next.next() : first, LIMIT, EVERY,
                this::pause, () -> false);
    }

    @Test
    void anAppointmentWaitsForThePatientsAndGoesOnAsSoonAsTheyAreComplete() {
        Readiness r = await(SourceResource.APPOINTMENTS, ON_PATIENTS, ON_PATIENTS, ON_PATIENTS, READY);

        assertThat(r).isSameAs(READY);
        assertThat(pauses).hasSize(3).containsOnly(EVERY);
    }

    @Test
    void theWaitEndsAtItsLimitAndTheRecordIsThenHeld() {
        Readiness r = await(SourceResource.APPOINTMENTS, ON_PATIENTS);

        assertThat(r).isSameAs(ON_PATIENTS);
        assertThat(pauses).as("2 s in 250 ms looks").hasSize(8);
    }

    @Test
    void aPatientNeverWaitsForThePatientsManifestNorARecordForSomethingThatIsNoResource() {
        assertThat(await(SourceResource.PATIENTS, ON_PATIENTS)).isSameAs(ON_PATIENTS);
        Readiness runNotStarted = new Readiness.Waiting("the run's RUN_STARTED event on migration.runs");
        assertThat(await(SourceResource.APPOINTMENTS, runNotStarted)).isSameAs(runNotStarted);
        assertThat(await(SourceResource.APPOINTMENTS, READY)).isSameAs(READY);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aShutdownOrAnInterruptedPauseEndsTheWait() {
        assertThat(DependencyWait.await(SourceResource.APPOINTMENTS, ON_PATIENTS, () -> READY, LIMIT, EVERY,
                this::pause, () -> true)).isSameAs(ON_PATIENTS);
        assertThat(DependencyWait.await(SourceResource.APPOINTMENTS, ON_PATIENTS, () -> READY, LIMIT, EVERY,
                d -> false, () -> false)).isSameAs(ON_PATIENTS);
        assertThat(DependencyWait.await(SourceResource.APPOINTMENTS, ON_PATIENTS, () -> READY, Duration.ZERO, EVERY,
                this::pause, () -> false)).as("a zero wait holds at once").isSameAs(ON_PATIENTS);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRecordWhoseParentIsNotDecidedYetIsMappedAgainUntilItGoesOrTheLimitIsReached() {
        int[] tries = {0};
        assertThat(DependencyWait.retry(() -> ++tries[0] == 3, LIMIT, EVERY, this::pause, () -> false)).isTrue();
        assertThat(tries[0]).isEqualTo(3);

        assertThat(pauses).containsExactly(EVERY, EVERY.multipliedBy(2), EVERY.multipliedBy(4));

        pauses.clear();
        tries[0] = 0;
        assertThat(DependencyWait.retry(() -> { tries[0]++; return false; }, LIMIT, EVERY, this::pause, () -> false))
                .isFalse();
        assertThat(tries[0]).as("each try maps the record again: 250 + 500 + 1000 ms, then 2 s would pass the limit")
                .isEqualTo(3);
        assertThat(DependencyWait.retry(() -> true, LIMIT, EVERY, this::pause, () -> true)).as("stopping").isFalse();
    }
}
