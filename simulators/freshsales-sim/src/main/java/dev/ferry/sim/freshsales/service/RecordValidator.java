package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.clock.SimClock;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.AccountSetup;
import dev.ferry.sim.freshsales.model.FieldDef;
import dev.ferry.sim.freshsales.model.FieldKind;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.model.SystemField;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import dev.ferry.sim.freshsales.store.RecordStore;
import dev.ferry.sim.freshsales.store.ValueIndex;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies one create or partial update to a stored document, validating like the real service:
 * JSON types, required fields, custom field names and values, references to other records and selectors,
 * uniqueness of account names and contact e-mails, account hierarchy cycles, pipeline/stage consistency.
 * Must run under the store's write lock (it reads other tables).
 */
public final class RecordValidator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> SERVER_MANAGED = Set.of("id", "created_at", "updated_at", "display_name", "is_deleted",
            "creater_id", "updater_id", "record_type_id", "links", "base_currency_amount", "stage_updated_time", "has_products",
            "completed_date", "targetables", "contact_ids");

    private final AccountSetup setup;
    private final RecordStore store;
    private final SimSettings settings;
    private final SimClock clock;
    private final ZoneOffset offset;
    private final List<ApiException.Msg> errors = new ArrayList<>();

    public RecordValidator(AccountSetup setup, RecordStore store, SimSettings settings, SimClock clock) {
        this.setup = setup;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.offset = ZoneOffset.of(settings.accountUtcOffset);
    }

    /**
     * Applies {@code input} to {@code doc} (a copy of the stored record, or an empty node with only an id on create).
     * Throws a 400 {@link ApiException} with every message when anything is wrong.
     */
    public void apply(ModuleDef m, ObjectNode doc, ObjectNode input, boolean create, long actor) {
        long selfId = doc.path("id").asLong();
        Long oldStage = doc.hasNonNull("deal_stage_id") ? doc.get("deal_stage_id").asLong() : null;
        var it = input.fields();
        while (it.hasNext()) {
            var e = it.next();
            String name = e.getKey();
            JsonNode value = e.getValue();
            if ("custom_field".equals(name)) {
                applyCustomFields(m, doc, value);
            } else if (m.fields().containsKey(name)) {
                applySystemField(m, m.fields().get(name), doc, value, selfId);
            } else if (!SERVER_MANAGED.contains(name) && settings.rejectUnknownFields) {
                errors.add(new ApiException.Msg("field.invalid", name));
            }
        }
        checkRequired(m, doc, input, create);
        switch (m.name()) {
            case "contacts" -> checkContact(doc, selfId);
            case "sales_accounts" -> checkAccountName(doc, selfId);
            case "deals" -> resolveDealStage(doc, input, create, oldStage);
            case "tasks" -> applyTaskStatus(doc, create);
            case "notes" -> checkLength(doc, "description", "Description", settings.noteMaxLength);
            default -> { }
        }
        if (m.isChild()) {
            checkTargetable(m, doc);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, errors);
        }
        long now = clock.nowMillis();
        if (create) {
            doc.put("created_at", now);
            doc.put("creater_id", actor);
        }
        doc.put("updated_at", now);
        doc.put("updater_id", actor);
    }

    // ---------------------------------------------------------------- system fields

    /**
     * One system field of module {@code m}: {@code null} clears it; scalar kinds are read by
     * {@link SystemFieldValues}; references to records, users and selectors, and the link lists, are checked here
     * against the account's data.
     */
    private void applySystemField(ModuleDef m, SystemField f, ObjectNode doc, JsonNode v, long selfId) {
        if (v.isNull() && f.kind() != FieldKind.EMAILS) {
            clearSystemField(m, f, doc);
        } else if (SystemFieldValues.isScalar(f.kind())) {
            SystemFieldValues.read(f.kind(), f.name(), v, offset, errors).ifPresent(stored -> doc.set(f.name(), stored));
        } else {
            applyReferenceOrLinks(m, f, doc, v, selfId);
        }
    }

    private static void clearSystemField(ModuleDef m, SystemField f, ObjectNode doc) {
        switch (f.kind()) {
            case SALES_ACCOUNTS -> doc.remove("sales_accounts");
            case PRODUCTS -> doc.remove("products");
            case CONTACTS_ADD, CONTACTS_REMOVE -> { }
            // A contact's primary account lives in its sales_accounts list.
            case ACCOUNT -> doc.remove(m.name().equals("contacts") ? "sales_accounts" : f.name());
            default -> doc.remove(f.name());
        }
    }

    private void applyReferenceOrLinks(ModuleDef m, SystemField f, ObjectNode doc, JsonNode v, long selfId) {
        String n = f.name();
        switch (f.kind()) {
            case USER -> {
                Long id = id(v);
                if (id == null) {
                    typeInvalid(n);
                } else if (checkUser(n, id)) {
                    doc.put(n, id);
                }
            }
            case SELECTOR -> {
                Long id = id(v);
                if (id == null) {
                    typeInvalid(n);
                } else if (setup.selectorEntry(f.ref(), id) == null) {
                    unknownRef(n, id);
                } else {
                    doc.put(n, id);
                }
            }
            case EMAIL -> {
                if (!v.isTextual()) {
                    typeInvalid(n);
                } else {
                    setPrimaryEmail(doc, v.asText().trim());
                }
            }
            case EMAILS -> applyEmails(doc, v);
            case SALES_ACCOUNTS -> applySalesAccounts(doc, v);
            case ACCOUNT -> {
                Long id = id(v);
                if (id == null) {
                    typeInvalid(n);
                } else if (liveRecord("sales_accounts", id) == null) {
                    unknownRef(n, id);
                } else if (m.name().equals("contacts")) {
                    ArrayNode links = F.arrayNode();
                    links.addObject().put("id", id).put("is_primary", true);
                    for (JsonNode l : doc.path("sales_accounts")) {
                        if (l.path("id").asLong() != id) {
                            links.addObject().put("id", l.path("id").asLong()).put("is_primary", false);
                        }
                    }
                    doc.set("sales_accounts", links);
                } else {
                    doc.put(n, id);
                }
            }
            case PARENT_ACCOUNT -> {
                Long id = id(v);
                if (id == null) {
                    typeInvalid(n);
                } else if (liveRecord("sales_accounts", id) == null) {
                    unknownRef(n, id);
                } else if (createsCycle(selfId, id)) {
                    errors.add(new ApiException.Msg("account.cycle"));
                } else {
                    doc.put(n, id);
                }
            }
            case CONTACTS_ADD, CONTACTS_REMOVE -> applyDealContacts(doc, n, v, f.kind() == FieldKind.CONTACTS_ADD);
            case PRODUCTS -> applyProducts(doc, v);
            case TARGET_TYPE -> {
                if (!v.isTextual()) {
                    typeInvalid(n);
                } else if (!allowedTargetTypes(m).contains(v.asText())) {
                    errors.add(new ApiException.Msg("field.invalid", n));
                } else {
                    doc.put(n, v.asText());
                }
            }
            default -> throw new IllegalStateException("no rule for system field kind " + f.kind());
        }
    }

    private Set<String> allowedTargetTypes(ModuleDef m) {
        Set<String> s = new LinkedHashSet<>(List.of("Contact", "SalesAccount", "Deal"));
        // Classic's Lead targetable: documented for sales activities (reference 5.5); notes and documents list their
        // types without it (5.8, 5.13), so they refuse it; tasks and appointments are undocumented and accept it.
        if (settings.classicMode && !m.name().equals("notes") && !m.name().equals("documents")) {
            s.add("Lead");
        }
        if (m.name().equals("documents")) {
            s.add("Product");
        }
        return s;
    }

    private boolean checkUser(String field, long id) {
        JsonNode u = setup.user(id);
        if (u == null) {
            unknownRef(field, id);
            return false;
        }
        if (!u.path("is_active").asBoolean() && !settings.inactiveOwnersAllowed) {
            errors.add(new ApiException.Msg("owner.inactive", id));
            return false;
        }
        return true;
    }

    private void setPrimaryEmail(ObjectNode doc, String email) {
        if (!EMAIL.matcher(email).matches()) {
            errors.add(new ApiException.Msg("email.invalid", email));
            return;
        }
        ArrayNode emails = doc.has("emails") ? (ArrayNode) doc.get("emails") : doc.putArray("emails");
        for (JsonNode e : emails) {
            if (e.path("is_primary").asBoolean()) {
                ((ObjectNode) e).put("value", email);
                return;
            }
        }
        ObjectNode e = emails.insertObject(0);
        e.put("id", store.nextId()).put("value", email).put("is_primary", true).putNull("label");
        emails.forEach(x -> ((ObjectNode) x).put("is_primary", x == e));
    }

    private void applyEmails(ObjectNode doc, JsonNode v) {
        ArrayNode current = doc.has("emails") ? (ArrayNode) doc.get("emails") : F.arrayNode();
        ArrayNode next = F.arrayNode();
        if (v.isNull()) {
            doc.remove("emails");
            return;
        }
        if (v.isTextual()) {
            next.addObject().put("id", reuseEmailId(current, v.asText())).put("value", v.asText().trim()).put("is_primary", true)
                    .putNull("label");
        } else if (v.isArray() && (v.isEmpty() || v.get(0).isTextual())) {
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    typeInvalid("emails");
                    return;
                }
                next.addObject().put("id", reuseEmailId(current, s.asText())).put("value", s.asText().trim())
                        .put("is_primary", next.isEmpty()).putNull("label");
            }
        } else if (v.isArray()) {
            current.forEach(e -> next.add(e.deepCopy()));
            for (JsonNode o : v) {
                if (!o.isObject()) {
                    typeInvalid("emails");
                    return;
                }
                ObjectNode target = null;
                if (o.hasNonNull("id")) {
                    for (JsonNode e : next) {
                        if (e.path("id").asLong() == o.path("id").asLong()) {
                            target = (ObjectNode) e;
                        }
                    }
                    if (target == null) {
                        unknownRef("emails.id", o.path("id").asText());
                        continue;
                    }
                }
                if (o.path("_destroy").asBoolean(false)) {
                    if (target != null) {
                        next.remove(indexOf(next, target));
                    }
                    continue;
                }
                if (target == null) {
                    if (!o.path("value").isTextual()) {
                        typeInvalid("emails");
                        continue;
                    }
                    target = next.addObject();
                    target.put("id", store.nextId()).put("is_primary", false).putNull("label");
                }
                if (o.has("value")) {
                    target.put("value", o.path("value").asText().trim());
                }
                if (o.has("label")) {
                    target.set("label", o.get("label"));
                }
                if (o.path("is_primary").asBoolean(false)) {
                    ObjectNode primary = target;
                    next.forEach(e -> ((ObjectNode) e).put("is_primary", e == primary));
                }
            }
        } else {
            typeInvalid("emails");
            return;
        }
        boolean anyPrimary = false;
        for (JsonNode e : next) {
            if (!EMAIL.matcher(e.path("value").asText()).matches()) {
                errors.add(new ApiException.Msg("email.invalid", e.path("value").asText()));
            }
            anyPrimary |= e.path("is_primary").asBoolean();
        }
        if (!anyPrimary && !next.isEmpty()) {
            ((ObjectNode) next.get(0)).put("is_primary", true);
        }
        if (next.isEmpty()) {
            doc.remove("emails");
        } else {
            doc.set("emails", next);
        }
    }

    private long reuseEmailId(ArrayNode current, String value) {
        for (JsonNode e : current) {
            if (e.path("value").asText().equalsIgnoreCase(value.trim())) {
                return e.path("id").asLong();
            }
        }
        return store.nextId();
    }

    private static int indexOf(ArrayNode arr, JsonNode node) {
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i) == node) {
                return i;
            }
        }
        return -1;
    }

    private void applySalesAccounts(ObjectNode doc, JsonNode v) {
        if (!v.isArray()) {
            typeInvalid("sales_accounts");
            return;
        }
        if (v.size() > settings.maxAccountsPerContact) {
            errors.add(new ApiException.Msg("account.too_many", settings.maxAccountsPerContact));
            return;
        }
        ArrayNode links = F.arrayNode();
        int primaries = 0;
        Set<Long> seen = new LinkedHashSet<>();
        for (JsonNode l : v) {
            if (!l.isObject()) {
                typeInvalid("sales_accounts");
                return;
            }
            Long id = id(l.path("id"));
            if (id == null) {
                typeInvalid("sales_accounts");
                return;
            }
            if (liveRecord("sales_accounts", id) == null) {
                unknownRef("sales_account_id", id);
                continue;
            }
            if (!seen.add(id)) {
                continue;
            }
            boolean primary = l.path("is_primary").asBoolean(false);
            primaries += primary ? 1 : 0;
            links.addObject().put("id", id).put("is_primary", primary);
        }
        if (primaries > 1) {
            errors.add(new ApiException.Msg("account.primary"));
        }
        if (primaries == 0 && !links.isEmpty()) {
            ((ObjectNode) links.get(0)).put("is_primary", true);
        }
        if (links.isEmpty()) {
            doc.remove("sales_accounts");
        } else {
            doc.set("sales_accounts", links);
        }
    }

    private void applyDealContacts(ObjectNode doc, String field, JsonNode v, boolean add) {
        if (!v.isArray()) {
            typeInvalid(field);
            return;
        }
        Set<Long> ids = new LinkedHashSet<>();
        doc.path("contact_ids").forEach(x -> ids.add(x.asLong()));
        for (JsonNode x : v) {
            Long id = id(x);
            if (id == null) {
                typeInvalid(field);
                return;
            }
            if (add) {
                if (liveRecord("contacts", id) == null) {
                    unknownRef("contact_id", id);
                } else {
                    ids.add(id);
                }
            } else {
                ids.remove(id);
            }
        }
        ArrayNode out = doc.putArray("contact_ids");
        ids.forEach(out::add);
        if (out.isEmpty()) {
            doc.remove("contact_ids");
        }
    }

    private void applyProducts(ObjectNode doc, JsonNode v) {
        if (!v.isArray()) {
            typeInvalid("products");
            return;
        }
        ArrayNode lines = F.arrayNode();
        for (JsonNode p : v) {
            Long id = p.isObject() ? id(p.path("id")) : null;
            if (id == null) {
                typeInvalid("products");
                return;
            }
            if (liveRecord("products", id) == null) {
                unknownRef("product_id", id);
                continue;
            }
            ObjectNode line = lines.addObject().put("id", id);
            BigDecimal q = p.has("quantity") ? number(p.get("quantity")) : BigDecimal.ONE;
            if (q == null || q.signum() <= 0) {
                errors.add(new ApiException.Msg("field.invalid", "quantity"));
            } else {
                line.put("quantity", q);
            }
            if (p.hasNonNull("unit_price")) {
                BigDecimal price = number(p.get("unit_price"));
                if (price == null) {
                    typeInvalid("unit_price");
                } else {
                    line.put("unit_price", price);
                }
            }
        }
        doc.set("products", lines);
        if (settings.dealAmountFromProducts) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode l : lines) {
                sum = sum.add(l.path("quantity").decimalValue().multiply(l.path("unit_price").decimalValue()));
            }
            doc.put("amount", sum);
        }
    }

    // ---------------------------------------------------------------- custom fields

    private void applyCustomFields(ModuleDef m, ObjectNode doc, JsonNode cf) {
        if (!cf.isObject()) {
            typeInvalid("custom_field");
            return;
        }
        ObjectNode target = doc.has("custom_field") ? (ObjectNode) doc.get("custom_field") : doc.putObject("custom_field");
        var it = cf.fields();
        while (it.hasNext()) {
            var e = it.next();
            FieldDef def = setup.fields().field(m.name(), e.getKey());
            if (def == null || !def.isCustom()) {
                errors.add(new ApiException.Msg("cf.unknown", e.getKey()));
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
                target.remove(def.name);
                continue;
            }
            JsonNode stored = customValue(def, v);
            if (stored != null) {
                target.set(def.name, stored);
            }
        }
        if (target.isEmpty()) {
            doc.remove("custom_field");
        }
    }

    private JsonNode customValue(FieldDef def, JsonNode v) {
        String n = def.name;
        switch (def.type) {
            case "text", "textarea", "paragraph" -> {
                if (!(v.isTextual() || v.isNumber())) {
                    typeInvalid(n);
                    return null;
                }
                int max = "text".equals(def.type) ? settings.textFieldMaxLength : settings.paragraphFieldMaxLength;
                if (v.asText().length() > max) {
                    errors.add(new ApiException.Msg("field.too_long", def.label, max));
                    return null;
                }
                return F.textNode(v.asText());
            }
            case "number" -> {
                BigDecimal d = number(v);
                if (d == null) {
                    typeInvalid(n);
                    return null;
                }
                return F.numberNode(d);
            }
            case "checkbox" -> {
                Boolean b = bool(v);
                if (b == null) {
                    typeInvalid(n);
                    return null;
                }
                return F.booleanNode(b);
            }
            case "date" -> {
                String d = v.isTextual() ? Times.parseDate(v.asText()) : null;
                if (d == null) {
                    errors.add(new ApiException.Msg("value.date", n));
                    return null;
                }
                return F.textNode(d);
            }
            case "date_time" -> {
                Long t = v.isTextual() ? Times.parseDateTime(v.asText(), offset) : null;
                if (t == null) {
                    errors.add(new ApiException.Msg("value.datetime", n));
                    return null;
                }
                return F.textNode(Times.format(t, offset));
            }
            case "dropdown" -> {
                String c = choice(def, v);
                return c == null ? null : F.textNode(c);
            }
            case "multi_select_dropdown" -> {
                List<String> parts = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(p -> parts.add(p.asText()));
                } else if (v.isTextual()) {
                    for (String p : v.asText().split(";")) {
                        parts.add(p.trim());
                    }
                } else {
                    typeInvalid(n);
                    return null;
                }
                List<String> out = new ArrayList<>();
                for (String p : parts) {
                    String c = choice(def, F.textNode(p));
                    if (c == null) {
                        return null;
                    }
                    out.add(c);
                }
                return F.textNode(String.join(";", out));
            }
            case "lookup" -> {
                Long id = id(v);
                if (id == null) {
                    typeInvalid(n);
                    return null;
                }
                if (def.lookupModule != null && liveRecord(def.lookupModule, id) == null) {
                    unknownRef(n, id);
                    return null;
                }
                return F.numberNode(id);
            }
            default -> {
                return v;
            }
        }
    }

    /** The stored (label) form of a dropdown value, or null after recording an error. */
    private String choice(FieldDef def, JsonNode v) {
        if (!(v.isTextual() || v.isNumber())) {
            typeInvalid(def.name);
            return null;
        }
        String s = v.asText().trim();
        for (FieldDef.Choice c : def.choices) {
            boolean byLabel = settings.dropdownValues != SimSettings.DropdownForm.ID && c.value.equals(s);
            boolean byId = settings.dropdownValues != SimSettings.DropdownForm.LABEL && String.valueOf(c.id).equals(s);
            if (byLabel || byId) {
                return c.value;
            }
        }
        errors.add(new ApiException.Msg("cf.choice_invalid", def.name, s));
        return null;
    }

    // ---------------------------------------------------------------- module rules

    private void checkRequired(ModuleDef m, ObjectNode doc, ObjectNode input, boolean create) {
        for (FieldDef f : setup.fields().fields(m.name())) {
            if (!f.required) {
                continue;
            }
            boolean touched = f.isCustom() ? input.path("custom_field").has(f.name) : input.has(f.name);
            if (!create && !touched) {
                continue;
            }
            JsonNode v = f.isCustom() ? doc.path("custom_field").path(f.name) : doc.path(f.name);
            if (v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isBlank()) || (v.isArray() && v.isEmpty())) {
                errors.add(new ApiException.Msg("field.blank", f.label));
            }
        }
    }

    private void checkContact(ObjectNode doc, long selfId) {
        boolean hasEmail = doc.path("emails").size() > 0;
        boolean hasMobile = doc.path("mobile_number").isTextual() && !doc.path("mobile_number").asText().isBlank();
        if (settings.contactRequiresEmailOrMobile && !hasEmail && !hasMobile) {
            errors.add(new ApiException.Msg("contact.email_or_mobile"));
        }
        if (settings.uniqueContactEmails && hasEmail) {
            ModuleTable t = store.table("contacts");
            ValueIndex idx = t.index("email", IndexKeys.extractor("email"));
            for (String email : IndexKeys.of("email", doc)) {
                for (long other : idx.candidates(email)) {
                    if (other == selfId) {
                        continue;
                    }
                    ObjectNode o = liveRecord("contacts", other);
                    if (o != null && IndexKeys.of("email", o).contains(email)) {
                        errors.add(new ApiException.Msg("email.taken"));
                        return;
                    }
                }
            }
        }
        if (!doc.hasNonNull("lifecycle_stage_id")) {
            for (JsonNode st : setup.selector("lifecycle_stages")) {
                if (st.path("default").asBoolean()) {
                    doc.put("lifecycle_stage_id", st.path("id").asLong());
                }
            }
        }
        if (doc.hasNonNull("contact_status_id") && doc.hasNonNull("lifecycle_stage_id")) {
            JsonNode stage = setup.selectorEntry("lifecycle_stages", doc.get("lifecycle_stage_id").asLong());
            boolean ok = false;
            if (stage != null) {
                for (JsonNode s : stage.path("contact_status_ids")) {
                    ok |= s.asLong() == doc.get("contact_status_id").asLong();
                }
            }
            if (!ok) {
                errors.add(new ApiException.Msg("contact_status.mismatch", doc.get("contact_status_id").asLong(),
                        doc.get("lifecycle_stage_id").asLong()));
            }
        }
    }

    private void checkAccountName(ObjectNode doc, long selfId) {
        if (!doc.path("name").isTextual()) {
            return;
        }
        ModuleTable t = store.table("sales_accounts");
        ValueIndex idx = t.index("name", IndexKeys.extractor("name"));
        String key = IndexKeys.normalize("name", doc.get("name").asText());
        for (long other : idx.candidates(key)) {
            ObjectNode o = other == selfId ? null : liveRecord("sales_accounts", other);
            if (o != null && IndexKeys.of("name", o).contains(key)) {
                errors.add(new ApiException.Msg("name.taken"));
                return;
            }
        }
    }

    private boolean createsCycle(long selfId, long parentId) {
        long cursor = parentId;
        for (int depth = 0; depth < 10_000 && cursor != 0; depth++) {
            if (cursor == selfId) {
                return true;
            }
            ObjectNode p = record("sales_accounts", cursor);
            cursor = p == null ? 0 : p.path("parent_sales_account_id").asLong(0);
        }
        return false;
    }

    private void resolveDealStage(ObjectNode doc, ObjectNode input, boolean create, Long oldStage) {
        Long pipeline = doc.hasNonNull("deal_pipeline_id") ? doc.get("deal_pipeline_id").asLong() : null;
        Long stage = doc.hasNonNull("deal_stage_id") ? doc.get("deal_stage_id").asLong() : null;
        boolean pipelineGiven = input.hasNonNull("deal_pipeline_id");
        boolean stageGiven = input.hasNonNull("deal_stage_id");
        JsonNode pipe;
        if (pipeline != null && selectPipeline(pipeline) == null) {
            unknownRef("deal_pipeline_id", pipeline);
            return;
        }
        if (stage != null && setup.pipelineOfStage(stage) == null) {
            unknownRef("deal_stage_id", stage);
            return;
        }
        if (stageGiven && !pipelineGiven) {
            pipe = setup.pipelineOfStage(stage);
        } else if (pipelineGiven && !stageGiven) {
            pipe = selectPipeline(pipeline);
            JsonNode current = stage == null ? null : stageIn(pipe, stage);
            if (current == null) {
                stage = pipe.path("deal_stages").get(0).path("id").asLong();
            }
        } else if (pipeline == null && stage == null) {
            pipe = setup.defaultPipeline();
            stage = pipe.path("deal_stages").get(0).path("id").asLong();
        } else {
            pipe = pipeline != null ? selectPipeline(pipeline) : setup.pipelineOfStage(stage);
        }
        JsonNode st = stageIn(pipe, stage);
        if (st == null) {
            errors.add(new ApiException.Msg("stage.mismatch", stage, pipe.path("id").asLong()));
            return;
        }
        doc.put("deal_pipeline_id", pipe.path("id").asLong());
        doc.put("deal_stage_id", stage);
        if (create || !stage.equals(oldStage)) {
            doc.put("stage_updated_time", clock.nowMillis());
            String forecast = st.path("forecast_type").asText();
            if (!input.has("probability")) {
                doc.put("probability", st.path("probability").asInt());
            }
            if (("Won".equals(forecast) || "Lost".equals(forecast)) && !doc.hasNonNull("closed_date")) {
                doc.put("closed_date", Times.today(clock.nowMillis(), offset));
            }
        }
    }

    private JsonNode selectPipeline(long id) {
        return setup.selectorEntry("deal_pipelines", id);
    }

    private static JsonNode stageIn(JsonNode pipeline, long stage) {
        for (JsonNode st : pipeline.path("deal_stages")) {
            if (st.path("id").asLong() == stage) {
                return st;
            }
        }
        return null;
    }

    private void applyTaskStatus(ObjectNode doc, boolean create) {
        if (!doc.has("status")) {
            doc.put("status", 0);
        }
        if (doc.path("status").asInt() == 1 && !doc.has("completed_date")) {
            doc.put("completed_date", clock.nowMillis());
        } else if (doc.path("status").asInt() == 0) {
            doc.remove("completed_date");
        }
    }

    private void checkLength(ObjectNode doc, String field, String label, int max) {
        if (doc.path(field).isTextual() && doc.get(field).asText().length() > max) {
            errors.add(new ApiException.Msg("field.too_long", label, max));
        }
    }

    private void checkTargetable(ModuleDef m, ObjectNode doc) {
        if (!doc.hasNonNull("targetable_type") || !doc.hasNonNull("targetable_id")) {
            return;
        }
        ModuleDef target = setup.modules().byTargetableType(doc.get("targetable_type").asText());
        long id = doc.get("targetable_id").asLong();
        if (target == null || liveRecord(target.name(), id) == null) {
            unknownRef("targetable_id", id);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A stored record that exists and is not in the recycle bin, or null. */
    ObjectNode liveRecord(String module, long id) {
        ModuleTable t = store.table(module);
        int slot = t.slotOf(id);
        if (slot < 0 || t.isDeleted(slot)) {
            return null;
        }
        return RecordCodec.decode(t.bytesAt(slot));
    }

    ObjectNode record(String module, long id) {
        ModuleTable t = store.table(module);
        int slot = t.slotOf(id);
        return slot < 0 ? null : RecordCodec.decode(t.bytesAt(slot));
    }

    private void typeInvalid(String field) {
        errors.add(new ApiException.Msg("type.invalid", field));
    }

    private void unknownRef(String field, Object id) {
        errors.add(new ApiException.Msg("reference.unknown", field, id));
    }

    static Long id(JsonNode v) {
        return SystemFieldValues.id(v);
    }

    static BigDecimal number(JsonNode v) {
        return SystemFieldValues.number(v);
    }

    static Boolean bool(JsonNode v) {
        return SystemFieldValues.bool(v);
    }
}
