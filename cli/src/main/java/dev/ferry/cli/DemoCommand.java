package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.AwaitRun;
import dev.ferry.cli.migration.FreshsalesUsers;
import dev.ferry.cli.migration.LiveRecords;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.migration.BudgetEta;
import dev.ferry.cli.migration.Preflight;
import dev.ferry.cli.migration.ReconciliationTable;
import dev.ferry.cli.progress.Progress;
import dev.ferry.cli.stack.Component;
import dev.ferry.cli.stack.FerryStack;
import dev.ferry.cli.stack.FreshsalesEdition;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs a whole migration on the local default: both sandboxes and the four services on the local Kafka and
 * PostgreSQL, a generated practice (or a given dataset folder), and issue 11's sequence through the operator's own
 * commands: discover, propose, confirm (automatically, said loudly), preflight, sample, the full run with progress,
 * the reconciliation; each report into the output folder. Exits non-zero when any record is unaccounted for, 3 when
 * preflight blocks (the run does not start), 1 when the discovery or a report failed.
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

    @Option(names = "--edition", defaultValue = "suite", converter = FreshsalesEdition.Converter.class,
            description = "the sandbox account's Freshsales edition: suite, or classic (a never-booked patient becomes a lead on /leads; what must hang on a contact is rejected parent.lead for such a patient) (default ${DEFAULT-VALUE})")
    FreshsalesEdition edition;

    @Option(names = "--stall-minutes", defaultValue = "5", description = "give up when nothing moved for this long, budget waits not counted (default ${DEFAULT-VALUE})")
    int stallMinutes;

    @Option(names = "--rollback", description = "after the run, roll it back (issue 12): a dry run first"
            + " (rollback-plan.json), then the rollback (rollback.json); the sandbox must then hold what it held before"
            + " the run (live records compared)")
    boolean rollback;

    @Mixin
    ProgressOption progress = new ProgressOption();

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
        // The loader's one budget must know the account's plan: it waits rather than be refused. Its copy of the
        // account's metadata is not kept (as in PreflightIT): the second preflight must see the fields the demo's
        // admin step just created, not a copy of a minute ago; the extra reads (discovery, proposal, preflight, each
        // run's snapshot; about 16 calls each) cost about a hundred calls. Each read being fresh, the mapper waits for
        // it as long as PreflightIT's does (its 5 s default was too short on a busy two-core machine).
        Map<Component, Map<String, String>> props = Map.of(
                Component.MAPPER, Map.of("ferry.mapper.fallback-owner-email", users.get(0).get("email").asText(),
                        "ferry.mapper.metadata-timeout", "30s", "ferry.mapper.edition", edition.mapperEdition()),
                Component.LOADER, Map.of("ferry.loader.budget.per-hour", Integer.toString(perHour),
                        "ferry.loader.budget.per-minute", Integer.toString(perMinute),
                        "ferry.loader.metadata.cache-ttl", "PT0S"),
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
            ObjectNode config = FerryJson.mapper().createObjectNode().put("plan", plan)
                    .put("classicMode", edition.classicMode());
            if (callsPerHour != null || callsPerMinute != null) {
                config.put("perHourLimit", perHour).put("perMinuteLimit", perMinute);
            }
            driver.configureFreshsales(config);
            say("Freshsales sandbox: " + users.size() + " users, plan " + plan + " (" + perHour
                    + " API calls per hour, " + perMinute + " per minute, real time), " + edition.label()
                    + " edition");

            say("starting the services (audit, loader, mapper, extractor)");
            stack.start(Component.AUDIT, Component.LOADER, Component.MAPPER, Component.EXTRACTOR);

            // Issue 11's sequence, each step the operator's own command (or, for the confirm, its automatic stand-in),
            // each report into the output folder: discover, propose, confirm, preflight, sample; then the full run.
            Path token = Files.writeString(stack.settings().workDir().resolve("cli-token"), stack.auth().cliToken());
            JsonNode discovery = discover(stack, token);
            if (discovery == null) {
                return 1;
            }

            // No run starts on an unconfirmed map (issue 11). The demo confirms the proposal unread, and says so.
            JsonNode confirmed = driver.proposeAndConfirm(discovery, out);
            say("!!! MAP CONFIRMED AUTOMATICALLY: the demo confirmed the proposed map unread as "
                    + confirmed.path("mappingVersion").asText() + " (sha256 "
                    + confirmed.path("sha256").asText().substring(0, 12) + "). A real migration reads "
                    + out.resolve("proposal.md") + ", edits map.yaml and confirms it: ferry confirm --file map.yaml !!!");

            int preflight = preflight(stack, driver, token);
            if (preflight != PreflightCommand.PASSED) {
                return preflight;
            }

            sample(stack, token);

            JsonNode before = rollback ? driver.freshsalesState() : null;
            // The sandbox counts every call since it started (discovery, preflight, the sample, later the reconcile's
            // read-back): the run's own calls are the difference across it.
            long callsBeforeRun = driver.requestSummary().path("total").asLong();
            Instant started = Instant.now();
            String runId = driver.startFullRun(MigrationDriver.ALL_RESOURCES);
            say("run " + runId + " started");
            JsonNode rec;
            try (Progress bar = progress.open("run " + runId, System.err)) {
                rec = driver.awaitBalanced(runId, Duration.ofMinutes(stallMinutes), Duration.ofSeconds(3), r -> {
                    bar.update(AwaitRun.accounted(r), AwaitRun.expected(r));
                    System.out.println("\n" + ReconciliationTable.render(r));
                }, (r, budget) -> System.out.println(BudgetEta.line(r, budget, Instant.now())));
            }
            Duration took = Duration.between(started, Instant.now());
            long runCalls = driver.requestSummary().path("total").asLong() - callsBeforeRun;

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
            // dividing by a fraction of a minute would read as more than the budget allows. Only the run's own calls:
            // dividing every call of the demo (the sample's and the reconcile's too) by the run's minutes read as more
            // than the budget allows: "471.2 per minute against a budget of 400" in a 250-patient demo.
            double minutes = Math.max(took.toMillis() / 60000.0, 1.0);
            say("run " + runId + (balanced ? " balanced" : " NOT balanced") + " after " + took.toSeconds() + " s; "
                    + runCalls + " Freshsales API calls during the run (" + String.format(java.util.Locale.ROOT, "%.1f",
                    runCalls / minutes) + " per minute against a budget of " + perMinute + " per minute and " + perHour
                    + " per hour), " + total + " in all with discovery, preflight, the sample and the reconcile; "
                    + calls.path("rateLimited").asText("0") + " answered 429");
            say("wrote " + out.resolve("reconciliation.json") + ", " + out.resolve("freshsales-state.json")
                    + ", discovery.json/.md, proposal.json/.yaml/.md, map.yaml, preflight.json/.md, field-checklist.csv,"
                    + " sample-diff.json/.md, reconcile.json, reconcile.md, owner-report.json, freshsales-requests.json, audit-log.jsonl, audit-log.csv, workflows.md,"
                    + " workflows.html, integrations.md, integrations.html; service logs in " + out.resolve("logs"));
            boolean rolledBack = !rollback || rollBack(driver, runId, before);
            return balanced && auditLogWritten && documentsWritten && rolledBack ? 0 : 1;
        }
    }

    /**
     * Issue 11 step 1: {@code ferry discover} on the extractor (the tenant only read; owners matched against the
     * sandbox's users, which the extractor asks the loader for), {@code discovery.json} and {@code discovery.md} into
     * the output folder. Null after saying why when it failed: the proposal and preflight need it, and a tenant that
     * cannot be read would not migrate either.
     */
    private JsonNode discover(FerryStack stack, Path token) throws java.io.IOException {
        say("discovery: reading the Dr.DENTES tenant, nothing written anywhere (ferry discover)");
        int rc = cli(new DiscoverCommand(), "--url", stack.baseUrl(Component.EXTRACTOR), "--token-file",
                token.toString(), "--out", out.toString(), "--timeout", "PT" + Math.max(stallMinutes, 10) + "M");
        if (rc != 0) {
            System.err.println("ferry demo: !!! the discovery failed (ferry discover exit " + rc + ", its reason above);"
                    + " the demo stops before proposing a map !!!");
            return null;
        }
        say("discovery report: " + out.resolve("discovery.md"));
        return FerryJson.mapper().readTree(out.resolve("discovery.json").toFile());
    }

    /**
     * Issue 11 step 3: {@code ferry preflight} of the confirmed map against the sandbox account, with the discovery;
     * {@code preflight.json}, {@code preflight.md} and {@code field-checklist.csv} into the output folder. When the
     * sandbox account lacks custom fields the map writes, the first preflight blocks: the demo says so loudly, plays
     * the Freshsales admin (creates the checklist's fields on the sandbox, keeping the blocked report in
     * {@code preflight-blocked/}) and runs preflight again, which must pass on the embedded default. Anything still
     * blocking stops the demo with the findings: no full run starts past a blocking preflight.
     *
     * @return {@link PreflightCommand#PASSED}, {@link PreflightCommand#BLOCKED}, or 1 (the mapper failed)
     */
    private int preflight(FerryStack stack, MigrationDriver driver, Path token) throws java.io.IOException {
        String[] args = {"--url", stack.baseUrl(Component.MAPPER), "--token-file", token.toString(), "--discovery",
            out.resolve("discovery.json").toString(), "--out", out.toString()};
        say("preflight: the confirmed map against the Freshsales account (ferry preflight)");
        int rc = cli(new PreflightCommand(), args);
        if (rc == PreflightCommand.BLOCKED) {
            JsonNode blocked = FerryJson.mapper().readTree(out.resolve(Preflight.PREFLIGHT_JSON).toFile());
            Path kept = out.resolve("preflight-blocked");
            Files.createDirectories(kept);
            for (String f : new String[] {Preflight.PREFLIGHT_JSON, Preflight.PREFLIGHT_MD,
                Preflight.FIELD_CHECKLIST_CSV}) {
                Files.move(out.resolve(f), kept.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            int created = driver.followFieldChecklist(blocked);
            say("!!! PREFLIGHT BLOCKED by " + blocked.path("blocking").asInt() + " finding(s) (" + kept
                    + "). THE DEMO PLAYS THE FRESHSALES ADMIN: it created " + created + " field(s) of the field-creation"
                    + " checklist in the sandbox account. A real migration hands field-checklist.csv to the admin and"
                    + " runs ferry preflight again once they are done. Preflight again: !!!");
            rc = cli(new PreflightCommand(), args);
        }
        if (rc == PreflightCommand.PASSED) {
            say("preflight PASSED (" + out.resolve(Preflight.PREFLIGHT_MD) + ")");
            return rc;
        }
        System.err.println("ferry demo: !!! PREFLIGHT " + (rc == PreflightCommand.BLOCKED
                ? "STILL BLOCKED after the checklist's fields were created: the embedded default should pass, so"
                        + " this is a defect; the findings are above and in " + out.resolve(Preflight.PREFLIGHT_MD)
                : "FAILED (ferry preflight exit " + rc + ", its reason above)")
                + ". The demo stops: no full run starts past a blocking preflight !!!");
        return rc;
    }

    /**
     * Issue 11 step 4 before the full run: {@code ferry sample} on the confirmed map, its diff written into the output
     * folder (sample-diff.json, sample-diff.md). Differences are reported, not fatal: the demo goes on to the full run,
     * which updates the sampled records instead of duplicating them. The token goes through a file in the work
     * folder, as an operator's would.
     */
    private void sample(FerryStack stack, Path token) {
        say("sample run on the confirmed map, then every mapped field read back from Freshsales (ferry sample)");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--url",
                stack.baseUrl(Component.EXTRACTOR), "--mapper-url", stack.baseUrl(Component.MAPPER), "--loader-url",
                stack.baseUrl(Component.LOADER), "--audit-url", stack.baseUrl(Component.AUDIT), "--token-file",
                token.toString(), "--out", out.toString(), "--timeout", "PT" + stallMinutes + "M"));
        if (progress.asked) {
            args.add("--progress");
        }
        int rc = cli(new SampleCommand(), args.toArray(String[]::new));
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
        long planned = plan.path("toDelete").asLong() + plan.path("toRestore").asLong();
        JsonNode done;
        try (Progress bar = progress.open("rollback " + runId, System.err)) {
            done = driver.awaitRollback(runId, Duration.ofMinutes(Math.max(10, plan.path("calls").asLong() / 300 + 5)),
                    Duration.ofSeconds(2), state -> bar.update(RollbackCommand.settled(state), planned));
        }
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

    /** One of the operator's commands, as {@code bin/ferry} runs it. */
    private static int cli(ServiceCommand command, String... args) {
        return new picocli.CommandLine(command).execute(args);
    }

    private static void say(String line) {
        System.out.println("ferry demo: " + line);
    }
}
