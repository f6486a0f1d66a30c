package dev.ferry.sim.dentes.datagen.records;

import dev.ferry.sim.dentes.datagen.model.Trap;

/** Receives the traps a factory plants, one call per affected record and field. */
@FunctionalInterface
public interface TrapSink {

    /** A sink that forgets (the sandbox's mutations do not keep a manifest). */
    TrapSink NONE = (trap, resource, id, field, detail) -> { };

    void planted(Trap trap, String resource, String id, String field, String detail);
}
