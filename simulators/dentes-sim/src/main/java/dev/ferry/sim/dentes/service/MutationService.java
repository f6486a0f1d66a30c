package dev.ferry.sim.dentes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import dev.ferry.sim.dentes.datagen.model.TrapRates;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import dev.ferry.sim.dentes.datagen.records.IdScheme;
import dev.ferry.sim.dentes.datagen.records.ModuleDef;
import dev.ferry.sim.dentes.datagen.records.PracticeContext;
import dev.ferry.sim.dentes.datagen.records.RecordFactory;
import dev.ferry.sim.dentes.datagen.records.Times;
import dev.ferry.sim.dentes.datagen.records.TrapDice;
import dev.ferry.sim.dentes.datagen.records.TrapSink;
import dev.ferry.sim.dentes.datagen.realism.Distributions;
import dev.ferry.sim.dentes.store.PracticeStore;
import dev.ferry.sim.dentes.store.ResourceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.datafaker.Faker;

/**
 * Imitates a practice still at work during cutover: creates, modifies and soft-deletes records with updated_at set
 * to the sandbox clock's now, and reports the ids touched per resource and operation.
 *
 * <p>Request body: {@code {"seed":1, "create":{"patients":5}, "modify":{"patients":10}, "delete":{"patients":2},
 * "upsert":{"patients":[{...}]}, "delete_ids":{"patients":["P-000001"]}}}, applied in that order. Modified and
 * deleted records are picked among live records that existed before the request. Deleting a patient does not cascade
 * (its appointments keep pointing at it, as in a real practice).
 */
@ApplicationScoped
public class MutationService {

    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong batches = new AtomicLong();

    @Inject
    PracticeService practice;

    @Inject
    SimClock clock;

    /** Thrown for a request that cannot be applied (unknown resource, nothing to attach a record to...). */
    public static final class MutationRejected extends RuntimeException {
        public MutationRejected(String message) {
            super(message);
        }
    }

    public ObjectNode apply(JsonNode body) throws IOException {
        if (body == null || !body.isObject()) {
            throw new MutationRejected("the body must be a JSON object");
        }
        long seed = body.has("seed") ? body.path("seed").asLong() : batches.get();
        batches.incrementAndGet();
        OffsetDateTime now = Times.inTenantZone(clock.now());
        return practice.write(store -> new Batch(store, new Random(seed), now).run(body));
    }

    /** One mutation request against a locked store. */
    private final class Batch {
        private final PracticeStore store;
        private final Random random;
        private final OffsetDateTime now;
        private final long nowMillis;
        private final RecordFactory factory;
        private final PracticeContext ctx;
        private final Set<String> touched = new HashSet<>();
        private final ObjectNode result = mapper.createObjectNode();

        Batch(PracticeStore store, Random random, OffsetDateTime now) {
            this.store = store;
            this.random = random;
            this.now = now;
            this.nowMillis = now.toInstant().toEpochMilli();
            this.ctx = new PracticeContext(random, new Faker(Locale.forLanguageTag("tr"), random),
                    new TrapDice(random, TrapRates.defaults()), TrapSink.NONE, now);
            this.factory = new RecordFactory(ctx);
            describePractice();
        }

        ObjectNode run(JsonNode body) throws IOException {
            result.put("at", Times.iso(now));
            ObjectNode created = result.putObject("created");
            ObjectNode modified = result.putObject("modified");
            ObjectNode deleted = result.putObject("deleted");
            ObjectNode upserted = result.putObject("upserted");
            ObjectNode notFound = result.putObject("not_found");
            for (Map.Entry<String, JsonNode> e : entries(body.path("create"))) {
                List<String> ids = create(e.getKey(), count(e));
                ids.forEach(created.withArray(e.getKey())::add);
            }
            for (Map.Entry<String, JsonNode> e : entries(body.path("modify"))) {
                List<String> ids = modify(e.getKey(), count(e));
                ids.forEach(modified.withArray(e.getKey())::add);
            }
            for (Map.Entry<String, JsonNode> e : entries(body.path("delete"))) {
                List<String> ids = delete(e.getKey(), pickLive(e.getKey(), count(e)));
                ids.forEach(deleted.withArray(e.getKey())::add);
            }
            for (Map.Entry<String, JsonNode> e : entries(body.path("upsert"))) {
                if (!e.getValue().isArray()) {
                    throw new MutationRejected("upsert." + e.getKey() + " must be an array of records");
                }
                upsert(e.getKey(), e.getValue()).forEach(upserted.withArray(e.getKey())::add);
            }
            for (Map.Entry<String, JsonNode> e : entries(body.path("delete_ids"))) {
                ResourceStore rs = existing(e.getKey());
                List<String> found = new ArrayList<>();
                for (JsonNode id : e.getValue()) {
                    int slot = rs.slotOf(id.asText());
                    if (slot < 0 || rs.isDeleted(slot)) {
                        notFound.withArray(e.getKey()).add(id.asText());
                    } else {
                        found.add(id.asText());
                    }
                }
                delete(e.getKey(), found).forEach(deleted.withArray(e.getKey())::add);
            }
            return result;
        }

        private List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
            List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
            if (node.isMissingNode() || node.isNull()) {
                return list;
            }
            if (!node.isObject()) {
                throw new MutationRejected("create, modify, delete, upsert and delete_ids take an object keyed by resource");
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            it.forEachRemaining(list::add);
            return list;
        }

        private int count(Map.Entry<String, JsonNode> e) {
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0 || e.getValue().asInt() > 100_000) {
                throw new MutationRejected(e.getKey() + ": count must be an integer in [0, 100000]");
            }
            return e.getValue().asInt();
        }

        private ResourceStore existing(String resource) {
            return store.resource(resource).orElseThrow(() -> new MutationRejected("unknown resource: " + resource));
        }

        // ------------------------------------------------------------ create

        private List<String> create(String resource, int n) throws IOException {
            ModuleDef module = null;
            if (DatasetLayout.moduleKeyOf(resource).isPresent()) {
                String key = DatasetLayout.moduleKeyOf(resource).get();
                module = ctx.modules().stream().filter(m -> m.key().equals(key)).findFirst()
                        .orElseThrow(() -> new MutationRejected("no custom module with key " + key));
            } else if (!DatasetLayout.TOP_LEVEL_RESOURCES.contains(resource)) {
                throw new MutationRejected("unknown resource: " + resource);
            }
            ResourceStore rs = store.resourceOrCreate(resource);
            List<ResourceStore.Version> versions = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            long next = rs.size() + 1;
            for (int i = 0; i < n; i++) {
                String id;
                do {
                    id = IdScheme.format(resource, next++);
                } while (rs.slotOf(id) >= 0 || touched.contains(resource + "|" + id));
                ObjectNode record = build(resource, id, module);
                record.put("created_at", Times.iso(now));
                record.put("updated_at", Times.iso(now));
                versions.add(version(record));
                ids.add(id);
                touched.add(resource + "|" + id);
            }
            rs.apply(versions);
            return ids;
        }

        private ObjectNode build(String resource, String id, ModuleDef module) throws IOException {
            switch (resource) {
                case "patients" -> {
                    requireSetUp();
                    boolean lead = random.nextInt(4) == 0;
                    OffsetDateTime first = lead ? null : Distributions.duringOpeningHours(random, now.plusDays(1 + random.nextInt(14)));
                    return factory.patient(id, now, now, first, factory.randomTreatmentType());
                }
                case "treatment-cases" -> {
                    requireSetUp();
                    return factory.treatmentCase(id, livePatient(), factory.randomTreatmentType(), now);
                }
                case "billing-records" -> {
                    List<String> cases = pickLiveFrom("treatment-cases", 1, Set.of());
                    if (cases.isEmpty()) {
                        throw new MutationRejected("no live treatment case to bill");
                    }
                    return factory.billing(id, read("treatment-cases", cases.get(0)));
                }
                case "appointments" -> {
                    requireSetUp();
                    return factory.appointment(id, livePatient(), null,
                            Distributions.duringOpeningHours(random, now.plusDays(1 + random.nextInt(30))), now);
                }
                case "clinical-notes" -> {
                    requireSetUp();
                    return factory.clinicalNote(id, livePatient(), null, now);
                }
                case "recalls" -> {
                    requireSetUp();
                    return factory.recall(id, livePatient(), null, now);
                }
                case "attachments" -> {
                    RecordFactory.Attachment a = factory.attachment(id, "PATIENT", livePatient(), now);
                    store.writeAttachment(id, a.content());
                    return a.record();
                }
                case "practitioners" -> {
                    requireSetUp();
                    String role = Distributions.pick(random, new String[] {"DENTIST", "HYGIENIST", "ASSISTANT", "RECEPTIONIST"});
                    return factory.practitioner(id, role, List.of(ctx.branches().get(0).id()), true, now, now);
                }
                case "clinics" -> {
                    Places.City city = ctx.branches().isEmpty() ? Places.CLINIC_CITIES.get(0) : ctx.branches().get(0).city();
                    ObjectNode c = factory.clinic(id, rootClinic(), "Yeni Şube", city, now, now);
                    c.put("name", "Yeni Şube " + c.path("address").path("district").asText());
                    return c;
                }
                case "products" -> {
                    return factory.product(id, Distributions.pick(random, TreatmentCatalogue.ITEMS), now, now);
                }
                case "custom-modules" -> {
                    String key = "custom-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                    ModuleDef def = new ModuleDef(id, key, "Özel modül " + id, ModuleDef.MANY_PER_PATIENT, List.of(
                            new ModuleDef.Field("note", "Not", "TEXT", List.of()),
                            new ModuleDef.Field("score", "Puan", "NUMBER", List.of())));
                    store.resourceOrCreate(def.recordsResource());
                    ctx.addModule(def);
                    return factory.customModule(def, now, now);
                }
                case "workflows" -> {
                    return factory.workflow(id, random.nextInt(8), now, now);
                }
                case "integrations" -> {
                    return factory.integration(id, random.nextInt(7), now, now);
                }
                default -> {
                    return factory.moduleRecord(id, module, livePatient(), null, now);
                }
            }
        }

        private void requireSetUp() {
            if (ctx.branches().isEmpty() || !ctx.hasStaff()) {
                throw new MutationRejected("the practice needs a live clinic and practitioner to attach new records to");
            }
        }

        private String livePatient() {
            List<String> p = pickLiveFrom("patients", 1, Set.of());
            if (p.isEmpty()) {
                throw new MutationRejected("the practice has no live patient to attach new records to");
            }
            return p.get(0);
        }

        private String rootClinic() {
            ResourceStore clinics = store.resource("clinics").orElseThrow();
            for (int pos = 0; pos < clinics.size(); pos++) {
                if (!clinics.isDeletedAt(pos)) {
                    JsonNode c = readSlot(clinics, clinics.slotAt(pos));
                    if (c.path("parent_clinic_id").isNull() || c.path("parent_clinic_id").isMissingNode()) {
                        return c.path("id").asText();
                    }
                }
            }
            return null;
        }

        // ------------------------------------------------------------ modify, delete, upsert

        private List<String> modify(String resource, int n) throws IOException {
            ResourceStore rs = existing(resource);
            List<String> ids = pickLive(resource, n);
            List<ResourceStore.Version> versions = new ArrayList<>();
            for (String id : ids) {
                ObjectNode r = read(resource, id);
                RecordModifier.modify(resource, r, random, now);
                r.put("updated_at", Times.iso(now));
                versions.add(version(r));
                touched.add(resource + "|" + id);
            }
            rs.apply(versions);
            return ids;
        }

        private List<String> delete(String resource, List<String> ids) throws IOException {
            ResourceStore rs = existing(resource);
            List<ResourceStore.Version> versions = new ArrayList<>();
            for (String id : ids) {
                ObjectNode r = read(resource, id);
                r.put("updated_at", Times.iso(now));
                r.put("deleted", true);
                versions.add(version(r));
                touched.add(resource + "|" + id);
            }
            rs.apply(versions);
            return ids;
        }

        private List<String> upsert(String resource, JsonNode records) throws IOException {
            if (!DatasetLayout.TOP_LEVEL_RESOURCES.contains(resource) && store.resource(resource).isEmpty()) {
                throw new MutationRejected("unknown resource: " + resource);
            }
            ResourceStore rs = store.resourceOrCreate(resource);
            List<ResourceStore.Version> versions = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (JsonNode rec : records) {
                if (!rec.isObject() || !rec.path("id").isTextual() || rec.path("id").asText().isBlank()) {
                    throw new MutationRejected("upsert." + resource + ": every record needs a string id");
                }
                ObjectNode r = ((ObjectNode) rec).deepCopy();
                String id = r.path("id").asText();
                if (!r.hasNonNull("created_at")) {
                    int slot = rs.slotOf(id);
                    r.put("created_at", slot >= 0 ? readSlot(rs, slot).path("created_at").asText(Times.iso(now)) : Times.iso(now));
                }
                r.put("updated_at", Times.iso(now));
                versions.add(version(r));
                ids.add(id);
            }
            rs.apply(versions);
            return ids;
        }

        private List<String> pickLive(String resource, int n) {
            existing(resource);
            return pickLiveFrom(resource, n, touched);
        }

        /** Up to n distinct live records not touched by this request, drawn at random. */
        private List<String> pickLiveFrom(String resource, int n, Set<String> exclude) {
            ResourceStore rs = store.resource(resource).orElse(null);
            List<String> picked = new ArrayList<>();
            if (rs == null || rs.size() == 0 || n == 0) {
                return picked;
            }
            Set<String> chosen = new HashSet<>();
            int attempts = 0;
            while (picked.size() < n && attempts < 20 * n + 20) {
                attempts++;
                int pos = random.nextInt(rs.size());
                String id = rs.idAt(pos);
                if (!rs.isDeletedAt(pos) && !exclude.contains(resource + "|" + id) && chosen.add(id)) {
                    picked.add(id);
                }
            }
            int start = random.nextInt(rs.size());
            for (int k = 0; k < rs.size() && picked.size() < n; k++) {
                int pos = (start + k) % rs.size();
                String id = rs.idAt(pos);
                if (!rs.isDeletedAt(pos) && !exclude.contains(resource + "|" + id) && chosen.add(id)) {
                    picked.add(id);
                }
            }
            return picked;
        }

        private ObjectNode read(String resource, String id) {
            ResourceStore rs = existing(resource);
            return readSlot(rs, rs.slotOf(id));
        }

        private ObjectNode readSlot(ResourceStore rs, int slot) {
            try {
                return (ObjectNode) mapper.readTree(rs.line(slot));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private ResourceStore.Version version(ObjectNode record) throws IOException {
            return new ResourceStore.Version(record.path("id").asText(), nowMillis,
                    record.path("deleted").asBoolean(false), mapper.writeValueAsBytes(record));
        }

        /** Feeds the record factory with the practice's live clinics, staff, catalogue and modules. */
        private void describePractice() {
            Map<String, Places.City> cities = new LinkedHashMap<>();
            Places.CLINIC_CITIES.forEach(c -> cities.put(c.name(), c));
            eachLive("clinics", c -> {
                if (!c.path("parent_clinic_id").isNull() && !c.path("parent_clinic_id").isMissingNode()) {
                    ctx.addBranch(c.path("id").asText(), cities.getOrDefault(c.path("address").path("city").asText(),
                            Places.CLINIC_CITIES.get(0)));
                }
            });
            if (ctx.branches().isEmpty()) {
                eachLive("clinics", c -> ctx.addBranch(c.path("id").asText(), Places.CLINIC_CITIES.get(0)));
            }
            eachLive("practitioners", p -> ctx.addStaff(p.path("id").asText(), p.path("role").asText("DENTIST")));
            Map<String, TreatmentCatalogue.Item> catalogue = new LinkedHashMap<>();
            TreatmentCatalogue.ITEMS.forEach(i -> catalogue.put(i.code(), i));
            eachLive("products", p -> {
                TreatmentCatalogue.Item item = catalogue.get(p.path("code").asText());
                if (item != null) {
                    ctx.addProduct(p.path("id").asText(), item);
                }
            });
            eachLive("custom-modules", m -> ctx.addModule(ModuleDef.fromJson(m)));
        }

        private void eachLive(String resource, java.util.function.Consumer<JsonNode> action) {
            store.resource(resource).ifPresent(rs -> {
                for (int pos = 0; pos < rs.size(); pos++) {
                    if (!rs.isDeletedAt(pos)) {
                        action.accept(readSlot(rs, rs.slotAt(pos)));
                    }
                }
            });
        }
    }
}
