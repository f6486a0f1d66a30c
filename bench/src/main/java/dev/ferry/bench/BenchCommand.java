package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.bench.baseline.KafkaPassThrough;
import dev.ferry.bench.sample.LiveHeap;
import dev.ferry.bench.sample.NativeMemory;
import dev.ferry.bench.sample.ProcCpu;
import dev.ferry.bench.sample.PrometheusText;
import dev.ferry.bench.sample.Sampler;
import dev.ferry.bench.table.BenchReport;
import dev.ferry.bench.table.BenchTable;
import dev.ferry.bench.table.BudgetMaths;
import dev.ferry.bench.table.CallCounts;
import dev.ferry.bench.table.WindowShares;
import dev.ferry.cli.migration.BudgetEta;
import dev.ferry.cli.migration.FreshsalesUsers;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.cli.stack.FerryStack;
import dev.ferry.cli.stack.FreshsalesEdition;
import dev.ferry.cli.stack.KafkaTopicsReset;
import dev.ferry.cli.stack.SchemaReset;
import dev.ferry.cli.stack.StackSettings;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.FreePorts;
import dev.ferry.sim.dentes.datagen.GeneratorOptions;
import dev.ferry.sim.dentes.datagen.PracticeGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 13's bench: a generated practice through the packaged pipeline (both sandboxes and the four services on the
 * local Kafka and PostgreSQL, as {@code bin/ferry demo} runs them) on a compressed clock, then one table: calls per
 * object type against the minimum (counted by the Freshsales sandbox, which served them), budget used, 429s, wall time
 * against minimum calls ÷ budget, records per second per stage against a Kafka pass-through measured on the same broker
 * in the same run, and each child's peak resident memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a generated practice through the whole pipeline on a compressed clock and print issue 13's table.")
public final class BenchCommand implements Callable<Integer> {

    private static final int PARTITIONS = 6;

    @Option(names = "--patients", defaultValue = "10000", description = "size of the generated practice (default ${DEFAULT-VALUE})")
    int patients;

    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replicas", defaultValue = "1", description = "loader instances sharing the account's budget through PostgreSQL: 1, 2 or 4 (default ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--calls-per-hour", defaultValue = "5000", description = "the account's hourly budget (default ${DEFAULT-VALUE}, Forest)")
    int perHour;

    @Option(names = "--calls-per-minute", defaultValue = "400", description = "the account's per-minute budget (default ${DEFAULT-VALUE})")
    int perMinute;

    @Option(names = "--headroom-percent", defaultValue = "10", description = "share of the budget the loaders leave to other integrations on the account (default ${DEFAULT-VALUE}, the loader's default; 0 for an account Ferry has alone)")
    int headroomPercent;

    @Option(names = "--time-scale", defaultValue = "24", description = "simulated seconds per real second, for the Freshsales sandbox and the loaders' budget windows alike (default ${DEFAULT-VALUE}: an hour in 150 s)")
    double timeScale;

    @Option(names = "--edition", defaultValue = "suite", converter = FreshsalesEdition.Converter.class, description = "the Freshsales account's edition: suite, or classic, where a never-booked patient becomes a lead (/leads, no upsert) (default ${DEFAULT-VALUE})")
    FreshsalesEdition edition;

    @Option(names = "--out", defaultValue = "ferry-bench-out", description = "dataset, logs, table and raw numbers (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--service-heap", defaultValue = "384m", description = "each Ferry service's heap ceiling (-Xmx; default ${DEFAULT-VALUE}, the local stack's; 256m is a Kubernetes pod's, half its 512Mi limit)")
    String serviceHeap;

    @Option(names = "--stall-minutes", defaultValue = "5", description = "give up when nothing moved for this long, budget waits not counted (default ${DEFAULT-VALUE})")
    int stallMinutes;

    /**
     * Each child's committed memory by category ({@code native-memory/<child>.txt}) when the children track it
     * (started with {@code JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary}): the part of the RSS outside the heap,
     * named. Printed as the largest categories; nothing without tracking.
     */
    private void saveNativeMemory(List<ChildJvm> children) throws IOException {
        Path dir = out.resolve("native-memory");
        for (ChildJvm c : children) {
            var summary = NativeMemory.summary(c.pid());
            if (summary.isEmpty()) {
                continue;
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(c.name() + ".txt"), summary.get());
            StringBuilder line = new StringBuilder(c.name() + " committed (MB):");
            NativeMemory.committedKb(summary.get()).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(7)
                    .forEach(e -> line.append(' ').append(e.getKey()).append(' ').append(e.getValue() / 1024));
            say(line.toString());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (replicas < 1 || replicas > 8 || timeScale <= 0 || perHour <= 0 || perMinute <= 0 || headroomPercent < 0
                || headroomPercent > 50) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--replicas 1..8, --headroom-percent 0..50, positive --time-scale, --calls-per-hour,"
                            + " --calls-per-minute");
        }
        // The services' peak RSS is a goal of issue 13: measured as the Kubernetes images run them, without the
        // class-data archive the launcher maps elsewhere (its file-backed pages would count in VmRSS).
        System.setProperty(ChildJvm.CLASS_DATA_SHARING_PROPERTY, "false");
        Path root = Path.of(System.getProperty("ferry.root", ".")).toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path dataset = out.resolve("dataset");
        say("generating a practice of " + patients + " patients (seed " + seed + ") into " + dataset);
        PracticeGenerator.generate(GeneratorOptions.of(patients, seed, dataset));
        ArrayNode users = FreshsalesUsers.forDataset(dataset);

        BudgetMaths budget = new BudgetMaths(perHour, perMinute, timeScale);
        StackSettings settings = settings(root, users);
        say("resetting the Ferry topics and the service schemas of the local database");
        KafkaTopicsReset.reset(settings.kafkaBootstrap(), PARTITIONS);
        SchemaReset.reset(settings);

        try (FerryStack stack = new FerryStack(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "ferry-bench-stop"));
            stack.start(Component.FRESHSALES_SIM, Component.DENTES_SIM);
            MigrationDriver driver = new MigrationDriver(stack);
            driver.setFreshsalesUsers(users);
            driver.configureFreshsales(FerryJson.mapper().createObjectNode().put("plan", "forest")
                    .put("perHourLimit", perHour).put("perMinuteLimit", perMinute).put("timeScale", timeScale)
                    .put("classicMode", edition.classicMode()));
            say("Freshsales sandbox: " + perHour + " calls/h, " + perMinute + "/min, time scale " + timeScale
                    + " (an hour in " + fmt(3600 / timeScale) + " s), " + edition.label() + " edition");
            stack.start(Component.AUDIT, Component.LOADER, Component.MAPPER, Component.EXTRACTOR);
            for (int i = 1; i < replicas; i++) {
                stack.startReplica(Component.LOADER, i);
            }
            say(replicas + " loader instance(s) share the account's budget; each service's heap ceiling -Xmx"
                    + serviceHeap);
            driver.proposeAndConfirm(null, out);
            say("map confirmed automatically (bench)");

            JsonHttp sandbox = new JsonHttp();
            String sim = stack.baseUrl(Component.FRESHSALES_SIM);
            Map<String, Long> before = CallCounts.liveRecords(driver.freshsalesState());
            sandbox.post(sim + "/_sim/requests/reset", FerryJson.mapper().createObjectNode());

            List<String> metricsUrls = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                metricsUrls.add(stack.replica(Component.LOADER, i).baseUrl() + "/q/metrics");
            }
            Sampler sampler = new Sampler(settings.kafkaBootstrap(), PARTITIONS, () -> children(stack),
                    () -> metricsUrls, () -> sandbox.get(sim + "/_sim/requests/summary"), stack.auth().cliToken(),
                    Duration.ofSeconds(1)).start();
            Map<String, Double> cpuAtStart = cpuSeconds(children(stack));
            double machineAtStart = ProcCpu.machineBusySeconds().orElse(Double.NaN);
            Instant started = Instant.now();
            String runId = driver.startFullRun(MigrationDriver.ALL_RESOURCES);
            say("run " + runId + " started");
            long[] lastPrint = {0};
            JsonNode rec = driver.awaitBalanced(runId, Duration.ofMinutes(stallMinutes), Duration.ofSeconds(2), r -> { },
                    (r, b) -> {
                        if (System.nanoTime() - lastPrint[0] > 15_000_000_000L) {
                            lastPrint[0] = System.nanoTime();
                            say(progress(r) + "; " + BudgetEta.line(r, b, Instant.now()));
                        }
                    });
            double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            Map<String, Double> cpu = cpuSeconds(children(stack));
            double machineCpu = ProcCpu.machineBusySeconds().orElse(Double.NaN) - machineAtStart;
            cpu.replaceAll((name, s) -> s - cpuAtStart.getOrDefault(name, 0.0));
            sampler.close();
            say("taking each child's live heap after a full GC (jcmd GC.class_histogram)");
            Map<String, Long> liveHeap = new java.util.TreeMap<>();
            Path histograms = out.resolve("histograms");
            Files.createDirectories(histograms);
            for (ChildJvm c : children(stack)) {
                var histogram = LiveHeap.histogram(c.pid());
                if (histogram.isPresent()) {
                    Files.writeString(histograms.resolve(c.name() + ".txt"), histogram.get());
                    LiveHeap.parse(histogram.get()).ifPresent(b -> liveHeap.put(c.name(), b));
                }
            }
            saveNativeMemory(children(stack));
            boolean balanced = rec != null && rec.path("balanced").asBoolean(false);
            say("run " + runId + (balanced ? " balanced" : " NOT balanced") + " after " + fmt(wall) + " s");

            JsonNode summary = sandbox.get(sim + "/_sim/requests/summary");
            Map<String, Long> after = CallCounts.liveRecords(driver.freshsalesState());
            StringBuilder metrics = new StringBuilder();
            for (String url : metricsUrls) {
                metrics.append(sampler.scrape(url)).append('\n');
            }
            String mapperMetrics = sampler.scrape(stack.baseUrl(Component.MAPPER) + "/q/metrics");
            // How much went through the pending table (written, read back, deleted) rather than straight through.
            say(String.format(Locale.ROOT, "the mapper held %.0f records in its pending table and released %.0f",
                    PrometheusText.sum(mapperMetrics, "ferry_mapper_records_total", Map.of("result", "held")),
                    PrometheusText.sum(mapperMetrics, "ferry_mapper_records_total", Map.of("result", "released"))));
            say("measuring Kafka's consume→produce pass-through over the run's raw records on the same broker");
            List<String> rawTopics = java.util.Arrays.stream(SourceResource.values()).map(SourceResource::rawTopic).toList();
            KafkaPassThrough.Result pass = KafkaPassThrough.run(settings.kafkaBootstrap(), rawTopics, PARTITIONS,
                    Duration.ofMinutes(3));

            BenchReport report = new BenchReport(patients, replicas, budget, CallCounts.objects(summary, before, after),
                    CallCounts.other(summary), summary.path("rateLimited").asLong(), sampler.calls.activeSeconds(), wall,
                    balanced, stage(sampler.extract.records(), sampler.extract.activeSeconds()),
                    stage(sampler.map.records(), sampler.map.activeSeconds()),
                    stage(sampler.load.records(), sampler.load.activeSeconds()),
                    new BenchReport.Stage(pass.records(), pass.seconds()), sampler.peakRssKb(), cpu, liveHeap,
                    machineCpu, WindowShares.steadyState(sampler.curve().stream()
                            .map(p -> new WindowShares.CallsAt(p.seconds(), p.calls())).toList(), 3600 / timeScale,
                            perHour));
            String table = BenchTable.render(report);
            String loaderView = String.format(Locale.ROOT,
                    "loaders' own view (/q/metrics): usable hourly limit %.0f (after headroom), 429s seen %.0f, "
                            + "budget waits %.0f, %.1f s waited",
                    PrometheusText.sum(metrics.toString(), "ferry_loader_budget_limit", Map.of("window", "hour")) / replicas,
                    PrometheusText.sum(metrics.toString(), "ferry_loader_budget_refusals_total", Map.of()),
                    PrometheusText.sum(metrics.toString(), "ferry_loader_budget_waits_total", Map.of()),
                    PrometheusText.sum(metrics.toString(), "ferry_loader_budget_waited_seconds_total", Map.of()));
            String header = "bin/ferry bench --patients " + patients + " --replicas " + replicas + " --calls-per-hour "
                    + perHour + " --calls-per-minute " + perMinute + " --headroom-percent " + headroomPercent
                    + " --time-scale " + fmt(timeScale)
                    + (edition == FreshsalesEdition.SUITE ? "" : " --edition " + edition.option()) + " (seed " + seed
                    + ", " + Instant.now() + ")";
            System.out.println();
            System.out.println(header);
            System.out.println();
            System.out.println(table);
            System.out.println(loaderView);
            Files.writeString(out.resolve("bench-table.md"), header + "\n\n" + table + "\n" + loaderView + "\n");
            Files.writeString(out.resolve("freshsales-requests.json"), summary.toPrettyString());
            Files.writeString(out.resolve("loader-metrics.txt"), metrics.toString());
            Files.writeString(out.resolve("memory-curve.csv"), Sampler.csv(sampler.curve()));
            if (rec != null) {
                Files.writeString(out.resolve("reconciliation.json"), rec.toPrettyString());
            }
            say("wrote " + out.resolve("bench-table.md") + ", memory-curve.csv, histograms/, freshsales-requests.json,"
                    + " loader-metrics.txt; logs in "
                    + out.resolve("logs"));
            return balanced ? 0 : 1;
        }
    }

    private StackSettings settings(Path root, ArrayNode users) {
        // The loaders' budget windows follow the sandbox's clock, so a test hour is short for both (LoaderConfig).
        Duration minute = Duration.ofNanos((long) (60e9 / timeScale));
        Duration hour = Duration.ofNanos((long) (3600e9 / timeScale));
        Map<String, String> loader = new HashMap<>(Map.of(
                "ferry.loader.budget.per-hour", Integer.toString(perHour),
                "ferry.loader.budget.per-minute", Integer.toString(perMinute),
                "ferry.loader.budget.headroom-percent", Integer.toString(headroomPercent),
                "ferry.loader.budget.minute-window", minute.toString(),
                "ferry.loader.budget.hour-window", hour.toString(),
                // The margin guards a real window against jitter; scaled with the clock it stays a small share of it.
                "ferry.loader.budget.window-margin", Duration.ofNanos((long) (1e9 / timeScale)).toString(),
                "ferry.loader.budget.backoff-on429", Duration.ofNanos((long) (60e9 / timeScale)).toString()));
        Map<Component, Map<String, String>> props = new EnumMap<>(Component.class);
        props.put(Component.MAPPER, Map.of("ferry.mapper.fallback-owner-email", users.get(0).get("email").asText(),
                "ferry.mapper.edition", edition.mapperEdition()));
        props.put(Component.LOADER, loader);
        props.put(Component.DENTES_SIM, Map.of("dentes-sim.dataset.path", out.resolve("dataset").toString()));
        // Ports of its own, so the bench never collides with a demo or a test stack on the default ports.
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            ports.put(c, FreePorts.next());
        }
        return new StackSettings(root, out, env("FERRY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                env("FERRY_DEMO_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/ferry"), "ferry",
                env("FERRY_PG_PASSWORD", "ferry"), true, null, ports, props, serviceHeap);
    }

    private List<ChildJvm> children(FerryStack stack) {
        List<ChildJvm> all = new ArrayList<>();
        for (Component c : Component.values()) {
            all.add(stack.process(c));
        }
        for (int i = 1; i < replicas; i++) {
            ChildJvm r = stack.replica(Component.LOADER, i);
            if (r != null) {
                all.add(r);
            }
        }
        return all;
    }

    /** CPU seconds so far of each live child, by name. */
    private static Map<String, Double> cpuSeconds(List<ChildJvm> children) {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        for (ChildJvm c : children) {
            if (c.isAlive()) {
                ProcCpu.seconds(c.pid()).ifPresent(s -> cpu.put(c.name(), s));
            }
        }
        return cpu;
    }

    private static BenchReport.Stage stage(long records, double seconds) {
        return new BenchReport.Stage(records, seconds);
    }

    private static String progress(JsonNode rec) {
        long open = 0;
        long done = 0;
        for (JsonNode r : rec.path("resources")) {
            open += Math.max(0, r.path("unaccounted").asLong());
            done += r.path("manifestCount").asLong() - Math.max(0, r.path("unaccounted").asLong());
        }
        return done + " records accounted for, " + open + " open";
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void say(String line) {
        System.out.println("ferry bench: " + line);
    }
}
