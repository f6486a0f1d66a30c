package dev.ferry.bench.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * A process's CPU time so far (user + system), read from {@code /proc/<pid>/stat} (Linux): what a source record costs
 * each service, and why a size the machine cannot reach in a session stays out of reach.
 */
public final class ProcCpu {

    /** Clock ticks a second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}; 100 on every Linux we run). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {
    }

    /** CPU seconds of a live process; empty when it is gone or the platform has no /proc. */
    public static OptionalDouble seconds(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * CPU seconds the whole machine has spent busy since boot (every process, Kafka's and PostgreSQL's included):
     * {@code /proc/stat}'s first line without idle and iowait. Empty where there is no /proc.
     */
    public static OptionalDouble machineBusySeconds() {
        try {
            return parseMachine(Files.readString(Path.of("/proc", "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** user + nice + system + irq + softirq + steal of the {@code cpu} line (guest time is inside user already). */
    public static OptionalDouble parseMachine(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += i < f.length ? Long.parseLong(f[i]) : 0;
                }
                return OptionalDouble.of(busy / TICKS_PER_SECOND);
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * utime + stime (fields 14 and 15) of a stat line. The command name (field 2) is in parentheses and may hold
     * spaces or parentheses itself, so the fields are counted after its last closing parenthesis.
     */
    public static OptionalDouble parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalDouble.empty();
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state): field n is rest[n - 3].
        if (rest.length < 13) {
            return OptionalDouble.empty();
        }
        long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        return OptionalDouble.of(ticks / TICKS_PER_SECOND);
    }
}
