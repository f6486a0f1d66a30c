package dev.ferry.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry delta}: starts a delta run on the extractor (issue 12: what changed in Dr.DENTES since the last run's
 * watermark, soft-deleted records included, plus every record whose last outcome was not a success) and waits until the
 * audit service reconciles it. Repeatable through the cutover window; a delta without source changes writes nothing.
 * The token (roles {@code ferry-operator} to start, {@code ferry-viewer} to follow) comes from {@code FERRY_TOKEN} or a
 * file, never from the command line, and is never printed.
 *
 * <p>Exit codes, for scripts: 0 the delta balanced and no record failed in Freshsales; 3 it balanced but Freshsales
 * refused some records (the next delta retries them); 4 still running when {@code --timeout} ran out; 1 a service could
 * not be reached or answered an error; 2 a usage error.
 */
@Command(name = "delta", mixinStandardHelpOptions = true,
        description = "Carry over what changed in Dr.DENTES since the last run (and retry what did not succeed); waits"
                + " until the run is reconciled.")
public final class DeltaCommand extends FollowedRunCommand {

    /** Balanced, nothing failed. */
    public static final int DONE = RUN_DONE;
    /** Balanced, but Freshsales refused some records: run the delta again once the cause is fixed. */
    public static final int FAILURES = RUN_FAILURES;
    /** Still running when the wait ran out. */
    public static final int STILL_RUNNING = RUN_STILL_RUNNING;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "how long to wait for the delta to be"
            + " reconciled (ISO-8601, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    String mode() {
        return "DELTA";
    }

    @Override
    Duration timeout() {
        return timeout;
    }
}
