package dev.ferry.sim.dentes.datagen.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The rate of every trap: defaults, optionally replaced by one global rate, then by per-trap overrides. */
public final class TrapRates {

    private final EnumMap<Trap, Double> rates = new EnumMap<>(Trap.class);

    private TrapRates() {
    }

    public static TrapRates defaults() {
        TrapRates r = new TrapRates();
        for (Trap t : Trap.values()) {
            r.rates.put(t, t.defaultRate());
        }
        return r;
    }

    /** Every trap at the same rate. */
    public static TrapRates uniform(double rate) {
        TrapRates r = new TrapRates();
        for (Trap t : Trap.values()) {
            r.rates.put(t, check(t, rate));
        }
        return r;
    }

    public TrapRates with(Trap trap, double rate) {
        TrapRates r = new TrapRates();
        r.rates.putAll(rates);
        r.rates.put(trap, check(trap, rate));
        return r;
    }

    public double rate(Trap trap) {
        return rates.get(trap);
    }

    public Map<Trap, Double> asMap() {
        return Collections.unmodifiableMap(rates);
    }

    private static double check(Trap trap, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("rate of " + trap + " must be within [0, 1], got " + rate);
        }
        return rate;
    }
}
