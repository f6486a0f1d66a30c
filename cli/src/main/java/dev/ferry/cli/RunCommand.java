package dev.ferry.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry run}: starts the full run on the confirmed map (issue 11: no run starts on an unconfirmed one) and waits
 * until the audit service reconciles it, with a progress bar and an ETA at a terminal. {@code --map} and
 * {@code --sha256} pin what {@code ferry confirm} printed: the extractor refuses the run (409) when the map's hash is
 * another. The token (roles {@code ferry-operator} to start, {@code ferry-viewer} to follow) comes from
 * {@code FERRY_TOKEN} or a file, never from the command line, and is never printed.
 *
 * <p>Exit codes, for scripts: 0 balanced and no record failed in Freshsales; 3 balanced but Freshsales refused some
 * records ({@code ferry delta} retries them); 4 still running when {@code --timeout} ran out ({@code ferry status}
 * follows it); 1 a service refused (no confirmed map, another hash) or could not be reached; 2 a usage error.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the full run on the confirmed map and wait until it is reconciled (a progress bar with an"
                + " ETA at a terminal).")
public final class RunCommand extends FollowedRunCommand {

    /** Balanced, nothing failed. */
    public static final int DONE = RUN_DONE;
    /** Balanced, but Freshsales refused some records. */
    public static final int FAILURES = RUN_FAILURES;
    /** Still running when the wait ran out. */
    public static final int STILL_RUNNING = RUN_STILL_RUNNING;

    @Option(names = "--map", description = "the confirmed map to run on: 3, v3, confirmed/v3 or latest (default"
            + " latest)")
    String map;

    @Option(names = "--sha256", description = "the map's sha256 as ferry confirm printed it: the run is refused when"
            + " the map is another")
    String sha256;

    @Option(names = "--timeout", defaultValue = "PT12H", description = "how long to wait for the run to be"
            + " reconciled (ISO-8601, default ${DEFAULT-VALUE}; a large practice takes hours on the Freshsales"
            + " budget)")
    Duration timeout;

    @Override
    String mode() {
        return "FULL";
    }

    @Override
    Duration timeout() {
        return timeout;
    }

    @Override
    void describe(ObjectNode request) {
        if (map != null) {
            request.put("mapVersion", map);
        }
        if (sha256 != null) {
            request.put("mapSha256", sha256);
        }
    }
}
