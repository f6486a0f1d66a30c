package dev.ferry.cli.migration;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one polling loop of the CLI: read, show, stop when done or when giving up, else wait and read again. Every
 * command that follows long work (discovery, sample, delta, rollback) and {@link MigrationDriver} use it.
 */
public final class Poll {

    /** How a poll ended. */
    public enum End {
        /** {@code done} held for the last value. */
        DONE,
        /** {@code giveUp} held (a deadline passed, nothing moved): the work may still be going on. */
        GAVE_UP,
        /** The thread was interrupted while waiting; its interrupt flag is set again. */
        INTERRUPTED
    }

    /** The last value read and how the poll ended. */
    public record Outcome<T>(T last, End end) {

        public boolean done() {
            return end == End.DONE;
        }
    }

    private Poll() {
    }

    /**
     * Reads until {@code done} holds.
     *
     * @param read the next value (may be null: not there yet)
     * @param seen gets every value read, the last one included, before it is judged
     * @param done whether the value is the end
     * @param giveUp asked only when not done: whether to stop waiting
     * @param every between two reads
     */
    public static <T> Outcome<T> until(Supplier<T> read, Consumer<T> seen, Predicate<T> done, Predicate<T> giveUp,
            Duration every) {
        while (true) {
            T value = read.get();
            seen.accept(value);
            if (done.test(value)) {
                return new Outcome<>(value, End.DONE);
            }
            if (giveUp.test(value)) {
                return new Outcome<>(value, End.GAVE_UP);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome<>(value, End.INTERRUPTED);
            }
        }
    }

    /** A {@code giveUp} that holds once {@code timeout} has passed from now. */
    public static <T> Predicate<T> after(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return value -> System.nanoTime() - deadline > 0;
    }
}
