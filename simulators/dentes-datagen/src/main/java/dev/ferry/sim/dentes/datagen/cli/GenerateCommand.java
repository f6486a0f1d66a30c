package dev.ferry.sim.dentes.datagen.cli;

import dev.ferry.sim.dentes.datagen.GenerationSummary;
import dev.ferry.sim.dentes.datagen.GeneratorOptions;
import dev.ferry.sim.dentes.datagen.PracticeGenerator;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.model.TrapRates;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar ferry-dentes-datagen.jar --patients 10000 --seed 42 --out /tmp/practice}. */
@Command(name = "dentes-datagen", mixinStandardHelpOptions = true,
        description = "Writes a deterministic, realistic Dr.DENTES practice dataset (contract format) to a folder.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--patients", required = true, description = "Number of patients; other resources scale from it.")
    int patients;

    @Option(names = "--seed", defaultValue = "42", description = "Seed; same seed and options give identical bytes (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder (created).")
    Path out;

    @Option(names = "--trap-rate", description = "One rate for every trap, replacing the per-trap defaults.")
    Double trapRate;

    @Option(names = "--trap", description = "Rate of one trap, e.g. --trap NOTE_OVER_32KB=0.05 (repeatable).")
    Map<Trap, Double> trapOverrides = new LinkedHashMap<>();

    @Option(names = "--as-of", description = "The practice's 'now' (ISO-8601 with offset); default derived from the seed.")
    OffsetDateTime asOf;

    @Option(names = "--name", description = "Dataset name in the manifest; default practice-<patients>-seed-<seed>.")
    String name;

    @Override
    public Integer call() throws Exception {
        TrapRates rates = trapRate == null ? TrapRates.defaults() : TrapRates.uniform(trapRate);
        for (Map.Entry<Trap, Double> e : trapOverrides.entrySet()) {
            rates = rates.with(e.getKey(), e.getValue());
        }
        long started = System.nanoTime();
        GenerationSummary summary = PracticeGenerator.generate(new GeneratorOptions(patients, seed, out, rates, asOf, name));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %,d records (%,d patients) to %s in %.1f s%n", summary.totalRecords(), patients,
                out.toAbsolutePath(), seconds);
        summary.counts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf("  %-40s %,12d%n", e.getKey(), e.getValue()));
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.registerConverter(OffsetDateTime.class, OffsetDateTime::parse);
        System.exit(cli.execute(args));
    }
}
