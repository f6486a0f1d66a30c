package dev.ferry.sim.dentes.datagen;

import dev.ferry.sim.dentes.datagen.model.TrapRates;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param patients number of patients; every other resource scales from it
 * @param seed     seed of all randomness: same seed and options give a byte-identical dataset
 * @param out      folder to write (created; existing resource files are overwritten)
 * @param rates    trap rates
 * @param asOf     the practice's "now" (manifest generated_at); null derives it from the seed
 * @param name     dataset name; null derives it from size and seed
 */
public record GeneratorOptions(int patients, long seed, Path out, TrapRates rates, OffsetDateTime asOf, String name) {

    /** The first possible derived "now"; the seed moves it forward by up to 179 days. */
    static final OffsetDateTime AS_OF_BASE = OffsetDateTime.of(2025, 6, 2, 18, 0, 0, 0, ZoneOffset.ofHours(3));

    public GeneratorOptions {
        if (patients < 0) {
            throw new IllegalArgumentException("patients must be >= 0");
        }
        Objects.requireNonNull(out, "out");
        rates = rates == null ? TrapRates.defaults() : rates;
        asOf = asOf == null ? AS_OF_BASE.plusDays(Math.floorMod(seed, 180)) : asOf.withNano(0);
        name = name == null ? "practice-" + patients + "-seed-" + seed : name;
    }

    public static GeneratorOptions of(int patients, long seed, Path out) {
        return new GeneratorOptions(patients, seed, out, null, null, null);
    }

    public GeneratorOptions withRates(TrapRates newRates) {
        return new GeneratorOptions(patients, seed, out, newRates, asOf, name);
    }
}
