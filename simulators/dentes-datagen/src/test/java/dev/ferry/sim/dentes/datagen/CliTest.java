package dev.ferry.sim.dentes.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sim.dentes.datagen.cli.GenerateCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir
    Path tmp;

    @Test
    void optionsReachTheGenerator() throws Exception {
        int exit = new CommandLine(new GenerateCommand()).registerConverter(java.time.OffsetDateTime.class,
                java.time.OffsetDateTime::parse).execute("--patients", "150", "--seed", "8", "--out", tmp.toString(),
                "--trap-rate", "0.1", "--trap", "NOTE_OVER_32KB=0", "--trap", "INVALID_EMAIL=0.5",
                "--as-of", "2025-01-15T12:00:00+03:00", "--name", "cli-check");
        assertThat(exit).isZero();
        JsonNode m = LoadedDataset.MAPPER.readTree(tmp.resolve("manifest.json").toFile());
        assertThat(m.path("name").asText()).isEqualTo("cli-check");
        assertThat(m.path("generated_at").asText()).isEqualTo("2025-01-15T12:00:00+03:00");
        assertThat(m.path("counts").path("patients").asInt()).isEqualTo(150);
        assertThat(m.path("trap_stats").path("DUPLICATE_PATIENT_EMAIL").path("rate").asDouble()).isEqualTo(0.1);
        assertThat(m.path("trap_stats").path("INVALID_EMAIL").path("rate").asDouble()).isEqualTo(0.5);
        assertThat(m.path("traps").path("NOTE_OVER_32KB").size()).isZero();
    }

    @Test
    void anUnknownTrapNameIsRefused() {
        int exit = new CommandLine(new GenerateCommand()).execute("--patients", "1", "--out", tmp.toString(),
                "--trap", "NO_SUCH_TRAP=0.1");
        assertThat(exit).isNotZero();
    }
}
