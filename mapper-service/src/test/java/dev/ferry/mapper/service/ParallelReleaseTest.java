package dev.ferry.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 13: the held records of one batch are mapped on several threads, each offered once. */
class ParallelReleaseTest {

    @Test
    void offersEveryIdOnceAndCountsWhatWasReleased() {
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "P-" + i).toList();
        Set<String> offered = ConcurrentHashMap.newKeySet();
        try (ParallelRelease release = new ParallelRelease(4)) {
            long released = release.each(ids, id -> {
                assertThat(offered.add(id)).as("offered twice: " + id).isTrue();
                return Integer.parseInt(id.substring(2)) % 3 != 0; // every third stays held
            });
            assertThat(released).isEqualTo(133);
        }
        assertThat(offered).hasSize(200);
    }

    @Test
    void mapsTheRecordsOfOneBatchAtTheSameTime() {
        // Each of four records waits until all four are being mapped: one thread after the other would never get past
        // the first (the barrier times out and the record fails).
        CyclicBarrier together = new CyclicBarrier(4);
        try (ParallelRelease release = new ParallelRelease(4)) {
            long released = release.each(List.of("a", "b", "c", "d"), id -> {
                try {
                    together.await(10, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    throw new IllegalStateException("not mapped together", e);
                }
            });
            assertThat(released).isEqualTo(4);
        }
    }

    @Test
    void triesEveryRecordBeforeItReportsAFailure() {
        Set<String> offered = ConcurrentHashMap.newKeySet();
        try (ParallelRelease release = new ParallelRelease(3)) {
            assertThatThrownBy(() -> release.each(List.of("a", "b", "c", "d", "e"), id -> {
                offered.add(id);
                if (id.equals("b")) {
                    throw new IllegalStateException("mapper database away");
                }
                return true;
            })).isInstanceOf(IllegalStateException.class).hasMessage("mapper database away");
        }
        assertThat(offered).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void oneThreadIsTheOldSequentialPass() {
        StringBuilder order = new StringBuilder();
        try (ParallelRelease release = new ParallelRelease(1)) {
            release.each(List.of("a", "b", "c"), id -> order.append(id).length() > 0);
        }
        assertThat(order).hasToString("abc");
    }

    @Test
    void refusesAParallelismBelowOne() {
        assertThatThrownBy(() -> new ParallelRelease(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("release-parallelism");
    }
}
