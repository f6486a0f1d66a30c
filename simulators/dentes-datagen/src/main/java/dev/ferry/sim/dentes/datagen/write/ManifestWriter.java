package dev.ferry.sim.dentes.datagen.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sim.dentes.datagen.GenerationSummary;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.records.Times;
import dev.ferry.sim.dentes.datagen.records.TrapDice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code manifest.json}: name, generated_at, seed, size, counts per resource, soft-deleted counts, trap rates
 * and statistics, then every trap entry (streamed from the ledger's scratch files, last because it is the big part).
 */
public final class ManifestWriter {

    private final ObjectMapper mapper;

    public ManifestWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(Path file, GenerationSummary summary, TrapDice dice, TrapLedger ledger) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("name", summary.options().name());
            g.writeStringField("generated_at", Times.iso(summary.options().asOf()));
            g.writeNumberField("seed", summary.options().seed());
            g.writeNumberField("patients", summary.options().patients());
            g.writeStringField("generator", "ferry-dentes-datagen");
            writeCounts(g, "counts", summary.counts());
            writeCounts(g, "deleted_counts", summary.deleted());
            g.writeObjectFieldStart("trap_stats");
            for (Trap t : Trap.values()) {
                g.writeObjectFieldStart(t.name());
                g.writeNumberField("rate", summary.options().rates().rate(t));
                g.writeNumberField("eligible", dice.eligible(t));
                g.writeNumberField("fired", dice.fired(t));
                g.writeNumberField("listed", ledger.listed().get(t));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("traps");
            ledger.copyInto(g);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
