package dev.ferry.cli;

import dev.ferry.cli.migration.AuditLogUrl;
import dev.ferry.cli.migration.JsonHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry audit-log}: the audit log of one run (or of every run) from the audit service, as JSON Lines or CSV,
 * streamed to a file or to standard output. The bearer token (role {@code ferry-auditor}) comes from
 * {@code FERRY_TOKEN} or a file, never from the command line (where {@code ps} would show it), and is never printed.
 */
@Command(name = "audit-log", mixinStandardHelpOptions = true,
        description = "Export the audit log (every record operation: create, update, link, delete, restore) of a run,"
                + " or of every run, from the audit service.")
public final class AuditLogCommand implements Callable<Integer> {

    static final String DEFAULT_URL = "http://127.0.0.1:8084";

    @Option(names = "--run", description = "the run id; without it, every run of the practice")
    String run;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--include", defaultValue = "writes",
            description = "writes (the operations that changed Freshsales) or all (also unchanged, rejected and failed"
                    + " records, wrote=false) (default ${DEFAULT-VALUE})")
    String include;

    @Option(names = "--out", description = "write to this file (replaced only once the whole log arrived);"
            + " default: standard output")
    Path out;

    @Option(names = "--url", description = "the audit service (default: FERRY_AUDIT_URL or " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    /** The environment (tests replace it). */
    UnaryOperator<String> env = System::getenv;
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("jsonl") && !f.equals("csv")) {
            stderr.println("ferry audit-log: unknown --format " + format + " (jsonl, csv)");
            return 2;
        }
        String inc = include.toLowerCase(Locale.ROOT);
        if (!inc.equals("writes") && !inc.equals("all")) {
            stderr.println("ferry audit-log: unknown --include " + include + " (writes, all)");
            return 2;
        }
        String token = Tokens.readOrSay("audit-log", "a token with role ferry-auditor", tokenFile, env, stderr);
        if (token == null) {
            return 2;
        }
        String base = url != null ? url : orDefault(env.apply("FERRY_AUDIT_URL"), DEFAULT_URL);
        String target = AuditLogUrl.of(base, run, f, inc);
        JsonHttp http = new JsonHttp(token);
        try {
            if (out != null) {
                http.download(target, out);
                stderr.println("ferry audit-log: wrote " + out.toAbsolutePath());
            } else {
                http.stream(target, stdoutStream());
            }
            return 0;
        } catch (IllegalStateException e) {
            stderr.println("ferry audit-log: " + e.getMessage());
            return 1;
        }
    }

    private OutputStream stdoutStream() {
        // Standard output stays open for whoever wrote to it before.
        return new OutputStream() {
            @Override
            public void write(int b) {
                stdout.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                stdout.write(b, off, len);
            }

            @Override
            public void flush() {
                stdout.flush();
            }
        };
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
