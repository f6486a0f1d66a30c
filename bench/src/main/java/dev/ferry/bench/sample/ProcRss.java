package dev.ferry.bench.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's resident memory, read from {@code /proc/<pid>/status} (Linux). */
public final class ProcRss {

    private ProcRss() {
    }

    /** Resident set size in kB of a live process; empty when it is gone or the platform has no /proc. */
    public static OptionalLong kilobytes(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code VmRSS:   123456 kB} out of a status file's text; empty without that line (a kernel thread, a zombie). */
    public static OptionalLong parse(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1] : "kB";
                return OptionalLong.of(switch (unit) {
                    case "kB" -> value;
                    case "mB", "MB" -> value * 1024;
                    case "gB", "GB" -> value * 1024 * 1024;
                    default -> throw new IllegalArgumentException("unknown unit " + unit);
                });
            }
        }
        return OptionalLong.empty();
    }
}
