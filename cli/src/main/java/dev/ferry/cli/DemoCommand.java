package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.FreshsalesUsers;
import dev.ferry.cli.migration.LiveRecords;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.migration.BudgetEta;
import dev.ferry.cli.migration.ReconciliationTable;
import dev.ferry.cli.stack.Component;
import dev.ferry.cli.stack.FerryStack;
import dev.ferry.launcher.FreePorts;
import dev.ferry.cli.stack.KafkaTopicsReset;
import dev.ferry.cli.stack.SchemaReset;
import dev.ferry.cli.stack.StackSettings;
import dev.ferry.contracts.FerryJson;
import dev.ferry.sim.dentes.datagen.GeneratorOptions;
import dev.ferry.sim.dentes.datagen.PracticeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a whole migration on the local default: both sandboxes and the four services on the local Kafka and
 * PostgreSQL, a generated practice (or a given dataset folder), progress while it runs, the reconciliation at the end.
 * Exits non-zero when any record is unaccounted for.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Migrate a generated practice (or --dataset) from the Dr.DENTES sandbox into the Freshsales sandbox.")
final class DemoCommand implements Callable<Integer> {

    // 250, not 1000, since appointments, recalls and notes joined (issue 10): about nine calls a patient, so a
    // 1000-patient practice needs ~8,600 calls, past a Forest account's 5000 an hour (about two hours at the plan's
    // budget); 250 patients stay inside the hourly budget, at the 400-a-minute pace.
    @Option(names = "--patients", defaultValue = "250", description = "size of the generated practice (default ${DEFAULT-VALUE})")
    int patients;

    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dataset", description = "a dataset folder in the Dr.DENTES contract's format instead of a generated practice")
    Path dataset;

    @Option(names = "--out", defaultValue = "ferry-demo-out", description = "where reconciliation.json, audit-log.jsonl and .csv, freshsales-state.json and logs go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--plan", defaultValue = "forest",
            description = "the Freshsales plan the sandbox account is on: blossom/garden (1000 calls/h), estate (2000/h) or forest (5000/h), each 400/min; the loader's budget is set to match (default ${DEFAULT-VALUE})")
    String plan;

    @Option(names = "--calls-per-hour", description = "raise the sandbox account's hourly API budget beyond its plan's"
            + " (a measurement setting: calls per record do not depend on it, and a 10,000-patient practice takes four"
            + " hours on forest's 5000); the loader's budget follows")
    Integer callsPerHour;

    @Option(names = "--calls-per-minute", description = "the same for the per-minute budget (plans: 400)")
    Integer callsPerMinute;

    @Option(names = "--stall-minutes", defaultValue = "5", description = "give up when nothing moved for this long, budget waits not counted (default ${DEFAULT-VALUE})")
    int stallMinutes;

    @Option(names = "--rollback", description = "after the run, roll it back (issue 12): a dry run first"
            + " (rollback-plan.json), then the rollback (rollback.json); the sandbox must then hold what it held before"
            + " the run (live records compared)")
    boolean rollback;

    @Override
    public Integer call() throws Exception {
        Path root = Path.of(System.getProperty("ferry.root", ".")).toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path source = dataset != null ? dataset.toAbsolutePath() : generate(out.resolve("dataset"));

        ArrayNode users = FreshsalesUsers.forDataset(source);
        if (users.isEmpty()) {
            System.err.println("ferry demo: the dataset has no practitioner with an e-mail and no " + FreshsalesUsers.FILE);
            return 2;
        }
        // Patients whose practitioner has no Freshsales user go to the account's first user, and their commands say so.
        int perHour = switch (plan) {
            case "blossom", "garden" -> 1000;
            case "estate" -> 2000;
            case "forest" -> 5000;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "unknown plan " + plan + " (blossom, garden, estate, forest)");
        };
        if (callsPerHour != null) {
            perHour = callsPerHour;
        }
        int perMinute = callsPerMinute != null ? callsPerMinute : 400;
        // The loader's one budget must know the account's plan: it waits rather than be refused.
        Map<Component, Map<String, String>> props = Map.of(
                Component.MAPPER, Map.of("ferry.mapper.fallback-owner-email", users.get(0).get("email").asText()),
                Component.LOADER, Map.of("ferry.loader.budget.per-hour", Integer.toString(perHour),
                        "ferry.loader.budget.per-minute", Integer.toString(perMinute)),
                Component.DENTES_SIM, Map.of("dentes-sim.dataset.path", source.toString()));
        StackSettings settings = new StackSettings(root, out, env("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                env("FERRY_DEMO_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/ferry"), "ferry",
                env("FERRY_PG_PASSWORD", "ferry"), true, null, Map.of(), props, null);
        for (Component c : Component.values()) {
            if (FreePorts.busy(settings.port(c))) {
                System.err.println("ferry demo: port " + settings.port(c) + " (" + c.displayName() + ") is in use; stop what holds it");
                return 2;
            }
        }
        say("resetting the Ferry topics and the service schemas (the demo starts from empty ledgers)");
        KafkaTopicsReset.reset(settings.kafkaBootstrap(), 6);
        SchemaReset.reset(settings);

        try (FerryStack stack = new FerryStack(settings)) {
            // Ctrl-C must not leave six JVMs behind.
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "ferry-demo-stop"));
            say("starting the sandboxes");
            stack.start(Component.FRESHSALES_SIM, Component.DENTES_SIM);
            MigrationDriver driver = new MigrationDriver(stack);
            driver.setFreshsalesUsers(users);
            ObjectNode config = FerryJson.mapper().createObjectNode().put("plan", plan);
            if (callsPerHour != null || callsPerMinute != null) {
                config.put("perHourLimit", perHour).put("perMinuteLimit", perMinute);
            }
            driver.configureFreshsales(config);
            say("Freshsales sandbox: " + users.size() + " users, plan " + plan + " (" + perHour
                    + " API calls per hour, " + perMinute + " per minute, real time)");

            say("starting the services (audit, loader, mapper, extractor)");
            stack.start(Component.AUDIT, Component.LOADER, Component.MAPPER, Component.EXTRACTOR);

            // No run starts on an unconfirmed map (issue 11). The demo confirms the proposal unread, and says so.
            JsonNode confirmed = driver.proposeAndConfirm(null, out);
            say("!!! MAP CONFIRMED AUTOMATICALLY: the demo confirmed the proposed map unread as "
                    + confirmed.path("mappingVersion").asText() + " (sha256 "
                    + confirmed.path("sha256").asText().substring(0, 12) + "). A real migration reads "
                    + out.resolve("proposal.md") + ", edits map.yaml and confirms it: ferry confirm --file map.yaml !!!");

            sample(stack);

            JsonNode before = rollback ? driver.freshsalesState() : null;
            Instant started = Instant.now();
            String runId = driver.startFullRun(MigrationDriver.RESOURCES);
            say("run " + runId + " started");
            JsonNode rec = driver.awaitBalanced(runId, Duration.ofMinutes(stallMinutes), Duration.ofSeconds(3),
                    r -> System.out.println("\n" + ReconciliationTable.render(r)),
                    (r, budget) -> System.out.println(BudgetEta.line(r, budget, Instant.now())));
            Duration took = Duration.between(started, Instant.now());

            JsonNode owners = safe(() -> driver.ownerReport(runId));
            if (owners != null) {
                Files.writeString(out.resolve("owner-report.json"), owners.toPrettyString());
            }
            if (rec != null) {
                Files.writeString(out.resolve("reconciliation.json"), rec.toPrettyString());
            }
            boolean auditLogWritten = writeAuditLog(driver, runId);
            boolean documentsWritten = writeRebuildDocuments(driver, runId);
            // Issue 12's reconciliation, three layers, Freshsales read back: reported, it does not decide the exit code
            // (the balanced reconciliation above does), and it comes before a rollback changes the sandbox.
            JsonNode reconciled = safe(() -> driver.reconcile(runId));
            if (reconciled != null) {
                ReconcileCommand.write(out, reconciled);
                say(dev.ferry.cli.migration.ReconcileMarkdown.summary(reconciled));
            }
            driver.downloadFreshsalesState(out.resolve("freshsales-state.json"));
            JsonNode calls = driver.requestSummary();
            Files.writeString(out.resolve("freshsales-requests.json"), calls.toPrettyString());

            boolean balanced = rec != null && rec.path("balanced").asBoolean(false);
            System.out.println();
            long total = calls.path("total").asLong();
            // Per started minute: a run shorter than a minute made its calls within one minute of the budget, and
            // dividing by a fraction of a minute would read as more than the budget allows.
            double minutes = Math.max(took.toMillis() / 60000.0, 1.0);
            say("run " + runId + (balanced ? " balanced" : " NOT balanced") + " after " + took.toSeconds() + " s; "
                    + total + " Freshsales API calls (" + String.format(java.util.Locale.ROOT, "%.1f", total / minutes)
                    + " per minute against a budget of " + perMinute + " per minute and " + perHour + " per hour; "
                    + calls.path("rateLimited").asText("0") + " answered 429)");
            say("wrote " + out.resolve("reconciliation.json") + ", " + out.resolve("freshsales-state.json")
                    + ", reconcile.json, reconcile.md, owner-report.json, freshsales-requests.json, audit-log.jsonl, audit-log.csv, workflows.md,"
                    + " workflows.html, integrations.md, integrations.html; service logs in " + out.resolve("logs"));
            boolean rolledBack = !rollback || rollBack(driver, runId, before);
            return balanced && auditLogWritten && documentsWritten && rolledBack ? 0 : 1;
        }
    }

    /**
     * Issue 11 step 4 before the full run: {@code ferry sample} on the confirmed map, its diff written into the output
     * folder (sample-diff.json, sample-diff.md). Differences are reported, not fatal: the demo goes on to the full run,
     * which updates the sampled records instead of duplicating them. The token goes through a file in the work
     * folder, as an operator's would.
     */
    private void sample(FerryStack stack) throws Exception {
        Path token = Files.writeString(stack.settings().workDir().resolve("cli-token"), stack.auth().cliToken());
        say("sample run on the confirmed map, then every mapped field read back from Freshsales (ferry sample)");
        int rc = new picocli.CommandLine(new SampleCommand()).execute("--url", stack.baseUrl(Component.EXTRACTOR),
                "--mapper-url", stack.baseUrl(Component.MAPPER), "--loader-url", stack.baseUrl(Component.LOADER),
                "--audit-url", stack.baseUrl(Component.AUDIT), "--token-file", token.toString(), "--out",
                out.toString(), "--timeout", "PT" + stallMinutes + "M");
        say(switch (rc) {
            case SampleCommand.EQUAL -> "sample diff: every mapped field equal (" + out.resolve("sample-diff.md") + ")";
            case SampleCommand.DIFFERENCES -> "!!! sample diff: some fields differ; read " + out.resolve("sample-diff.md")
                    + " before trusting the full run !!!";
            default -> "!!! the sample did not finish (exit " + rc + "); the full run goes on without its diff !!!";
        });
    }

    /**
     * The dry run, then the rollback, then the check the operator cares about: the sandbox's live records are the
     * ones it held before the run (deleted records stay in Freshsales' recycle bin, as the real API keeps them).
     */
    private boolean rollBack(MigrationDriver driver, String runId, JsonNode before) throws Exception {
        JsonNode plan = driver.rollback(runId, true);
        Files.writeString(out.resolve("rollback-plan.json"), plan.toPrettyString());
        say("rollback dry run: delete " + plan.path("toDelete").asLong() + ", restore " + plan.path("toRestore").asLong()
                + ", leave alone " + plan.path("leftAlone").asLong() + ", about " + plan.path("calls").asLong()
                + " Freshsales calls (" + out.resolve("rollback-plan.json") + ")");
        Instant started = Instant.now();
        driver.rollback(runId, false);
        JsonNode done = driver.awaitRollback(runId, Duration.ofMinutes(Math.max(10, plan.path("calls").asLong() / 300 + 5)),
                Duration.ofSeconds(2));
        if (done == null) {
            System.err.println("ferry demo: the rollback of " + runId + " did not finish; bin/ferry rollback --run "
                    + runId + " follows it");
            return false;
        }
        Files.writeString(out.resolve("rollback.json"), done.toPrettyString());
        java.util.Set<String> was = LiveRecords.of(before);
        java.util.Set<String> now = LiveRecords.of(driver.freshsalesState());
        java.util.Set<String> left = new java.util.TreeSet<>(now);
        left.removeAll(was);
        java.util.Set<String> gone = new java.util.TreeSet<>(was);
        gone.removeAll(now);
        say("rollback DONE after " + Duration.between(started, Instant.now()).toSeconds() + " s: "
                + done.path("deleted").asLong() + " deleted, " + done.path("restored").asLong() + " restored, "
                + done.path("skipped").asLong() + " left alone, " + done.path("failed").asLong() + " failed; the sandbox"
                + (left.isEmpty() && gone.isEmpty() ? " holds exactly the live records it held before the run"
                        : " differs from before the run: " + left.size() + " records left, " + gone.size() + " gone")
                + " (" + out.resolve("rollback.json") + ")");
        return left.isEmpty() && gone.isEmpty() && done.path("failed").asLong() == 0;
    }

    /** The run's audit log, JSON Lines and CSV, from the audit service into the output folder. */
    private boolean writeAuditLog(MigrationDriver driver, String runId) {
        try {
            driver.downloadAuditLog(runId, "jsonl", out.resolve("audit-log.jsonl"));
            driver.downloadAuditLog(runId, "csv", out.resolve("audit-log.csv"));
            return true;
        } catch (IllegalStateException e) {
            System.err.println("ferry demo: could not write the audit log: " + e.getMessage());
            return false;
        }
    }

    /**
     * The run's two rebuild documents (workflows, integrations; issue 10), Markdown and HTML, from the audit service
     * into the output folder.
     */
    private boolean writeRebuildDocuments(MigrationDriver driver, String runId) {
        try {
            for (String document : MigrationDriver.REBUILD_DOCUMENTS) {
                for (String format : MigrationDriver.REBUILD_FORMATS) {
                    driver.downloadRebuildDocument(runId, document, format, out.resolve(document + "." + format));
                }
            }
            return true;
        } catch (IllegalStateException e) {
            System.err.println("ferry demo: could not write the rebuild documents: " + e.getMessage());
            return false;
        }
    }

    private Path generate(Path folder) throws Exception {
        say("generating a practice of " + patients + " patients (seed " + seed + ") into " + folder);
        PracticeGenerator.generate(GeneratorOptions.of(patients, seed, folder));
        return folder;
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static JsonNode safe(Callable<JsonNode> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return null;
        }
    }

    private static void say(String line) {
        System.out.println("ferry demo: " + line);
    }
}
