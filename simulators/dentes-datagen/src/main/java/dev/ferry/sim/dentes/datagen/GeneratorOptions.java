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
 * @param namespace keeps several practices apart in one tenant's worth of state: every numbered id is moved by
 *                 {@code namespace * 1,000,000} (P-000001 becomes P-3000001 in namespace 3) and every patient e-mail
 *                 gets the tag {@code +ns<namespace>} before its {@code @}; 0 (the default) changes nothing. The fault
 *                 matrix migrates one practice per row through one stack, and neither ids nor e-mails may meet.
 */
public record GeneratorOptions(int patients, long seed, Path out, TrapRates rates, OffsetDateTime asOf, String name,
        int namespace) {

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
        if (namespace < 0 || namespace > 999) {
            throw new IllegalArgumentException("namespace must be within 0..999");
        }
    }

    public GeneratorOptions(int patients, long seed, Path out, TrapRates rates, OffsetDateTime asOf, String name) {
        this(patients, seed, out, rates, asOf, name, 0);
    }

    public static GeneratorOptions of(int patients, long seed, Path out) {
        return new GeneratorOptions(patients, seed, out, null, null, null);
    }

    public GeneratorOptions withRates(TrapRates newRates) {
        return new GeneratorOptions(patients, seed, out, newRates, asOf, name, namespace);
    }

    /** The same practice moved into {@code n}'s ids and e-mails (see {@code namespace}). */
    public GeneratorOptions inNamespace(int n) {
        return new GeneratorOptions(patients, seed, out, rates, asOf, name, n);
    }

    /** The first number of every id sequence. */
    public long idBase() {
        return namespace * 1_000_000L;
    }

    /** {@code email} with this namespace's tag before its first {@code @} (appended when there is none). */
    public String tagEmail(String email) {
        if (email == null || namespace == 0) {
            return email;
        }
        String tag = "+ns" + namespace;
        int at = email.indexOf('@');
        return at < 0 ? email + tag : email.substring(0, at) + tag + email.substring(at);
    }
}
