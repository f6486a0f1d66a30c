package dev.ferry.cli.migration;

/** Where the audit service serves the audit log (its README, "REST API"). */
public final class AuditLogUrl {

    private AuditLogUrl() {
    }

    /** {@code <base>/runs/<run>/audit-log?format=..&include=..}, or {@code <base>/audit-log?...} without a run. */
    public static String of(String base, String run, String format, String include) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String path = run == null ? "/audit-log" : RunPaths.runPath(run) + "/audit-log";
        return root + path + "?format=" + format + "&include=" + include;
    }
}
