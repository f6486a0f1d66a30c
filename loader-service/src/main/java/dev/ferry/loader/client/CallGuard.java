package dev.ferry.loader.client;

import java.util.function.BooleanSupplier;

/**
 * Whether the calls the current thread is about to make are still wanted. The writer sets it around a batch: a
 * rebalance can take the batch's partitions away while a call waits for rate budget (up to an hour), and the new
 * owner then writes the same records, so a call is checked once more after its budget is granted, right before it
 * is sent (issue 8, hole 3). Unset, every call is wanted.
 */
public final class CallGuard {

    private static final ThreadLocal<BooleanSupplier> WANTED = new ThreadLocal<>();

    private CallGuard() {
    }

    /** Work that makes calls and may wait for them. */
    @FunctionalInterface
    public interface Work {
        void run() throws InterruptedException;
    }

    /** Runs {@code work} with {@code wanted} asked before each of its calls. */
    public static void during(BooleanSupplier wanted, Work work) throws InterruptedException {
        BooleanSupplier before = WANTED.get();
        WANTED.set(wanted);
        try {
            work.run();
        } finally {
            if (before == null) {
                WANTED.remove();
            } else {
                WANTED.set(before);
            }
        }
    }

    /** Throws {@link Abandoned} when the current work no longer wants its calls made. */
    public static void check(String call) {
        BooleanSupplier wanted = WANTED.get();
        if (wanted != null && !wanted.getAsBoolean()) {
            throw new Abandoned(call);
        }
    }

    /**
     * The call was not sent: the work it served was handed to another replica. Nothing was written; write-ahead
     * intents opened for it stay open and the new owner settles them by lookup, as after a crash.
     */
    public static final class Abandoned extends RuntimeException {
        Abandoned(String call) {
            super(call + " not sent: its partitions were handed to another replica", null, false, false);
        }
    }
}
