package dev.ferry.sim.dentes.datagen.records;

import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.model.TrapRates;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Decides, eligible record by eligible record, whether a trap fires: Bernoulli at the trap's rate, except that a
 * trap with a positive rate that has not fired after {@code ceil(1/rate)} eligible records fires then, so every
 * configured trap is present in any dataset with that many eligible records.
 */
public final class TrapDice {

    private final Random random;
    private final TrapRates rates;
    private final EnumMap<Trap, long[]> counts = new EnumMap<>(Trap.class);

    public TrapDice(Random random, TrapRates rates) {
        this.random = random;
        this.rates = rates;
        for (Trap t : Trap.values()) {
            counts.put(t, new long[2]);
        }
    }

    public boolean roll(Trap trap) {
        long[] c = counts.get(trap);
        c[0]++;
        double rate = rates.rate(trap);
        if (rate <= 0) {
            return false;
        }
        boolean hit = random.nextDouble() < rate;
        if (!hit && c[1] == 0 && c[0] >= Math.ceil(1.0 / rate)) {
            hit = true;
        }
        if (hit) {
            c[1]++;
        }
        return hit;
    }

    public TrapRates rates() {
        return rates;
    }

    public long eligible(Trap trap) {
        return counts.get(trap)[0];
    }

    public long fired(Trap trap) {
        return counts.get(trap)[1];
    }

    public Map<Trap, long[]> snapshot() {
        EnumMap<Trap, long[]> copy = new EnumMap<>(Trap.class);
        counts.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
