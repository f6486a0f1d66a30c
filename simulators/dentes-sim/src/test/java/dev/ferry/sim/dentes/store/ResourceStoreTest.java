package dev.ferry.sim.dentes.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index against a naive model: random records, random mutation batches, every page compared. */
class ResourceStoreTest {

    @TempDir
    Path tmp;

    record Rec(String id, long updated, boolean deleted) {
        String line() {
            return "{\"id\":\"" + id + "\",\"updated_at\":\"" + java.time.Instant.ofEpochSecond(updated) + "\""
                    + (deleted ? ",\"deleted\":true" : "") + "}";
        }
    }

    @Test
    void pagesMatchANaiveModelThroughMutations() throws Exception {
        Random random = new Random(4);
        TreeMap<String, Rec> model = new TreeMap<>();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            Rec r = new Rec("R-" + random.nextInt(100_000), 1_000 + random.nextInt(50), random.nextInt(10) == 0);
            if (model.putIfAbsent(r.id(), r) == null) {
                file.append(r.line()).append(i % 7 == 0 ? "\r\n" : "\n");
            }
        }
        Path dir = tmp.resolve("ds");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("recalls.jsonl"), file.toString());
        try (PracticeStore store = PracticeStore.load(dir, tmp.resolve("work"))) {
            ResourceStore rs = store.resource("recalls").orElseThrow();
            check(rs, model, random);
            for (int batch = 0; batch < 20; batch++) {
                List<ResourceStore.Version> versions = new ArrayList<>();
                List<String> ids = new ArrayList<>(model.keySet());
                for (int k = 0; k < 1 + random.nextInt(30); k++) {
                    String id = random.nextInt(4) == 0 ? "N-" + random.nextInt(1000) : ids.get(random.nextInt(ids.size()));
                    Rec r = new Rec(id, 1_000 + random.nextInt(80), random.nextInt(5) == 0);
                    model.put(id, r);
                    versions.add(new ResourceStore.Version(id, r.updated() * 1000, r.deleted(),
                            r.line().getBytes(StandardCharsets.UTF_8)));
                }
                rs.apply(versions);
                check(rs, model, random);
            }
        }
    }

    private static void check(ResourceStore rs, TreeMap<String, Rec> model, Random random) throws Exception {
        Comparator<Rec> order = Comparator.comparingLong(Rec::updated).thenComparing(Rec::id);
        for (boolean includeDeleted : new boolean[] {true, false}) {
            long since = 1_000 + random.nextInt(90);
            List<String> expected = model.values().stream().filter(r -> includeDeleted || !r.deleted())
                    .filter(r -> r.updated() >= since).sorted(order).map(Rec::line).toList();
            int perPage = 1 + random.nextInt(40);
            List<String> served = new ArrayList<>();
            for (long page = 1; ; page++) {
                ResourceStore.PageSlice slice = rs.page(since * 1000, includeDeleted, page, perPage);
                assertThat(slice.total()).isEqualTo(expected.size());
                if (slice.slots().isEmpty()) {
                    break;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                rs.writeLines(slice.slots(), out);
                String joined = out.toString(StandardCharsets.UTF_8);
                served.addAll(List.of(joined.split(",(?=\\{)")));
            }
            assertThat(served).isEqualTo(expected);
        }
        assertThat(rs.size()).isEqualTo(model.size());
        for (Rec r : model.values()) {
            int slot = rs.slotOf(r.id());
            assertThat(new String(rs.line(slot), StandardCharsets.UTF_8)).isEqualTo(r.line());
            assertThat(rs.isDeleted(slot)).isEqualTo(r.deleted());
        }
        assertThat(rs.slotOf("nope")).isEqualTo(-1);
    }
}
