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
