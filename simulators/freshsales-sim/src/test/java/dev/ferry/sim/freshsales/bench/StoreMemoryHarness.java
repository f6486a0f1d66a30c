package dev.ferry.sim.freshsales.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.sim.freshsales.config.SettingsHolder;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.AccountSetup;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.service.RecordService;
import dev.ferry.sim.freshsales.store.RecordStore;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads N dental-patient contacts through the record service (validation, e-mail uniqueness, indexes, Smile
 * encoding: the same path as POST /contacts), forces GC and reports the used heap per 100k records.
 * Baseline in the same run: the same stored documents kept as Jackson ObjectNode trees (for the first size only).
 *
 * <p>Run: {@code simulators/freshsales-sim/bench/run-memory.sh 100000 500000 2000000}
 */
public final class StoreMemoryHarness {

    private static final String[] FIRST = {"Ayse", "Jan", "Mehmet", "Sanne", "Emre", "Lotte", "Zeynep", "Daan", "Elif", "Bram"};
    private static final String[] LAST = {"Yilmaz", "de Vries", "Kaya", "Jansen", "Demir", "Bakker", "Celik", "Visser"};
    private static final String[] TREATMENT = {"General", "Orthodontics", "Implantology", "Endodontics", "Prophylaxis"};

    private StoreMemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        boolean baselineDone = false;
        for (int n : sizes) {
            if (!baselineDone) {
                treeBaseline(n);
                baselineDone = true;
            }
            load(n);
        }
    }

    private static ObjectNode contact(int i) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode c = f.objectNode();
        c.put("first_name", FIRST[i % FIRST.length]);
        c.put("last_name", LAST[(i / 7) % LAST.length]);
        c.put("emails", "patient" + i + "@example.org");
        c.put("mobile_number", String.format(Locale.ROOT, "+31 6 %08d", i));
        c.put("owner_id", 71000000001L + (i % 3));
        c.put("city", i % 2 == 0 ? "Utrecht" : "Istanbul");
        ObjectNode cf = c.putObject("custom_field");
        cf.put("cf_dentes_id", "PAT-" + i);
        cf.put("cf_treatment_type", TREATMENT[i % TREATMENT.length]);
        cf.put("cf_insurance_provider", i % 3 == 0 ? "Zilveren Kruis" : "SGK");
        cf.put("cf_recall_interval_months", 6);
        cf.put("cf_date_of_birth", String.format(Locale.ROOT, "19%02d-%02d-%02d", 40 + i % 60, 1 + i % 12, 1 + i % 28));
        cf.put("cf_preferred_language", i % 2 == 0 ? "nl" : "tr");
        cf.put("cf_consent_sms", i % 2 == 0);
        cf.put("cf_consent_email", i % 3 != 0);
        return c;
    }

    private static RecordService service() throws Exception {
        AccountSetup setup;
        try (InputStream in = StoreMemoryHarness.class.getClassLoader().getResourceAsStream("seed/fields.yaml")) {
            setup = new AccountSetup(new YAMLMapper().readTree(in));
        }
        RecordService rs = new RecordService(new RecordStore(), setup, new SettingsHolder(new SimSettings()), System::currentTimeMillis);
        rs.resetData();
        return rs;
    }

    private static void load(int n) throws Exception {
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        RecordService rs = service();
        ModuleDef contacts = rs.setup().modules().get("contacts");
        for (int i = 0; i < n; i++) {
            rs.create(contacts, contact(i));
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        long after = usedAfterGc();
        long bytes = after - before;
        System.out.printf(Locale.ROOT, "compact store: %,d contacts -> %,d MB used, %.1f MB per 100k, %d bytes/record, loaded in %d s%n",
                n, bytes >> 20, bytes / (n / 100_000.0) / (1 << 20), bytes / n, seconds);
        if (rs.store().table("contacts").liveCount() != n) {
            throw new IllegalStateException("lost records");
        }
    }

    private static void treeBaseline(int n) throws Exception {
        long before = usedAfterGc();
        RecordService rs = service();
        ModuleDef contacts = rs.setup().modules().get("contacts");
        List<ObjectNode> trees = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            trees.add(rs.create(contacts, contact(i)));
        }
        rs.resetData();
        long bytes = usedAfterGc() - before;
        System.out.printf(Locale.ROOT, "baseline ObjectNode trees: %,d contacts -> %,d MB used, %.1f MB per 100k, %d bytes/record%n",
                n, bytes >> 20, bytes / (n / 100_000.0) / (1 << 20), bytes / n);
        if (trees.size() != n) {
            throw new IllegalStateException();
        }
        trees.clear();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
