package dev.ferry.sim.dentes.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.model.TrapRates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrapManifestTest {

    @TempDir
    Path tmp;

    @Test
    void manifestListsExactlyTheRecordsCarryingEachTrap() {
        LoadedDataset ds = SharedDataset.get();
        for (Trap trap : Trap.values()) {
            Function<LoadedDataset, Set<String>> finder = TrapPredicates.all().get(trap);
            assertThat(finder).as("a predicate for " + trap).isNotNull();
            Set<String> found = finder.apply(ds);
            Set<String> listed = ds.listed(trap.name());
            assertThat(listed).as(trap + " present with default rates").isNotEmpty();
            assertThat(listed).as(trap + ": listed records == records carrying it").isEqualTo(found);
        }
    }

    @Test
    void eachTrapFiresAtItsRate() {
        JsonNode stats = SharedDataset.get().manifest.path("trap_stats");
        for (Trap trap : Trap.values()) {
            JsonNode s = stats.path(trap.name());
            double p = s.path("rate").asDouble();
            long n = s.path("eligible").asLong();
            long fired = s.path("fired").asLong();
            assertThat(p).as(trap + " default rate").isEqualTo(trap.defaultRate());
            assertThat(n).as(trap + " eligible").isPositive();
            double sigma = Math.sqrt(n * p * (1 - p));
            assertThat((double) fired).as(trap + " fired %d of %d at %.3f", fired, n, p)
                    .isBetween(n * p - 5 * sigma - 2, n * p + 5 * sigma + 2);
            long listed = s.path("listed").asLong();
            assertThat(listed).isEqualTo(SharedDataset.get().manifest.path("traps").path(trap.name()).size());
            if (trap == Trap.SOFT_DELETED) {
                assertThat(listed).as("deleted patients take their dependants along").isGreaterThan(fired);
            } else {
                assertThat(listed).as(trap + " one entry per firing").isEqualTo(fired);
            }
        }
    }

    @Test
    void batchUpdatesCreateHeavyTiesOnUpdatedAt() {
        LoadedDataset ds = SharedDataset.get();
        Set<String> instants = new HashSet<>();
        ds.manifest.path("traps").path("SAME_UPDATED_AT_BATCH").forEach(e -> instants.add(e.path("detail").asText()));
        assertThat(instants).hasSizeBetween(1, 3);
        assertThat(ds.manifest.path("traps").path("SAME_UPDATED_AT_BATCH").size()).isGreaterThan(3 * instants.size());
    }

    /**
     * Regression: patients came out with neither e-mail nor mobile by accident (~4 in 250), which the mapper rejects
     * as contact.unreachable although no trap was listed. Now only NO_CONTACT_CHANNEL does that, and it never
     * overlaps the e-mail traps.
     */
    @Test
    void onlyNoContactChannelLeavesAPatientUnreachable() throws IOException {
        PracticeGenerator.generate(GeneratorOptions.of(1500, 11, tmp)
                .withRates(TrapRates.defaults().with(Trap.NO_CONTACT_CHANNEL, 0.0)));
        LoadedDataset clean = new LoadedDataset(tmp);
        assertThat(clean.of("patients")).hasSize(1500)
                .allSatisfy(p -> assertThat(LoadedDataset.text(p, "email") != null
                        || LoadedDataset.text(p, "mobile_phone") != null)
                        .as("patient %s reachable", p.path("id").asText()).isTrue());
        assertThat(clean.of("patients")).as("patients without an e-mail still exist")
                .anyMatch(p -> LoadedDataset.text(p, "email") == null);

        LoadedDataset ds = SharedDataset.get();
        Set<String> unreachable = new HashSet<>();
        ds.listed(Trap.NO_CONTACT_CHANNEL.name()).forEach(k -> unreachable.add(k.split("\\|")[1]));
        assertThat(unreachable).isNotEmpty();
        for (Trap emailTrap : new Trap[] {Trap.INVALID_EMAIL, Trap.DUPLICATE_PATIENT_EMAIL, Trap.TURKISH_CASE_EMAIL}) {
            ds.listed(emailTrap.name()).forEach(k -> assertThat(unreachable).as(emailTrap + " " + k)
                    .doesNotContain(k.split("\\|")[1]));
        }
    }

    @Test
    void zeroRatesGiveACleanPractice() throws IOException {
        PracticeGenerator.generate(GeneratorOptions.of(400, 5, tmp).withRates(TrapRates.uniform(0.0)));
        LoadedDataset ds = new LoadedDataset(tmp);
        for (Trap trap : Trap.values()) {
            assertThat(ds.listed(trap.name())).as(trap.name()).isEmpty();
            assertThat(TrapPredicates.all().get(trap).apply(ds)).as(trap + " absent").isEmpty();
        }
    }

    @Test
    void aSingleTrapRateCanBeRaised() throws IOException {
        PracticeGenerator.generate(GeneratorOptions.of(300, 5, tmp)
                .withRates(TrapRates.defaults().with(Trap.NOTE_OVER_32KB, 0.5)));
        LoadedDataset ds = new LoadedDataset(tmp);
        double share = (double) ds.listed("NOTE_OVER_32KB").size() / ds.of("clinical-notes").size();
        assertThat(share).isBetween(0.4, 0.6);
        assertThat(ds.listed("NOTE_OVER_32KB")).isEqualTo(TrapPredicates.all().get(Trap.NOTE_OVER_32KB).apply(ds));
    }
}
