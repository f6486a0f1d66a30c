package dev.ferry.cli;

import dev.ferry.cli.progress.Progress;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --progress}: a bar with an ETA on standard error even when it is not a terminal. */
final class ProgressOption {

    @Option(names = "--progress", description = "draw the progress bar with its ETA on standard error even when it is"
            + " not a terminal (at a terminal it is drawn anyway; scripts get plain lines)")
    boolean asked;

    /** A bar named {@code task}, or none for a script. */
    Progress open(String task, PrintStream stderr) {
        return Progress.open(task, Progress.wanted(asked, System.console() != null), stderr);
    }
}
