package dev.ferry.sim.dentes.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClinicNamesTest {

    @Test
    void twoBranchesInOneDistrictNeverShareAName(@TempDir Path dir) throws Exception {
        // Regression: seed 23 gave C-002 and C-003 the same name ("... Kadıköy Şubesi"); an upsert by account name
        // then merged two clinics into one Freshsales account. Seeds 0..39 cover many district collisions.
        ObjectMapper json = new ObjectMapper();
        int collisionsResolved = 0;
        for (long seed = 0; seed < 40; seed++) {
            Path out = dir.resolve("s" + seed);
            PracticeGenerator.generate(GeneratorOptions.of(5, seed, out));
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(out.resolve("clinics.jsonl"))) {
                names.add(json.readTree(line).get("name").asText());
            }
            assertThat(names).as("clinic names of seed " + seed).doesNotHaveDuplicates();
            collisionsResolved += (int) names.stream().filter(n -> n.matches(".* \\d+\\. Şubesi")).count();
        }
        assertThat(collisionsResolved).as("the seeds exercised at least one district collision").isPositive();
    }
}
