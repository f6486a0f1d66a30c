package dev.ferry.cli.migration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the services serve a run: one place that URL-encodes a run id into a path. */
public final class RunPaths {

    private RunPaths() {
    }

    /** {@code /runs/<runId>}, the id encoded as one path segment (a space as {@code %20}, not {@code +}). */
    public static String runPath(String runId) {
        return "/runs/" + segment(runId);
    }

    /** A value as one URL path segment or query value. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
