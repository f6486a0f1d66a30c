package dev.ferry.bench.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's committed memory goes, heap and everything outside it: {@code jcmd <pid> VM.native_memory summary},
 * answered only by a JVM started with {@code -XX:NativeMemoryTracking=summary} (the bench's children get it from
 * {@code JAVA_TOOL_OPTIONS}, see bench/README.md). The 30,000-patient run found ~230 MB of a service's RSS outside its
 * heap; this names it (class metadata, thread stacks, the code cache, the collector, buffers the JVM allocated).
 * Memory the C library hands to native code itself (glibc's arenas) is not tracked and is what RSS holds beyond
 * the total.
 */
public final class NativeMemory {

    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    private NativeMemory() {
    }

    /** The summary as the JVM prints it (category names and sizes only), or empty without tracking. */
    public static Optional<String> summary(long pid) {
        return Jcmd.run(pid, "VM.native_memory", "summary", "scale=KB").filter(s -> s.contains("Total: reserved="));
    }

    /** Committed KB per category, in the summary's order, the total first under {@code "Total"}. */
    public static Map<String, Long> committedKb(String summary) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : summary.split("\n")) {
            String t = line.strip();
            Matcher total = TOTAL.matcher(t);
            if (total.find()) {
                out.put("Total", Long.parseLong(total.group(2)));
                continue;
            }
            Matcher category = CATEGORY.matcher(t);
            if (category.find()) {
                out.put(category.group(1).strip(), Long.parseLong(category.group(3)));
            }
        }
        return out;
    }
}
