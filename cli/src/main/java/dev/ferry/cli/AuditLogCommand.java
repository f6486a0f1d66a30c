package dev.ferry.cli;

import dev.ferry.cli.migration.AuditLogUrl;
import dev.ferry.cli.migration.JsonHttp;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry audit-log}: the audit log of one run (or of every run) from the audit service, as JSON Lines or CSV,
 * streamed to a file or to standard output. The bearer token (role {@code ferry-auditor}) comes from
 * {@code FERRY_TOKEN} or a file, never from the command line (where {@code ps} would show it), and is never printed.
 */
@Command(name = "audit-log", mixinStandardHelpOptions = true,
        description = "Export the audit log (every record operation: create, update, link, delete, restore) of a run,"
                + " or of every run, from the audit service.")
public final class AuditLogCommand extends ServiceCommand {

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

    @Mixin
    ServiceOptions.Audit audit = new ServiceOptions.Audit();

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("jsonl") && !f.equals("csv")) {
            note("unknown --format " + format + " (jsonl, csv)");
            return USAGE;
        }
        String inc = include.toLowerCase(Locale.ROOT);
        if (!inc.equals("writes") && !inc.equals("all")) {
            note("unknown --include " + include + " (writes, all)");
            return USAGE;
        }
        String token = token("a token with role ferry-auditor");
        if (token == null) {
            return USAGE;
        }
        String target = AuditLogUrl.of(audit.base(env), run, f, inc);
        JsonHttp http = new JsonHttp(token);
        try {
            if (out != null) {
                http.download(target, out);
                note("wrote " + out.toAbsolutePath());
            } else {
                http.stream(target, stdoutStream());
            }
            return 0;
        } catch (IllegalStateException e) {
            note(e.getMessage());
            return FAILED;
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
}
