package dev.ferry.sim.freshsales.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueIndexTest {

    @Test
    void keepsSeveralIdsPerValueAndRemovesThemOneByOne() {
        ValueIndex idx = new ValueIndex();
        idx.add("a@x.org", 1);
        idx.add("a@x.org", 2);
        idx.add("a@x.org", 2);
        idx.add("b@x.org", 3);
        assertThat(idx.candidates("a@x.org")).containsExactlyInAnyOrder(1L, 2L);
        idx.remove("a@x.org", 1);
        assertThat(idx.candidates("a@x.org")).containsExactly(2L);
        idx.remove("a@x.org", 2);
        assertThat(idx.candidates("a@x.org")).isEmpty();
        assertThat(idx.candidates("b@x.org")).containsExactly(3L);
    }

    @Test
    void tableMovesIndexEntriesOnUpdateAndForget() {
        ModuleTable t = new ModuleTable("contacts");
        ValueIndex idx = t.index("email", b -> java.util.List.of());
        RecordMeta meta = new RecordMeta(1, 1, 0, 0, (byte) 0, false, (byte) 0);
        t.put(10, new byte[] {1}, meta, java.util.Map.of(), java.util.Map.of("email", java.util.List.of("old@x.org")));
        t.put(10, new byte[] {2}, meta, java.util.Map.of("email", java.util.List.of("old@x.org")),
                java.util.Map.of("email", java.util.List.of("new@x.org")));
        assertThat(idx.candidates("old@x.org")).isEmpty();
        assertThat(idx.candidates("new@x.org")).containsExactly(10L);
        assertThat(t.liveCount()).isEqualTo(1);
        t.forget(10, java.util.Map.of("email", java.util.List.of("new@x.org")));
        assertThat(idx.candidates("new@x.org")).isEmpty();
        assertThat(t.exists(10)).isFalse();
        assertThat(t.liveCount()).isZero();
        assertThat(t.slots()).isEqualTo(1);
    }
}
