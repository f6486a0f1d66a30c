package dev.ferry.sim.dentes.datagen.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.records.TrapSink;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Collects which record carries which trap. Entries are spilled to one scratch file per trap as they come, so a
 * million-patient run keeps none of them in memory; {@link #copyInto} streams them into the manifest.
 */
public final class TrapLedger implements TrapSink, Closeable {

    private final Path scratch;
    private final JsonFactory json = new JsonFactory();
    private final EnumMap<Trap, BufferedWriter> files = new EnumMap<>(Trap.class);
    private final EnumMap<Trap, Long> listed = new EnumMap<>(Trap.class);

    public TrapLedger(Path scratch) throws IOException {
        this.scratch = Files.createDirectories(scratch);
        for (Trap t : Trap.values()) {
            files.put(t, Files.newBufferedWriter(scratch.resolve(t.name() + ".jsonl"), StandardCharsets.UTF_8));
            listed.put(t, 0L);
        }
    }

    @Override
    public void planted(Trap trap, String resource, String id, String field, String detail) {
        try {
            StringWriter sw = new StringWriter(96);
            try (JsonGenerator g = json.createGenerator(sw)) {
                g.writeStartObject();
                g.writeStringField("resource", resource);
                g.writeStringField("id", id);
                g.writeStringField("field", field);
                if (detail != null) {
                    g.writeStringField("detail", detail);
                }
                g.writeEndObject();
            }
            BufferedWriter w = files.get(trap);
            w.write(sw.toString());
            w.write('\n');
            listed.merge(trap, 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<Trap, Long> listed() {
        return listed;
    }

    /** Writes {@code "TRAP": [entries...]} for every trap into an open object of the manifest. */
    public void copyInto(JsonGenerator g) throws IOException {
        for (BufferedWriter w : files.values()) {
            w.flush();
        }
        for (Trap t : Trap.values()) {
            g.writeArrayFieldStart(t.name());
            try (BufferedReader r = Files.newBufferedReader(scratch.resolve(t.name() + ".jsonl"), StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    g.writeRawValue(line);
                }
            }
            g.writeEndArray();
        }
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter w : files.values()) {
            w.close();
        }
        for (Trap t : Trap.values()) {
            Files.deleteIfExists(scratch.resolve(t.name() + ".jsonl"));
        }
        Files.deleteIfExists(scratch);
    }
}
