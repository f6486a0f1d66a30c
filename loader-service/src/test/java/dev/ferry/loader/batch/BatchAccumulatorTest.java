package dev.ferry.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchAccumulatorTest {

    /** An item: its batch group, the record it writes, and a label. */
    record Item(String group, String record, String label) {
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final BatchAccumulator<Item> acc = new BatchAccumulator<>(3, Duration.ofSeconds(2), clock, Item::group,
            Item::record);

    @Test
    void aFullGroupIsReadyAtOnceAndCutAtTheMaximumSize() {
        for (int i = 0; i < 4; i++) {
            acc.add(new Item("contacts", "P-" + i, "c" + i));
        }
        Optional<List<Item>> batch = acc.pollReady(false);
        assertThat(batch).isPresent();
        assertThat(batch.get()).extracting(Item::label).containsExactly("c0", "c1", "c2");
        assertThat(acc.size()).isEqualTo(1);
        assertThat(acc.pollReady(false)).as("one item left, not lingered yet").isEmpty();
    }

    @Test
    void aPartialGroupWaitsForTheLingerAndNotLonger() {
        acc.add(new Item("accounts", "C-1", "a1"));
        clock.advance(Duration.ofMillis(1999));
        assertThat(acc.pollReady(false)).isEmpty();
        assertThat(acc.untilReady()).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(acc.pollReady(false)).hasValueSatisfying(b -> assertThat(b).extracting(Item::label).containsExactly("a1"));
        assertThat(acc.untilReady()).as("empty").isNull();
    }

    @Test
    void flushMakesEveryNonEmptyGroupReady() {
        acc.add(new Item("accounts", "C-1", "a1"));
        assertThat(acc.pollReady(true)).isPresent();
    }

    @Test
    void groupsAreBatchedApartAndKeepArrivalOrder() {
        acc.add(new Item("contacts", "P-1", "c1"));
        acc.add(new Item("accounts", "C-1", "a1"));
        acc.add(new Item("contacts", "P-2", "c2"));
        clock.advance(Duration.ofSeconds(2));
        List<Item> first = acc.pollReady(false).orElseThrow();
        List<Item> second = acc.pollReady(false).orElseThrow();
        assertThat(first).extracting(Item::label).containsExactly("c1", "c2");
        assertThat(second).extracting(Item::label).containsExactly("a1");
    }

    @Test
    void aBatchEndsBeforeASecondCommandForTheSameRecord() {
        acc.add(new Item("contacts", "P-1", "v1"));
        acc.add(new Item("contacts", "P-2", "other"));
        acc.add(new Item("contacts", "P-1", "v2"));
        List<Item> first = acc.pollReady(false).orElseThrow();
        assertThat(first).extracting(Item::label).containsExactly("v1", "other");
        clock.advance(Duration.ofSeconds(2));
        assertThat(acc.pollReady(false).orElseThrow()).extracting(Item::label).containsExactly("v2");
    }

    @Test
    void removeIfTakesOutOnlyTheMatchingWaitingItems() {
        acc.add(new Item("contacts", "P-1", "keep"));
        acc.add(new Item("contacts", "P-2", "drop"));
        acc.add(new Item("accounts", "C-1", "drop"));
        assertThat(acc.removeIf(i -> i.label().equals("drop"))).hasSize(2);
        assertThat(acc.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(acc.pollReady(false).orElseThrow()).extracting(Item::label).containsExactly("keep");
        assertThat(acc.pollReady(false)).isEmpty();
    }

    @Test
    void aGroupThatStillHasItemsGoesToTheBackOfTheLine() {
        BatchAccumulator<Item> small = new BatchAccumulator<>(1, Duration.ZERO, clock, Item::group, Item::record);
        small.add(new Item("contacts", "P-1", "c1"));
        small.add(new Item("contacts", "P-2", "c2"));
        small.add(new Item("accounts", "C-1", "a1"));
        assertThat(small.pollReady(false).orElseThrow()).extracting(Item::label).containsExactly("c1");
        assertThat(small.pollReady(false).orElseThrow()).extracting(Item::label).containsExactly("a1");
        assertThat(small.pollReady(false).orElseThrow()).extracting(Item::label).containsExactly("c2");
    }
}
