package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.clock.SimClock;
import dev.ferry.sim.freshsales.config.SettingsHolder;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.AccountSetup;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import dev.ferry.sim.freshsales.store.RecordMeta;
import dev.ferry.sim.freshsales.store.RecordStore;
import dev.ferry.sim.freshsales.store.ValueIndex;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/** Create, read, update, delete, forget, upsert and listing of records of every module. */
@ApplicationScoped
public class RecordService {

    /** Result of an upsert or bulk item. */
    public record Upserted(ObjectNode doc, boolean created) {
    }

    /** One page of a listing. */
    public record Page(List<ObjectNode> docs, int total, int totalPages) {
    }

    /** Sort order of a listing: by "id" (creation order), "created_at", "updated_at" or any field name. */
    public record Sort(String field, boolean ascending) {
        public static final Sort DEFAULT = new Sort("id", true);

        /** Parses sort / sort_type; without a field the order is creation order, without a type ascending. */
        public static Sort of(String field, String type) {
            String f = field == null || field.isBlank() ? "id" : field;
            return new Sort(f, type == null || !"desc".equalsIgnoreCase(type));
        }
    }

    private final RecordStore store;
    private final AccountSetup setup;
    private final SettingsHolder settings;
    private final SimClock clock;

    @Inject
    public RecordService(RecordStore store, AccountSetup setup, SettingsHolder settings, SimClock clock) {
        this.store = store;
        this.setup = setup;
        this.settings = settings;
        this.clock = clock;
    }

    public Renderer renderer() {
        SimSettings s = settings.get();
        return new Renderer(setup, store, ZoneOffset.of(s.accountUtcOffset), s.classicMode);
    }

    // ---------------------------------------------------------------- writes

    public ObjectNode create(ModuleDef m, ObjectNode input) {
        return store.write(() -> createLocked(m, input));
    }

    ObjectNode createLocked(ModuleDef m, ObjectNode input) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("id", store.nextId());
        validator().apply(m, doc, input, true, setup.apiUserId());
        commit(m, null, doc);
        return doc;
    }

    public ObjectNode update(ModuleDef m, long id, ObjectNode input) {
        return store.write(() -> updateLocked(m, id, input));
    }

    ObjectNode updateLocked(ModuleDef m, long id, ObjectNode input) {
        ObjectNode before = find(m, id);
        if (before == null || before.path("is_deleted").asBoolean()) {
            throw ApiException.notFound();
        }
        ObjectNode after = before.deepCopy();
        validator().apply(m, after, input, false, setup.apiUserId());
        commit(m, before, after);
        return after;
    }

    /** DELETE: to the recycle bin for modules that have one, otherwise gone. */
    public void delete(ModuleDef m, long id) {
        store.write(() -> {
            ObjectNode before = find(m, id);
            if (before == null || before.path("is_deleted").asBoolean()) {
                throw ApiException.notFound();
            }
            if (m.softDelete()) {
                ObjectNode after = before.deepCopy();
                after.put("is_deleted", true);
                after.put("updated_at", clock.nowMillis());
                commit(m, before, after);
            } else {
                forgetLocked(m, before);
            }
            return null;
        });
    }

    /** PUT .../restore (products): back from the recycle bin. */
    public ObjectNode restore(ModuleDef m, long id) {
        return store.write(() -> {
            ObjectNode before = find(m, id);
            if (before == null) {
                throw ApiException.notFound();
            }
            ObjectNode after = before.deepCopy();
            after.remove("is_deleted");
            after.put("updated_at", clock.nowMillis());
            commit(m, before, after);
            return after;
        });
    }

    /** DELETE .../forget: removed for good, from the recycle bin too. */
    public void forget(ModuleDef m, long id) {
        store.write(() -> {
            ObjectNode before = find(m, id);
            if (before == null) {
                throw ApiException.notFound();
            }
            forgetLocked(m, before);
            return null;
        });
    }

    private void forgetLocked(ModuleDef m, ObjectNode before) {
        ModuleTable t = table(m);
        t.forget(before.path("id").asLong(), IndexKeys.of(t.indexedFields(), before));
    }

    /** bulk_destroy: soft-deletes the listed ids that exist; unknown ids are skipped. Returns the count deleted. */
    public int bulkDestroy(ModuleDef m, Collection<Long> ids, boolean deleteAssociated) {
        return store.write(() -> {
            int n = 0;
            for (long id : ids) {
                ObjectNode before = find(m, id);
                if (before == null || before.path("is_deleted").asBoolean()) {
                    continue;
                }
                ObjectNode after = before.deepCopy();
                after.put("is_deleted", true);
                after.put("updated_at", clock.nowMillis());
                commit(m, before, after);
                n++;
                if (deleteAssociated && m.name().equals("sales_accounts")) {
                    deleteLinked(id);
                }
            }
            return n;
        });
    }

    private void deleteLinked(long accountId) {
        for (String module : List.of("contacts", "deals")) {
            ModuleDef dm = setup.modules().get(module);
            ModuleTable t = table(dm);
            for (int s = 0; s < t.slots(); s++) {
                if (t.isForgotten(s) || t.isDeleted(s)) {
                    continue;
                }
                ObjectNode d = RecordCodec.decode(t.bytesAt(s));
                boolean linked = d.path("sales_account_id").asLong() == accountId;
                for (JsonNode l : d.path("sales_accounts")) {
                    linked |= l.path("id").asLong() == accountId;
                }
                if (linked) {
                    ObjectNode after = d.deepCopy();
                    after.put("is_deleted", true);
                    commit(dm, d, after);
                }
            }
        }
    }

    /**
     * Upsert by one identifier: the first live record whose field equals the value is updated, else a record
     * is created with the identifier applied. More than one match is a 400.
     */
    public Upserted upsert(ModuleDef m, String field, JsonNode value, ObjectNode input) {
        ensureIndex(m, field);
        return store.write(() -> upsertLocked(m, field, value, input));
    }

    Upserted upsertLocked(ModuleDef m, String field, JsonNode value, ObjectNode input) {
        if ("id".equals(field)) {
            Long id = RecordValidator.id(value);
            if (id == null) {
                throw ApiException.badRequest("type.invalid", "id");
            }
            return new Upserted(updateLocked(m, id, input), false);
        }
        String key = value.isArray() ? value.path(0).asText() : value.asText();
        if (key.isBlank()) {
            throw ApiException.badRequest("field.blank", field);
        }
        List<Long> matches = matchesLocked(m, field, key, settings.get().upsertMatchesDeleted);
        if (matches.size() > 1) {
            throw ApiException.badRequest("upsert.ambiguous", field);
        }
        if (matches.isEmpty()) {
            ObjectNode withKey = input.deepCopy();
            applyIdentifier(withKey, field, value);
            return new Upserted(createLocked(m, withKey), true);
        }
        long id = matches.get(0);
        ObjectNode existing = find(m, id);
        if (existing.path("is_deleted").asBoolean()) {
            ObjectNode revived = existing.deepCopy();
            revived.remove("is_deleted");
            commit(m, existing, revived);
        }
        return new Upserted(updateLocked(m, id, input), false);
    }

    private static void applyIdentifier(ObjectNode input, String field, JsonNode value) {
        if (field.startsWith("cf_")) {
            ObjectNode cf = input.has("custom_field") && input.get("custom_field").isObject()
                    ? (ObjectNode) input.get("custom_field") : input.putObject("custom_field");
            if (!cf.has(field)) {
                cf.set(field, value);
            }
        } else if ("emails".equals(field) || "email".equals(field)) {
            if (!input.has("emails") && !input.has("email")) {
                input.set("emails", value);
            }
        } else if (!input.has(field)) {
            input.set(field, value);
        }
    }

    /** Ids of records whose field equals the value (e-mails and names case-insensitively). Caller holds a lock. */
    public List<Long> matchesLocked(ModuleDef m, String field, String value, boolean includeDeleted) {
        String f = "emails".equals(field) ? "email" : field;
        ModuleTable t = table(m);
        ValueIndex idx = t.existingIndex(f);
        if (idx == null) {
            throw new IllegalStateException("index missing for " + m.name() + "." + f);
        }
        String key = IndexKeys.normalize(f, value);
        List<Long> out = new ArrayList<>();
        for (long id : idx.candidates(key)) {
            int slot = t.slotOf(id);
            if (slot < 0 || (!includeDeleted && t.isDeleted(slot))) {
                continue;
            }
            if (IndexKeys.of(f, RecordCodec.decode(t.bytesAt(slot))).contains(key)) {
                out.add(id);
            }
        }
        out.sort(Long::compare);
        return out;
    }

    /** Makes sure a value index exists for the field (built under the write lock on first use). */
    public void ensureIndex(ModuleDef m, String field) {
        String f = "emails".equals(field) ? "email" : field;
        ModuleTable t = store.table(m.name());
        if (!t.hasIndex(f)) {
            store.write(() -> t.index(f, IndexKeys.extractor(f)));
        }
    }

    // ---------------------------------------------------------------- reads

    public ObjectNode get(ModuleDef m, long id) {
        ObjectNode doc = store.read(() -> find(m, id));
        if (doc == null) {
            throw ApiException.notFound();
        }
        return doc;
    }

    /** A stored record (recycle bin included), or null. Caller holds a lock. */
    public ObjectNode find(ModuleDef m, long id) {
        ModuleTable t = store.table(m.name());
        int slot = t.slotOf(id);
        return slot < 0 ? null : RecordCodec.decode(t.bytesAt(slot));
    }

    /** Lists the slots accepted by the filter, sorted and paged. */
    public Page list(ModuleDef m, IntPredicate filter, Sort sort, int page, int perPage) {
        return store.read(() -> {
            ModuleTable t = store.table(m.name());
            IntArrayList slots = new IntArrayList();
            for (int s = 0; s < t.slots(); s++) {
                if (!t.isForgotten(s) && filter.test(s)) {
                    slots.add(s);
                }
            }
            int[] order = sorted(t, slots.toIntArray(), sort);
            int total = order.length;
            int totalPages = (total + perPage - 1) / perPage;
            List<ObjectNode> docs = new ArrayList<>();
            int from = (page - 1) * perPage;
            for (int i = from; i < Math.min(total, from + perPage); i++) {
                docs.add(RecordCodec.decode(t.bytesAt(order[i])));
            }
            return new Page(docs, total, totalPages);
        });
    }

    /** Same as {@link #list} for an explicit candidate list of decoded records. */
    public static Page pageOf(List<ObjectNode> docs, Sort sort, int page, int perPage) {
        List<ObjectNode> sorted = new ArrayList<>(docs);
        java.util.Comparator<ObjectNode> cmp = switch (sort.field()) {
            case "id" -> java.util.Comparator.comparingLong(d -> d.path("id").asLong());
            case "created_at", "updated_at" -> java.util.Comparator.<ObjectNode>comparingLong(d -> d.path(sort.field()).asLong())
                    .thenComparingLong(d -> d.path("id").asLong());
            default -> java.util.Comparator.<ObjectNode, String>comparing(d -> sortKey(d, sort.field()))
                    .thenComparingLong(d -> d.path("id").asLong());
        };
        sorted.sort(sort.ascending() ? cmp : cmp.reversed());
        int total = sorted.size();
        int from = Math.min(total, (page - 1) * perPage);
        return new Page(sorted.subList(from, Math.min(total, from + perPage)), total, (total + perPage - 1) / perPage);
    }

    private static String sortKey(ObjectNode d, String field) {
        JsonNode v = field.startsWith("cf_") ? d.path("custom_field").path(field) : d.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText().toLowerCase(Locale.ROOT);
    }

    private static int[] sorted(ModuleTable t, int[] slots, Sort sort) {
        switch (sort.field()) {
            case "id" -> {
                if (!sort.ascending()) {
                    IntArrays.reverse(slots);
                }
                return slots;
            }
            case "created_at", "updated_at" -> {
                boolean created = "created_at".equals(sort.field());
                int sign = sort.ascending() ? 1 : -1;
                IntArrays.quickSort(slots, (a, b) -> {
                    int c = Long.compare(created ? t.createdAt(a) : t.updatedAt(a), created ? t.createdAt(b) : t.updatedAt(b));
                    return sign * (c != 0 ? c : Integer.compare(a, b));
                });
                return slots;
            }
            default -> {
                String[] keys = new String[t.slots()];
                for (int s : slots) {
                    keys[s] = sortKey(RecordCodec.decode(t.bytesAt(s)), sort.field());
                }
                int sign = sort.ascending() ? 1 : -1;
                IntArrays.quickSort(slots, (a, b) -> {
                    int c = keys[a].compareTo(keys[b]);
                    return sign * (c != 0 ? c : Integer.compare(a, b));
                });
                return slots;
            }
        }
    }

    // ---------------------------------------------------------------- internals

    private RecordValidator validator() {
        return new RecordValidator(setup, store, settings.get(), clock);
    }

    /** The module's table with its always-on indexes. Caller holds the write lock. */
    ModuleTable table(ModuleDef m) {
        ModuleTable t = store.table(m.name());
        for (String f : IndexKeys.eager(m.name())) {
            if (!t.hasIndex(f)) {
                t.index(f, IndexKeys.extractor(f));
            }
        }
        return t;
    }

    private void commit(ModuleDef m, ObjectNode before, ObjectNode after) {
        ModuleTable t = table(m);
        Set<String> fields = t.indexedFields();
        t.put(after.path("id").asLong(), RecordCodec.encode(after), meta(m, after),
                before == null ? java.util.Map.of() : IndexKeys.of(fields, before), IndexKeys.of(fields, after));
    }

    private RecordMeta meta(ModuleDef m, ObjectNode doc) {
        byte parentType = 0;
        if (doc.hasNonNull("targetable_type")) {
            ModuleDef p = setup.modules().byTargetableType(doc.get("targetable_type").asText());
            parentType = p == null ? 0 : p.code();
        }
        byte stageKind = 0;
        if (doc.hasNonNull("deal_stage_id")) {
            JsonNode pipe = setup.pipelineOfStage(doc.get("deal_stage_id").asLong());
            if (pipe != null) {
                for (JsonNode st : pipe.path("deal_stages")) {
                    if (st.path("id").asLong() == doc.get("deal_stage_id").asLong()) {
                        String ft = st.path("forecast_type").asText();
                        stageKind = (byte) ("Won".equals(ft) ? 1 : "Lost".equals(ft) ? 2 : 0);
                    }
                }
            }
        }
        return new RecordMeta(doc.path("created_at").asLong(), doc.path("updated_at").asLong(), doc.path("owner_id").asLong(0),
                doc.path("targetable_id").asLong(0), parentType, doc.path("is_deleted").asBoolean(false), stageKind);
    }

    /** Clears every table and builds the always-on indexes. */
    public void resetData() {
        store.clear();
        store.write(() -> {
            for (ModuleDef m : setup.modules().all()) {
                table(m);
            }
            return null;
        });
    }

    /** Creates tables and always-on indexes for modules added by a field catalogue change. */
    public void resetIndexesForNewModules() {
        store.write(() -> {
            for (ModuleDef m : setup.modules().all()) {
                table(m);
            }
            return null;
        });
    }

    public AccountSetup setup() {
        return setup;
    }

    public RecordStore store() {
        return store;
    }

    public SimSettings settings() {
        return settings.get();
    }

    public SimClock clock() {
        return clock;
    }
}
