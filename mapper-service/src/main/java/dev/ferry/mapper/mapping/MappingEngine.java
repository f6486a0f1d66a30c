package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.contracts.TargetMetadata.LifecycleStage;
import dev.ferry.mapper.mapping.spec.AgreeRule;
import dev.ferry.mapper.mapping.spec.CustomFieldsRule;
import dev.ferry.mapper.mapping.spec.FieldRule;
import dev.ferry.mapper.mapping.spec.LineItemsRule;
import dev.ferry.mapper.mapping.spec.LifecycleRule;
import dev.ferry.mapper.mapping.spec.OwnerRule;
import dev.ferry.mapper.mapping.spec.PriceRule;
import dev.ferry.mapper.mapping.spec.ReferenceRule;
import dev.ferry.mapper.mapping.spec.RequireAnyRule;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.mapping.spec.SpanRule;
import dev.ferry.mapper.mapping.spec.StageRule;
import dev.ferry.mapper.mapping.spec.TextRule;
import dev.ferry.mapper.mapping.spec.UniqueRule;
import dev.ferry.mapper.mapping.text.DecimalText;
import dev.ferry.sourcetext.TextKeys;
import dev.ferry.mapper.mapping.transform.Transform;
import dev.ferry.mapper.mapping.transform.TransformContext;
import dev.ferry.mapper.mapping.transform.TransformResult;
import dev.ferry.mapper.mapping.transform.Transforms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Applies a compiled {@link ResourceMapping} to one source record. Pure: the same record and the same
 * {@link MappingContext} always give the same result, which is what makes replayed records recognisable.
 *
 * <p>Order of work, and so which rule a rejection names when several would fire: deleted records first; then the field
 * rules in spec order (a required field left empty, an invalid value whose rule says reject, a reference that is
 * missing or unknown); then the {@code require-any} groups (at least one of some target fields present, judged on what
 * the field rules left, so a value dropped as invalid counts as absent); then uniqueness; then lifecycle, owner and
 * custom fields, which never reject. {@code require-any} comes after the field rules because it judges their result
 * and because a rejection naming one concrete field is the more precise instruction; before uniqueness because a
 * record Freshsales would refuse anyway is better reported for that than as a duplicate of another record.
 */
public final class MappingEngine {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");

    public MappingResult map(ResourceMapping m, SourceRecordEnvelope envelope, MappingContext ctx) {
        List<FieldGap> gaps = new ArrayList<>();
        List<ChoiceGap> choiceGaps = new ArrayList<>();
        if (envelope.deleted()) {
            return new MappingResult.Rejected(Rules.recordDeleted(), gaps, choiceGaps);
        }
        if (m.module() != null) {
            return ModuleRecords.map(m, envelope, ctx);
        }
        if (m.note() != null) {
            return ClinicalNotes.map(m, envelope, ctx);
        }
        if (m.attachment() != null) {
            return Attachments.map(m, envelope, ctx);
        }
        ObjectNode payload = envelope.payload();
        FreshsalesTarget target = m.target();
        String collection = target.settingsModule();
        ObjectNode fields = JSON.objectNode();
        List<String> notes = new ArrayList<>();
        Map<String, String> droppedAs = new LinkedHashMap<>();
        List<TypedRef> after = new ArrayList<>();

        for (FieldRule rule : m.fields()) {
            if (rule.reference() != null) {
                LinkCheck r = reference(m, rule, envelope, ctx, fields, notes, after);
                if (r.waitingFor() != null) {
                    return new MappingResult.Waiting(r.waitingFor());
                }
                if (r.rejection() != null) {
                    return new MappingResult.Rejected(r.rejection(), gaps, choiceGaps);
                }
                continue;
            }
            JsonNode value = rule.read(payload);
            TransformContext tc = new TransformContext(rule.sourceLabel(), collection, rule.targetName(), ctx.target(),
                    ctx.phoneRegion());
            TransformResult invalid = null;
            for (Transform t : rule.transforms()) {
                TransformResult r = t.apply(value, tc);
                if (r.isInvalid()) {
                    invalid = r;
                    break;
                }
                value = r.value();
            }
            if (invalid != null) {
                if (invalid.missingChoice() != null) {
                    choiceGaps.add(new ChoiceGap(collection, rule.targetName(), invalid.missingChoice()));
                }
                if (rule.onInvalid() == FieldRule.OnInvalid.REJECT) {
                    return new MappingResult.Rejected(Rules.invalid(invalid.rule(), rule.sourceLabel(), invalid.reason()),
                            gaps, choiceGaps);
                }
                notes.add(rule.to() + " left out (" + invalid.rule() + "): the " + rule.sourceLabel() + " "
                        + invalid.reason());
                droppedAs.put(rule.to(), invalid.rule());
                value = null;
            }
            if (value == null) {
                if (rule.required() != null) {
                    return new MappingResult.Rejected(Rules.required(rule.required(), rule.sourceLabel(), singular(target)),
                            gaps, choiceGaps);
                }
                continue;
            }
            if (rule.isCustomField() && ctx.target().field(collection, rule.targetName()).isEmpty()) {
                gaps.add(new FieldGap(collection, rule.targetName(), m.resource(), rule.sourceLabel(),
                        rule.proposedType(), rule.essential()));
                if (!rule.essential()) {
                    continue;
                }
            }
            put(fields, rule.to(), value);
        }

        if (m.span() != null) {
            Optional<Rejection> wrong = span(m.span(), payload, fields, notes, target);
            if (wrong.isPresent()) {
                return new MappingResult.Rejected(wrong.get(), gaps, choiceGaps);
            }
        }

        for (AgreeRule a : m.agree()) {
            Optional<Rejection> disagreement = disagreement(a, payload, ctx);
            if (disagreement.isPresent()) {
                return new MappingResult.Rejected(disagreement.get(), gaps, choiceGaps);
            }
        }

        for (RequireAnyRule any : m.requireAny()) {
            if (any.fields().stream().noneMatch(f -> present(get(fields, f)))) {
                return new MappingResult.Rejected(noneOf(m, any, droppedAs, target), gaps, choiceGaps);
            }
        }

        for (UniqueRule u : m.unique()) {
            String key = uniqueKey(u, payload, ctx.phoneRegion());
            if (key == null) {
                continue;
            }
            Optional<String> lowest = ctx.unique().lowestHolder(m.resource(), u.rule(), key);
            if (lowest.isPresent() && !lowest.get().equals(envelope.sourceId())) {
                if (u.keepIn() == null) {
                    return new MappingResult.Rejected(Rules.duplicate(u.rule(), u.field().dotted(), m.resource().path(),
                            lowest.get()), gaps, choiceGaps);
                }
                Optional<Rejection> unreachable = moveShared(m, u, lowest.get(), fields, notes, droppedAs, target);
                if (unreachable.isPresent()) {
                    return new MappingResult.Rejected(unreachable.get(), gaps, choiceGaps);
                }
            }
        }

        if (m.lifecycle() != null) {
            target = lifecycle(m.lifecycle(), payload, ctx, fields, notes, target);
        }
        if (m.owner() != null) {
            owner(m.owner(), payload, ctx, fields, notes);
        }
        if (m.stage() != null) {
            stage(m.stage(), payload, ctx, fields, notes, choiceGaps);
        }
        if (m.price() != null) {
            price(m.price(), payload, fields, notes);
        }
        if (m.lineItems() != null) {
            String waitingFor = lineItems(m.lineItems(), payload, ctx, fields, notes);
            if (waitingFor != null) {
                return new MappingResult.Waiting(waitingFor);
            }
        }
        if (m.customFields() != null) {
            customFields(m, m.customFields(), payload, ctx, fields, notes, gaps);
        }
        for (TextRule t : m.texts()) {
            String text = text(t, payload, ctx.phoneRegion());
            if (!text.isEmpty()) {
                put(fields, t.to(), TextNode.valueOf(text));
            }
        }

        if (target == FreshsalesTarget.LEAD) {
            LeadFields.shape(fields, ctx.target(), m.identifier(), notes);
        }
        Map<String, String> identifier = new LinkedHashMap<>();
        for (String path : m.identifier()) {
            JsonNode v = get(fields, path);
            if (v == null) {
                throw new IllegalStateException("identifier field " + path + " is empty although the spec requires it");
            }
            identifier.put(path.substring(path.lastIndexOf('.') + 1), v.asText());
        }
        String partitionKey = m.partitionKey().readText(payload);
        LoadCommand command = new LoadCommand(null, ctx.runId(), CommandKind.UPSERT, CommandOrigin.MAPPER, m.resource(),
                envelope.sourceId(), 0, target, null, identifier, fields,
                partitionKey == null ? envelope.sourceId() : partitionKey, ctx.mappingVersion(),
                envelope.sourceUpdatedAt(), notes, after);
        return new MappingResult.Mapped(command, gaps, choiceGaps);
    }

    /**
     * The start as written (its instant and offset kept) and the end = start + the minutes ({@link SpanRule}). Rejects
     * naming the field, never its value: no start ({@code appointment.start-missing}), a start that is no date-time
     * ({@code value.not-a-date}), minutes that are no whole number ({@code value.not-an-integer}), fewer than zero
     * minutes (the span's rule). Zero minutes give end = start, said in a note.
     */
    static Optional<Rejection> span(SpanRule rule, ObjectNode payload, ObjectNode fields, List<String> notes,
            FreshsalesTarget target) {
        String start = rule.start().readText(payload);
        if (start == null || start.isBlank()) {
            return Optional.of(Rules.required(Rules.APPOINTMENT_START_MISSING, rule.start().dotted(), singular(target)));
        }
        java.time.OffsetDateTime from;
        try {
            from = java.time.OffsetDateTime.parse(start.strip());
        } catch (java.time.format.DateTimeParseException withoutOffset) {
            try {
                // A local time of the tenant's zone (Europe/Istanbul: +03:00 all year since September 2016).
                from = java.time.LocalDateTime.parse(start.strip()).atZone(rule.zone()).toOffsetDateTime();
                notes.add(rule.toStart() + ": the " + rule.start().dotted() + " has no offset; read in " + rule.zone());
            } catch (java.time.format.DateTimeParseException notDateTime) {
                return Optional.of(Rules.invalid(Rules.VALUE_NOT_A_DATE, rule.start().dotted(),
                        "is not a date-time (expected e.g. 2024-05-01T10:00:00+03:00)"));
            }
        }
        JsonNode m = rule.minutes().read(payload);
        long minutes;
        try {
            if (m == null || m.isNull() || !(m.isNumber() || m.isTextual()) || m.asText().isBlank()) {
                throw new ArithmeticException("no minutes");
            }
            minutes = (m.isNumber() ? m.decimalValue() : new java.math.BigDecimal(m.asText().strip())).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.of(Rules.invalid(Rules.VALUE_NOT_AN_INTEGER, rule.minutes().dotted(),
                    "is missing or not a whole number of minutes"));
        }
        if (minutes < 0) {
            return Optional.of(Rules.reject(rule.rule(), rule.minutes().dotted(), "The " + rule.minutes().dotted()
                    + " is below zero: the appointment would end before it starts. Correct it in Dr.DENTES and run"
                    + " again (rule " + rule.rule() + ")."));
        }
        if (minutes == 0) {
            notes.add(rule.toEnd() + " equals " + rule.toStart() + ": the " + rule.minutes().dotted() + " is 0");
        }
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        put(fields, rule.toStart(), TextNode.valueOf(iso.format(from)));
        put(fields, rule.toEnd(), TextNode.valueOf(iso.format(from.plusMinutes(minutes))));
        return Optional.empty();
    }

    /**
     * A text of labelled lines ({@link TextRule}): {@code label: value} per present value, in spec order, joined by
     * line breaks; a value its transforms refuse is written as the source wrote it; control characters other than tab
     * and line breaks as their control pictures. Empty when no value is present.
     */
    static String text(TextRule rule, ObjectNode payload, String phoneRegion) {
        List<String> lines = new ArrayList<>();
        for (TextRule.Line line : rule.lines()) {
            JsonNode raw = line.from().read(payload);
            JsonNode value = raw;
            TransformContext tc = new TransformContext(line.from().dotted(), null, null, null, phoneRegion);
            for (Transform t : line.transforms()) {
                TransformResult r = t.apply(value, tc);
                if (r.isInvalid()) {
                    value = raw;
                    break;
                }
                value = r.value();
            }
            if (value == null || value.isNull() || value.isMissingNode()) {
                continue;
            }
            // The same rule as a clinical note's: control characters other than tab and line breaks are shown as
            // their control pictures (NUL as U+2400), never dropped and never sent raw.
            String text = dev.ferry.mapper.mapping.text.NoteParts.visibleControls(plain(value));
            if (!text.isBlank()) {
                lines.add(line.label() + ": " + text);
            }
        }
        if (lines.isEmpty()) {
            return rule.fallback() == null ? "" : rule.fallback();
        }
        return String.join(rule.separator(), lines);
    }

    /**
     * A value as a person reads it in a text: a list as its members joined by ", ",
     * an object as {@code key value} pairs joined by ", " (voice-capture metadata:
     * {@code duration_seconds 35, device ...}), anything else as its text.
     */
    static String plain(JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> {
                if (v != null && !v.isNull()) {
                    parts.add(plain(v));
                }
            });
            return String.join(", ", parts);
        }
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            for (String k : names(value)) {
                JsonNode v = value.get(k);
                if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank())) {
                    parts.add(k + " " + plain(v));
                }
            }
            return String.join(", ", parts);
        }
        return value.asText();
    }

    /**
     * The checks that need neither the target's metadata nor the other records: a required field empty, an invalid
     * value that rejects. A record failing them is not a candidate for unique values (it will be rejected anyway, and
     * must not make a valid record with a higher id look like a duplicate).
     */
    public Optional<Rejection> preValidate(ResourceMapping m, SourceRecordEnvelope envelope, String phoneRegion) {
        if (!Rules.hasUsableId(envelope.payload())) {
            return Optional.of(Rules.idMissing(envelope.sourceId()));
        }
        if (envelope.deleted()) {
            return Optional.of(Rules.recordDeleted());
        }
        ObjectNode payload = envelope.payload();
        String collection = m.target() == null ? null : m.target().settingsModule();
        // Target fields whose presence this check can tell (no target, no other record needed), and what it found.
        Map<String, Boolean> presence = new LinkedHashMap<>();
        Map<String, String> droppedAs = new LinkedHashMap<>();
        for (FieldRule rule : m.fields()) {
            if (rule.reference() != null) {
                if (rule.reference().from().readText(payload) == null) {
                    Rejection missing = missingReference(rule, m.target());
                    if (missing != null) {
                        return Optional.of(missing);
                    }
                }
                continue;
            }
            if (rule.needsTarget()) {
                continue;
            }
            JsonNode value = rule.read(payload);
            TransformContext tc = new TransformContext(rule.sourceLabel(), collection, rule.targetName(), null, phoneRegion);
            boolean invalid = false;
            for (Transform t : rule.transforms()) {
                TransformResult r = t.apply(value, tc);
                if (r.isInvalid()) {
                    if (rule.onInvalid() == FieldRule.OnInvalid.REJECT) {
                        return Optional.of(Rules.invalid(r.rule(), rule.sourceLabel(), r.reason()));
                    }
                    droppedAs.put(rule.to(), r.rule());
                    invalid = true;
                    break;
                }
                value = r.value();
            }
            if ((invalid || value == null) && rule.required() != null) {
                return Optional.of(Rules.required(rule.required(), rule.sourceLabel(), singular(m.target())));
            }
            // A custom field is sent only when the account has it (or it is essential): unknown without the target.
            if (!rule.isCustomField() || rule.essential()) {
                presence.put(rule.to(), !invalid && present(value));
            }
        }
        for (RequireAnyRule any : m.requireAny()) {
            // Decided only when every field of the group could be judged here; otherwise mapping decides later.
            if (presence.keySet().containsAll(any.fields()) && any.fields().stream().noneMatch(presence::get)) {
                return Optional.of(noneOf(m, any, droppedAs, m.target()));
            }
        }
        return Optional.empty();
    }

    /**
     * A value another record keeps (the lower source id) moves from its target field to {@code u.keepIn()}, with a
     * note: family members sharing one address stay distinct contacts, reached by their other channels. Returns the
     * rejection when none is left then ({@code contact.unreachable}, naming the shared address as the reason).
     */
    private static Optional<Rejection> moveShared(ResourceMapping m, UniqueRule u, String keeper, ObjectNode fields,
            List<String> notes, Map<String, String> droppedAs, FreshsalesTarget target) {
        for (FieldRule rule : m.fields()) {
            if (rule.from().size() != 1 || !rule.from().get(0).equals(u.field())) {
                continue;
            }
            JsonNode value = get(fields, rule.to());
            if (value == null) {
                continue;
            }
            remove(fields, rule.to());
            // A custom field holds text: of Freshsales' e-mail list ([{value, is_primary}]) the address is kept.
            put(fields, u.keepIn(), value.isArray() && value.size() > 0 && value.get(0).has("value")
                    ? value.get(0).get("value") : value);
            String shared = "shared with " + m.resource().path() + " " + keeper + ", which has the lower id and keeps it"
                    + " (" + u.rule() + ")";
            notes.add(rule.to() + " kept in " + u.keepIn().substring(u.keepIn().indexOf('.') + 1) + ": the "
                    + rule.sourceLabel() + " is " + shared);
            droppedAs.put(rule.to(), shared);
        }
        for (RequireAnyRule any : m.requireAny()) {
            if (any.fields().stream().noneMatch(f -> present(get(fields, f)))) {
                return Optional.of(noneOf(m, any, droppedAs, target));
            }
        }
        return Optional.empty();
    }

    private static void remove(ObjectNode fields, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            fields.remove(path);
        } else if (fields.get(path.substring(0, dot)) instanceof ObjectNode inner) {
            inner.remove(path.substring(dot + 1));
        }
    }

    private static Rejection noneOf(ResourceMapping m, RequireAnyRule any, Map<String, String> droppedAs,
            FreshsalesTarget target) {
        Map<String, String> leftOut = new LinkedHashMap<>();
        for (FieldRule rule : m.fields()) {
            if (any.fields().contains(rule.to()) && droppedAs.containsKey(rule.to())) {
                leftOut.put(rule.sourceLabel(), droppedAs.get(rule.to()));
            }
        }
        return Rules.noneOf(any.rule(), any.sourceFields(), any.fields(), singular(target), leftOut);
    }

    /** A value that would be sent: not null, not blank text, not an empty list or object. */
    private static boolean present(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isBlank();
        }
        return !value.isContainerNode() || !value.isEmpty();
    }

    /** The record's values under each uniqueness rule (rule → normalised value); empty values are not keys. */
    public Map<String, String> uniqueKeys(ResourceMapping m, SourceRecordEnvelope envelope, String phoneRegion) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (UniqueRule u : m.unique()) {
            String key = uniqueKey(u, envelope.payload(), phoneRegion);
            if (key != null) {
                // A module's records are unique per patient within their own module only.
                keys.put(u.rule(), m.module() != null ? ModuleRecords.uniqueKey(envelope, key) : key);
            }
        }
        return keys;
    }

    /**
     * The records this one must find in the source for it to be mapped at all: every reference whose rule rejects
     * an unknown target ({@code if-unknown: reject}), as (resource, id). A unique value's holder that points at a
     * clinic Dr.DENTES does not have will be rejected, so it must not keep the value from the next family member.
     */
    public List<Map.Entry<SourceResource, String>> rejectingReferences(ResourceMapping m, SourceRecordEnvelope envelope) {
        List<Map.Entry<SourceResource, String>> refs = new ArrayList<>();
        for (FieldRule rule : m.fields()) {
            ReferenceRule ref = rule.reference();
            if (ref == null || ref.ifUnknown() != ReferenceRule.IfUnknown.REJECT) {
                continue;
            }
            String id = ref.from().readText(envelope.payload());
            if (id != null && !(ref.resource() == m.resource() && id.equals(envelope.sourceId()))) {
                refs.add(Map.entry(ref.resource(), id));
            }
        }
        return refs;
    }

    private static String uniqueKey(UniqueRule u, ObjectNode payload, String phoneRegion) {
        JsonNode value = u.field().read(payload);
        TransformContext tc = new TransformContext(u.field().dotted(), null, null, null, phoneRegion);
        for (Transform t : u.transforms()) {
            TransformResult r = t.apply(value, tc);
            if (r.isInvalid()) {
                return null;
            }
            value = r.value();
        }
        return value == null || !value.isValueNode() ? null : value.asText();
    }

    /** What a link check found: nothing in the way (both null), a rejection, or a parent to wait for. */
    record LinkCheck(Rejection rejection, String waitingFor) {
        static final LinkCheck FINE = new LinkCheck(null, null);

        static LinkCheck rejected(Rejection r) {
            return new LinkCheck(r, null);
        }
    }

    /**
     * A value that disagrees with its parent's (a billing record's currency with its case's): judged after the field
     * rules, so the parent is known and decided; nothing to disagree about when either side is empty.
     */
    private static Optional<Rejection> disagreement(AgreeRule a, ObjectNode payload, MappingContext ctx) {
        String parentId = a.via().readText(payload);
        String own = a.field().readText(payload);
        if (parentId == null || own == null || own.isBlank()) {
            return Optional.empty();
        }
        Optional<String> theirs = ctx.references().fact(a.resource(), parentId.strip(), a.parentField());
        if (theirs.isEmpty() || theirs.get().strip().toLowerCase(java.util.Locale.ROOT)
                .equals(own.strip().toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(Rules.disagrees(a.rule(), a.field().dotted(), own.strip(), a.resource().path(),
                parentId.strip(), theirs.get().strip()));
    }

    /**
     * What an empty link does: the field's own {@code required} rule when it names one ({@code billing.no-case} says
     * more than {@code reference.missing}), else {@code reference.missing} when the link rejects, else nothing (null).
     */
    private static Rejection missingReference(FieldRule rule, FreshsalesTarget target) {
        ReferenceRule ref = rule.reference();
        if (rule.required() != null) {
            return Rules.required(rule.required(), ref.from().dotted(), singular(target));
        }
        return ref.ifMissing() == ReferenceRule.IfMissing.REJECT
                ? Rules.referenceMissing(ref.from().dotted(), ref.resource().path()) : null;
    }

    static LinkCheck reference(ResourceMapping m, FieldRule rule, SourceRecordEnvelope envelope,
            MappingContext ctx, ObjectNode fields, List<String> notes, List<TypedRef> after) {
        ReferenceRule ref = rule.reference();
        String from = ref.from().dotted();
        String id = ref.from().readText(envelope.payload());
        if (id == null) {
            Rejection missing = missingReference(rule, m.target());
            return missing != null ? LinkCheck.rejected(missing) : LinkCheck.FINE;
        }
        if (ref.resource() == m.resource() && id.equals(envelope.sourceId())) {
            notes.add(rule.to() + " left out: the " + from + " points at the record itself");
            return LinkCheck.FINE;
        }
        ReferenceIndex.State state = ctx.references().state(ref.resource(), id);
        if (state != ReferenceIndex.State.KNOWN) {
            boolean deleted = state == ReferenceIndex.State.DELETED;
            if (ref.ifUnknown() == ReferenceRule.IfUnknown.REJECT) {
                return LinkCheck.rejected(Rules.referenceUnknown(from, ref.resource().path(), id, deleted));
            }
            notes.add(rule.to() + " left out (" + Rules.REFERENCE_UNKNOWN + "): the " + from + " points at "
                    + ref.resource().path() + " " + id + ", which " + (deleted ? "is deleted" : "does not exist")
                    + " in Dr.DENTES");
            return LinkCheck.FINE;
        }
        // A parent of another resource must be decided first: its rejection is this record's answer (or costs an
        // optional link), never a command the loader parks for a day. A link within one resource (a parent clinic)
        // is not waited for, so a cycle in the source cannot hold both records forever.
        if (ref.resource() != m.resource()) {
            ParentDecisions.Decision d = ctx.decisions().of(ref.resource(), id);
            if (d.kind() == ParentDecisions.Kind.UNDECIDED) {
                return new LinkCheck(null, ref.resource().path() + " " + id + " to be mapped");
            }
            if (d.kind() == ParentDecisions.Kind.REJECTED) {
                if (!ref.optional()) {
                    return LinkCheck.rejected(Rules.parentRejected(from, ref.resource().path(), id, d.rule()));
                }
                notes.add(rule.to() + " left out (" + Rules.PARENT_REJECTED + "): the " + from + " points at "
                        + ref.resource().path() + " " + id + ", which was rejected (" + d.rule() + ")");
                return LinkCheck.FINE;
            }
            if (d.target() == FreshsalesTarget.LEAD && m.target() != FreshsalesTarget.LEAD) {
                // A Classic lead's id would land where a contact's belongs (targetable_id with targetable_type
                // Contact, contacts_added_list, cf_patient): never bound, the record says why (issue 10).
                if (!ref.optional()) {
                    return LinkCheck.rejected(Rules.parentIsLead(from, ref.resource().path(), id, m.target()));
                }
                notes.add(rule.to() + " left out (" + Rules.PARENT_LEAD + "): the " + from + " points at "
                        + ref.resource().path() + " " + id + ", which became a lead on Freshsales Classic");
                return LinkCheck.FINE;
            }
        }
        ObjectNode node = new TypedRef(ref.resource(), id, ref.optional()).toNode();
        switch (ref.shape()) {
            case PRIMARY_ACCOUNT -> {
                ObjectNode entry = JSON.objectNode();
                entry.set("id", node);
                entry.put("is_primary", true);
                fields.set(rule.to(), JSON.arrayNode().add(entry));
            }
            case ID_LIST -> fields.set(rule.to(), JSON.arrayNode().add(node));
            case ONTO -> {
                // The referenced record's own identifier, and its write first: this one only adds fields to it.
                put(fields, rule.to(), TextNode.valueOf(id));
                after.add(TypedRef.required(ref.resource(), id));
            }
            default -> put(fields, rule.to(), node);
        }
        return LinkCheck.FINE;
    }

    /**
     * A deal's line items ({@code products}) from the source list, and the items' tooth numbers as text. Returns what
     * the deal must wait for (a product of the run not decided yet), or null.
     */
    private static String lineItems(LineItemsRule rule, ObjectNode payload, MappingContext ctx, ObjectNode fields,
            List<String> notes) {
        JsonNode items = rule.from().read(payload);
        if (items == null || !items.isArray()) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ArrayNode lines = JSON.arrayNode();
        List<String> teeth = new ArrayList<>();
        int n = 0;
        for (JsonNode item : items) {
            n++;
            String what = "line item " + n + " (" + rule.from().dotted() + "[" + (n - 1) + "])";
            JsonNode pid = item.get(rule.product());
            String productId = pid == null || pid.isNull() || !pid.isValueNode() || pid.asText().isBlank() ? null
                    : pid.asText();
            if (productId == null) {
                notes.add(what + " left out: it names no product");
                continue;
            }
            ReferenceIndex.State state = ctx.references().state(SourceResource.PRODUCTS, productId);
            if (state != ReferenceIndex.State.KNOWN) {
                notes.add(what + " left out (" + Rules.REFERENCE_UNKNOWN + "): product " + productId + " "
                        + (state == ReferenceIndex.State.DELETED ? "is deleted" : "does not exist") + " in Dr.DENTES");
                continue;
            }
            ParentDecisions.Decision d = ctx.decisions().of(SourceResource.PRODUCTS, productId);
            if (d.kind() == ParentDecisions.Kind.UNDECIDED) {
                return "products " + productId + " to be mapped";
            }
            if (d.kind() == ParentDecisions.Kind.REJECTED) {
                notes.add(what + " left out (" + Rules.PARENT_REJECTED + "): product " + productId + " was rejected ("
                        + d.rule() + ")");
                continue;
            }
            if (ctx.references().fact(SourceResource.PRODUCTS, productId, "active").filter("false"::equalsIgnoreCase)
                    .isPresent()) {
                // A retired treatment code on a procedure charged while it was in use: kept as charged (the deal's
                // value depends on it), and said, so a person can tell a historical line from a data error.
                notes.add(what + ": product " + productId + " is inactive in Dr.DENTES (a retired code); the line is"
                        + " kept as charged, on the product Freshsales also holds as inactive");
            }
            ObjectNode line = lines.addObject();
            line.set("id", new TypedRef(SourceResource.PRODUCTS, productId, true).toNode());
            java.math.BigDecimal quantity = number(item.get(rule.quantity()));
            if (quantity == null || quantity.signum() <= 0) {
                if (item.hasNonNull(rule.quantity())) {
                    notes.add(what + ": the " + rule.quantity() + " is no positive number, 1 is sent");
                }
                quantity = java.math.BigDecimal.ONE;
            }
            line.put("quantity", quantity);
            java.math.BigDecimal price = number(item.get(rule.unitPrice()));
            if (price != null) {
                line.put("unit_price", price);
            } else if (item.hasNonNull(rule.unitPrice())) {
                notes.add(what + ": the " + rule.unitPrice() + " is not a decimal number; the product's own price"
                        + " applies");
            }
            if (rule.tooth() != null && item.hasNonNull(rule.tooth()) && !item.get(rule.tooth()).asText().isBlank()) {
                teeth.add(item.get(rule.tooth()).asText().strip());
            }
        }
        if (!lines.isEmpty()) {
            fields.set("products", lines);
        }
        if (rule.teethTo() != null && !teeth.isEmpty()) {
            put(fields, rule.teethTo(), TextNode.valueOf(String.join(", ", teeth)));
        }
        return null;
    }

    /** A number from a JSON number or a decimal text ({@link DecimalText}), or null. */
    private static java.math.BigDecimal number(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        return v.isTextual() ? DecimalText.parse(v.asText()).orElse(null) : null;
    }

    /** A product's price in its currency, as Freshsales keeps it: one entry of {@code product_pricings}. */
    private static void price(PriceRule rule, ObjectNode payload, ObjectNode fields, List<String> notes) {
        JsonNode amount = rule.amount().read(payload);
        if (amount == null || amount.isNull() || amount.isTextual() && amount.asText().isBlank()) {
            return;
        }
        java.math.BigDecimal value = number(amount);
        String currency = rule.currency().readText(payload);
        if (value == null) {
            notes.add("product_pricings left out (" + Rules.VALUE_NOT_A_NUMBER + "): the " + rule.amount().dotted()
                    + " is not a decimal number");
            return;
        }
        if (currency == null || currency.isBlank()) {
            notes.add("product_pricings left out: the record has no " + rule.currency().dotted());
            return;
        }
        ObjectNode entry = JSON.objectNode();
        entry.put("currency_code", currency.strip().toUpperCase(java.util.Locale.ROOT));
        entry.put("unit_price", value);
        fields.set("product_pricings", JSON.arrayNode().add(entry));
    }

    /**
     * A deal's pipeline, stage and probability from the source's stage code. Never rejects: a code without a
     * translation, or a stage the pipeline lacks, leaves the stage out (the deal starts in the pipeline's first
     * stage) with a note, and a missing stage or pipeline goes on the checklist as a choice to add.
     */
    private static void stage(StageRule rule, ObjectNode payload, MappingContext ctx, ObjectNode fields,
            List<String> notes, List<ChoiceGap> choiceGaps) {
        String collection = FreshsalesTarget.DEAL.path();
        Optional<TargetMetadata.DealPipeline> pipeline = rule.pipelines().stream()
                .map(p -> ctx.target().dealPipeline(p)).flatMap(Optional::stream).findFirst();
        if (pipeline.isEmpty()) {
            choiceGaps.add(new ChoiceGap(collection, "deal_pipeline_id", rule.pipelines().get(0)));
            notes.add("deal_pipeline_id left out (" + Rules.STAGE_UNKNOWN + "): the Freshsales account has no pipeline"
                    + " named " + String.join(" or ", rule.pipelines()));
            return;
        }
        fields.put("deal_pipeline_id", pipeline.get().id());
        String code = rule.from().readText(payload);
        if (code == null) {
            notes.add("deal_stage_id left out: the record has no " + rule.from().dotted());
            return;
        }
        List<String> names = rule.table().get(code);
        if (names == null) {
            names = rule.table().entrySet().stream().filter(e -> TextKeys.loose(e.getKey()).equals(TextKeys.loose(code)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (names == null) {
            notes.add("deal_stage_id left out (" + Rules.VALUE_UNMAPPED + "): the " + rule.from().dotted()
                    + " has no entry in the spec's " + rule.tableName() + " table");
            return;
        }
        for (String name : names) {
            Optional<TargetMetadata.DealStage> hit = TargetView.dealStage(pipeline.get(), name);
            if (hit.isPresent()) {
                fields.put("deal_stage_id", hit.get().id());
                if (hit.get().probability() != null) {
                    fields.put("probability", hit.get().probability());
                }
                return;
            }
        }
        choiceGaps.add(new ChoiceGap(collection, "deal_stage_id", names.get(0)));
        notes.add("deal_stage_id left out (" + Rules.STAGE_UNKNOWN + "): pipeline " + pipeline.get().name()
                + " has no stage named " + String.join(" or ", names) + "; the deal starts in its first stage");
    }

    private static FreshsalesTarget lifecycle(LifecycleRule rule, ObjectNode payload, MappingContext ctx,
            ObjectNode fields, List<String> notes, FreshsalesTarget target) {
        boolean converted = rule.convertedWhenPresent().readText(payload) != null;
        if (!converted && ctx.edition() == Edition.CLASSIC) {
            for (String f : List.of("sales_accounts", "lifecycle_stage_id", "contact_status_id")) {
                if (fields.remove(f) != null) {
                    notes.add(f + " left out: Freshsales Classic leads have no such field");
                }
            }
            return FreshsalesTarget.LEAD;
        }
        String type = converted ? rule.convertedStageType() : rule.unconvertedStageType();
        Optional<LifecycleStage> stage = ctx.target().lifecycleStageOfType(type);
        if (stage.isEmpty()) {
            notes.add("lifecycle_stage_id left out: the Freshsales account has no lifecycle stage of type " + type);
            return target;
        }
        fields.put("lifecycle_stage_id", stage.get().id());
        JsonNode status = fields.get("contact_status_id");
        if (status != null && !stage.get().contactStatusIds().isEmpty()
                && !stage.get().contactStatusIds().contains(status.asLong())) {
            fields.remove("contact_status_id");
            notes.add("contact_status_id left out: the status does not belong to the " + stage.get().name()
                    + " lifecycle stage");
        }
        return target;
    }

    private static void owner(OwnerRule rule, ObjectNode payload, MappingContext ctx, ObjectNode fields,
            List<String> notes) {
        String practitioner = rule.from().readText(payload);
        String reason;
        if (practitioner == null) {
            reason = "the record has no " + rule.from().dotted();
        } else {
            OwnerDirectory.Resolution r = ctx.owners().resolve(practitioner);
            switch (r.status()) {
                case MATCHED -> {
                    fields.put(rule.to(), r.userId());
                    return;
                }
                case USER_INACTIVE -> reason = "practitioner " + practitioner + "'s Freshsales user is inactive";
                case UNMATCHED -> reason = "practitioner " + practitioner + " has no Freshsales user";
                case DELETED -> reason = "practitioner " + practitioner + " is deleted in Dr.DENTES";
                default -> reason = "practitioner " + practitioner + " does not exist in Dr.DENTES";
            }
        }
        if (rule.officeManagerOf() != null) {
            String clinic = rule.officeManagerOf().readText(payload);
            Optional<Long> manager = clinic == null ? Optional.empty() : ctx.owners().officeManagerOf(clinic);
            if (manager.isPresent()) {
                fields.put(rule.to(), manager.get());
                notes.add("owner is the office manager of clinic " + clinic + ": " + reason);
                return;
            }
            reason += clinic == null ? ", and the record names no clinic"
                    : ", and clinic " + clinic + " has no office manager with a Freshsales user";
        }
        OwnerFallback fallback = ctx.fallback();
        if (fallback.userId() != null) {
            fields.put(rule.to(), fallback.userId());
            notes.add("owner fell back to the default user: " + reason);
        } else {
            notes.add("no owner set: " + reason + ", and " + (fallback.configured()
                    ? "the configured fallback owner is not a user of the Freshsales account"
                    : "no fallback owner is configured (ferry.mapper.fallback-owner-email)"));
        }
    }

    private static void customFields(ResourceMapping m, CustomFieldsRule rule, ObjectNode payload, MappingContext ctx,
            ObjectNode fields, List<String> notes, List<FieldGap> gaps) {
        JsonNode values = rule.from().read(payload);
        if (values == null || !values.isObject()) {
            return;
        }
        String collection = m.target().settingsModule();
        for (String key : new TreeSet<>(names(values))) {
            JsonNode value = values.get(key);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                continue;
            }
            String name = rule.prefix() + slug(key);
            String label = rule.from().dotted() + "." + key;
            Optional<FieldDef> def = ctx.target().field(collection, name);
            if (def.isEmpty()) {
                gaps.add(new FieldGap(collection, name, m.resource(), label, inferType(value), false));
                continue;
            }
            TransformContext tc = new TransformContext(label, collection, name, ctx.target(), ctx.phoneRegion());
            TransformResult r = coerce(def.get(), value, tc);
            if (r.isInvalid()) {
                // No missing-choice line here: the practice's custom fields hold free text, which must not be copied
                // into a list; only choices of spec-declared pick-lists (codes) are.
                notes.add(FieldRule.CUSTOM_FIELD + "." + name + " left out (" + r.rule() + "): the " + label + " "
                        + r.reason());
                continue;
            }
            if (r.value() != null) {
                put(fields, FieldRule.CUSTOM_FIELD + "." + name, r.value());
            }
        }
    }

    /** Fits a value to a target field's type, with the same steps a spec would name. */
    private static TransformResult coerce(FieldDef def, JsonNode value, TransformContext tc) {
        String type = def.type() == null ? "text" : TextKeys.fold(def.type());
        Map<String, Map<String, List<String>>> none = Map.of();
        return switch (type) {
            case "number" -> Transforms.create("integer", null, none).apply(value, tc);
            case "decimal", "currency" -> value.isNumber() ? TransformResult.ok(value) : decimal(value);
            case "checkbox", "boolean" -> Transforms.create("boolean", null, none).apply(value, tc);
            case "date" -> Transforms.create("date", null, none).apply(value, tc);
            case "dropdown", "radio" -> Transforms.create("picklist", null, none).apply(value, tc);
            default -> value.isValueNode() ? TransformResult.ok(TextNode.valueOf(value.asText()))
                    : TransformResult.invalid(Rules.VALUE_UNMAPPED, "is a structure, not a value a "
                    + def.type() + " field holds");
        };
    }

    private static TransformResult decimal(JsonNode value) {
        if (value.isTextual()) {
            try {
                return TransformResult.ok(JSON.numberNode(new java.math.BigDecimal(value.asText().strip())));
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        return TransformResult.invalid(Rules.VALUE_NOT_AN_INTEGER, "is not a number");
    }

    /** The Freshsales type a checklist line proposes for a custom value nobody declared. */
    static String inferType(JsonNode value) {
        if (value.isBoolean()) {
            return "checkbox";
        }
        if (value.isIntegralNumber()) {
            return "number";
        }
        if (value.isNumber()) {
            return "decimal";
        }
        if (value.isArray()) {
            return "multi_select_dropdown";
        }
        if (value.isTextual()) {
            String s = value.asText();
            if (ISO_DATE.matcher(s).matches()) {
                return "date";
            }
            if (ISO_DATE_TIME.matcher(s).matches()) {
                return "date_time";
            }
            return s.length() > 255 ? "paragraph" : "text";
        }
        return "text";
    }

    /** A source key as a Freshsales field name part: ASCII, lower case, underscores (custom modules use it too). */
    public static String slug(String key) {
        String s = NOT_SLUG.matcher(TextKeys.ascii(key)).replaceAll("_");
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '_') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '_') {
            end--;
        }
        return s.substring(start, end);
    }

    private static String singular(FreshsalesTarget target) {
        String root = target == null ? null : target.rootKey(null);
        return root == null ? "record" : root.replace('_', ' ');
    }

    static void put(ObjectNode fields, String path, JsonNode value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            fields.set(path, value);
            return;
        }
        ObjectNode inner = fields.has(path.substring(0, dot)) && fields.get(path.substring(0, dot)).isObject()
                ? (ObjectNode) fields.get(path.substring(0, dot)) : fields.putObject(path.substring(0, dot));
        inner.set(path.substring(dot + 1), value);
    }

    private static JsonNode get(ObjectNode fields, String path) {
        int dot = path.indexOf('.');
        JsonNode v = dot < 0 ? fields.get(path) : fields.path(path.substring(0, dot)).get(path.substring(dot + 1));
        return v == null || v.isNull() ? null : v;
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
