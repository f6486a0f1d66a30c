package dev.ferry.bench.sample;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bytes a JVM still holds after a full collection: {@code jcmd <pid> GC.class_histogram} collects first and counts
 * live objects only. Taken at the end of a run, it is what the service kept of the records it handled; flat across
 * practice sizes means nothing is kept per record, growing means the heap will run out at some size (issue 13's
 * memory goal; a peak RSS alone cannot tell, the heap's ceiling caps it).
 */
public final class LiveHeap {

    private LiveHeap() {
    }

    /**
     * The live-object histogram of a running JVM of this JDK (class names, instance counts and bytes: no data of any
     * record), or empty when jcmd cannot attach. Two sizes' histograms name what grows with the records.
     */
    public static Optional<String> histogram(long pid) {
        return Jcmd.run(pid, "GC.class_histogram");
    }

    /** The byte count of the histogram's {@code Total <instances> <bytes>} line. */
    public static OptionalLong parse(String histogram) {
        for (String line : histogram.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Total")) {
                String[] parts = t.split("\\s+");
                if (parts.length >= 3) {
                    return OptionalLong.of(Long.parseLong(parts[2]));
                }
            }
        }
        return OptionalLong.empty();
    }
}
