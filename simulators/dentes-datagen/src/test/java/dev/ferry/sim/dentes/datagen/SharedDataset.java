package dev.ferry.sim.dentes.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One mid-sized practice generated once per test JVM and read by several test classes. */
final class SharedDataset {

    static final int PATIENTS = 4000;
    static final long SEED = 20240611L;
    private static LoadedDataset dataset;

    private SharedDataset() {
    }

    static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temp folder left behind is not worth failing a build for
        }
    }

    static synchronized LoadedDataset get() {
        if (dataset == null) {
            try {
                Path dir = Files.createTempDirectory("dentes-datagen-shared");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                PracticeGenerator.generate(GeneratorOptions.of(PATIENTS, SEED, dir));
                dataset = new LoadedDataset(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataset;
    }
}
