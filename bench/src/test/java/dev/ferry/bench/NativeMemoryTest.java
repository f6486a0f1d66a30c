package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.bench.sample.NativeMemory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed sizes read from a JDK 17 {@code VM.native_memory summary scale=KB} answer (its layout, trimmed). */
class NativeMemoryTest {

    private static final String SUMMARY = """
            12345:

            Native Memory Tracking:

            (Omitting categories weighting less than 1KB)

            Total: reserved=1953412KB, committed=512334KB
                   malloc: 61020KB #312211
                   mmap:   reserved=1892392KB, committed=451314KB

            -                 Java Heap (reserved=393216KB, committed=301056KB)
                                        (mmap: reserved=393216KB, committed=301056KB)

            -                     Class (reserved=1118602KB, committed=78410KB)
                                        (classes #14102)
                                        (malloc=5514KB #40301) (peak=5522KB #40290)

            -                    Thread (reserved=77470KB, committed=7770KB)
                                        (thread #75)
                                        (stack: reserved=77112KB, committed=7412KB)

            -    Native Memory Tracking (reserved=6010KB, committed=6010KB)
                                        (malloc=1010KB #14002) (at peak)
                                        (tracking overhead=5000KB)
            """;

    @Test
    void readsTheTotalAndEachCategorysCommittedKilobytesInTheSummarysOrder() {
        Map<String, Long> kb = NativeMemory.committedKb(SUMMARY);

        assertThat(kb).containsExactly(Map.entry("Total", 512_334L), Map.entry("Java Heap", 301_056L),
                Map.entry("Class", 78_410L), Map.entry("Thread", 7_770L), Map.entry("Native Memory Tracking", 6_010L));
    }

    @Test
    void anAnswerWithoutTrackingHasNoCategories() {
        assertThat(NativeMemory.committedKb("12345:\nNative memory tracking is not enabled\n")).isEmpty();
    }
}
