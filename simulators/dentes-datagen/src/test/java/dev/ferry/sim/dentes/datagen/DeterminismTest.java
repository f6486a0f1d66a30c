package dev.ferry.sim.dentes.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedAndSizeGiveByteIdenticalDatasets() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        PracticeGenerator.generate(GeneratorOptions.of(600, 99, a));
        PracticeGenerator.generate(GeneratorOptions.of(600, 99, b));

        List<Path> filesA = relativeFiles(a);
        assertThat(filesA).isEqualTo(relativeFiles(b));
        assertThat(filesA).contains(Path.of("manifest.json"), Path.of("patients.jsonl"),
                Path.of("custom-modules.imaging.records.jsonl"));
        assertThat(filesA.stream().filter(p -> p.startsWith("attachments")).count()).isGreaterThan(10);
        for (Path f : filesA) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }

    /**
     * Per-JVM iteration order ({@code Map.copyOf}, {@code Set.of}) must never reach the output: two runs in one JVM
     * can match while two CLI runs differ. Caught a {@code Map.copyOf} of the manifest counts during development.
     */
    @Test
    void aSeparateJvmWritesTheSameBytes() throws Exception {
        Path here = tmp.resolve("here");
        Path there = tmp.resolve("there");
        PracticeGenerator.generate(GeneratorOptions.of(150, 31, here));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.ferry.sim.dentes.datagen.cli.GenerateCommand",
                "--patients", "150", "--seed", "31", "--out", there.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("cli.log").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(tmp.resolve("cli.log"))).isZero();
        List<Path> files = relativeFiles(here);
        assertThat(relativeFiles(there)).isEqualTo(files);
        for (Path f : files) {
            assertThat(Files.readAllBytes(there.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(here.resolve(f)));
        }
    }

    @Test
    void anotherSeedGivesAnotherPractice() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        PracticeGenerator.generate(GeneratorOptions.of(200, 1, a));
        PracticeGenerator.generate(GeneratorOptions.of(200, 2, b));
        assertThat(Files.readAllBytes(a.resolve("patients.jsonl"))).isNotEqualTo(Files.readAllBytes(b.resolve("patients.jsonl")));
        assertThat(Files.readString(a.resolve("manifest.json"))).contains("\"seed\" : 1");
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
