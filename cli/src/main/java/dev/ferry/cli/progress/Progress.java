package dev.ferry.cli.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with an ETA on standard error (me.tongfei:progressbar), for an operator at a terminal; nothing at
 * all for a script or CI, which keep reading the commands' plain lines. The ETA is {@link Eta}'s: the rate observed
 * from this command's first look.
 */
public abstract class Progress implements AutoCloseable {

    /** No bar: not a terminal and no {@code --progress}. */
    public static final Progress NONE = new Progress() {
        @Override
        public void update(long done, long total) {
        }

        @Override
        public boolean shown() {
            return false;
        }
    };

    /** Whether to draw a bar: asked for ({@code --progress}), or standard error is an operator's terminal. */
    public static boolean wanted(boolean asked, boolean terminal) {
        return asked || terminal;
    }

    /** A bar named {@code task} on {@code err} when {@code wanted}, else {@link #NONE}. */
    public static Progress open(String task, boolean wanted, PrintStream err) {
        return wanted ? new Bar(task, err, System.console() != null) : NONE;
    }

    /** {@code done} of {@code total} now; a total of 0 (not known yet) draws nothing. */
    public abstract void update(long done, long total);

    /** Whether a bar is drawn (then the commands leave out their own progress lines). */
    public abstract boolean shown();

    @Override
    public void close() {
    }

    /** The library's bar, built at the first update that knows a total. */
    private static final class Bar extends Progress {

        /** Width when standard error is not a terminal the library could measure ({@code --progress} into a file). */
        private static final int WIDTH = 100;

        private final String task;
        private final PrintStream err;
        private final boolean terminal;
        private final Eta eta = new Eta();
        private ProgressBar bar;

        Bar(String task, PrintStream err, boolean terminal) {
            this.task = task;
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void update(long done, long total) {
            if (total <= 0) {
                return;
            }
            eta.observe(done, total, System.nanoTime());
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                        .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                        // Measuring the width asks the terminal; without one, a fixed width and no question.
                        .setConsumer(terminal ? new ConsoleProgressBarConsumer(err)
                                : new ConsoleProgressBarConsumer(err, WIDTH))
                        .setEtaFunction(state -> eta.remaining())
                        .setUpdateIntervalMillis(1000)
                        .build();
            }
            bar.maxHint(total);
            bar.stepTo(done);
        }

        @Override
        public boolean shown() {
            return true;
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
