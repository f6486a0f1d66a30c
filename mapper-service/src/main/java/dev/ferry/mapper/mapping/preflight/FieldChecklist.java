package dev.ferry.mapper.mapping.preflight;

import dev.ferry.contracts.TargetMetadata.Choice;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.proposal.DiscoveredSchema;
import dev.ferry.mapper.mapping.proposal.FieldScorer;
import dev.ferry.mapper.mapping.proposal.MapProposal.NewField;
import dev.ferry.mapper.mapping.proposal.SourceField;
import dev.ferry.mapper.mapping.proposal.SourceFields;
import dev.ferry.mapper.mapping.proposal.TypeFit;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.mapping.spec.TextRule;
import dev.ferry.sourcetext.TextKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The field-creation checklist of a confirmed map: every custom field ({@code cf_*}) the map writes, in the collection
 * it writes it to, checked against the account's field catalogue as the loader reads it now. The fields come from
 * the same place a proposal takes them ({@link SourceFields}: the map's field rules, and with a discovery report the
 * practice's custom-field keys and custom-module fields), plus the custom fields a map names outside its field rules
 * (line items' tooth numbers, a uniqueness rule's {@code keep-in}, composed text fields). The type to create is the
 * one a proposal would propose ({@link FieldScorer#newField}).
 *
 * <p>A custom field or custom module the account lacks blocks: its values would be left out of every record. A
 * dropdown lacking a value the map sends blocks too (records with that value lose the field). A field whose type
 * fits less than half ({@link TypeFit}: a date or a number kept as text) does not block (the run checks each value)
 * but is said.
 */
public final class FieldChecklist {

    /** Where a line stands against the account now. */
    public enum Status {
        /** The account has the field (with every value the map sends). */
        PRESENT,
        /** Create the field. */
        MISSING,
        /** The collection itself is missing: a custom module to create, then its fields. */
        MODULE_MISSING,
        /** The dropdown lacks some values the map sends. */
        CHOICES_MISSING,
        /** The account has the field with a type that only partly fits (or does not fit) what the map sends. */
        TYPE_DIFFERS
    }

    /**
     * One line of the admin's checklist.
     *
     * @param module the Freshsales collection ({@code contacts}, {@code deals}, {@code cm_imaging_record})
     * @param name the field's API name ({@code cf_allergies})
     * @param label the label to give it
     * @param type the type to create (text, number, currency, date, checkbox, dropdown)
     * @param choices the pick-list values (dropdowns): every value when the field is to be created, the missing ones
     *     when it exists
     * @param source where its values come from ({@code patients.custom_fields.allergies})
     * @param existingType the type the account has, when it has the field
     */
    public record Line(String module, String name, String label, String type, List<String> choices, String source,
            Status status, String existingType) {
    }

    /** The lowest {@link TypeFit} taken as fitting. */
    static final double TYPE_FITS = 0.5;

    private FieldChecklist() {
    }

    public static List<Line> of(CompiledSpec map, DiscoveredSchema schema, TargetView target) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (SourceField f : SourceFields.of(map, schema).fields()) {
            if (f.specTarget() == null || !f.specTarget().startsWith("cf_")) {
                continue;
            }
            lines.putIfAbsent(f.collection() + "." + f.specTarget(), line(f, target));
        }
        for (SourceField f : extraFields(map)) {
            lines.putIfAbsent(f.collection() + "." + f.specTarget(), line(f, target));
        }
        return List.copyOf(lines.values());
    }

    /** The blocking (and worth-saying) findings of the lines. */
    public static List<Finding> findings(List<Line> lines) {
        List<Finding> out = new ArrayList<>();
        Set<String> modulesSaid = new java.util.HashSet<>();
        for (Line l : lines) {
            String subject = l.module() + "." + l.name();
            switch (l.status()) {
                case PRESENT -> {
                }
                case MODULE_MISSING -> {
                    if (modulesSaid.add(l.module())) {
                        List<String> names = lines.stream().filter(x -> x.module().equals(l.module()))
                                .map(Line::name).toList();
                        out.add(Finding.block("fields", l.module(), "the account has no custom module " + l.module()
                                + " (the map writes " + String.join(", ", names) + " to it)",
                                "create the custom module " + l.module() + " in Admin Settings > Module customization,"
                                        + " then its fields as the checklist lists them"));
                    }
                }
                case MISSING -> out.add(Finding.block("fields", subject, "the account has no field " + l.name()
                        + " in " + l.module() + " (values of " + l.source() + " would be left out)",
                        "create the custom field: module " + l.module() + ", label \"" + l.label() + "\", type "
                                + l.type() + (l.choices().isEmpty() ? "" : ", values " + String.join(" | ", l.choices()))));
                case CHOICES_MISSING -> out.add(Finding.block("fields", subject, "the dropdown lacks "
                        + l.choices().size() + " value(s) the map sends: " + String.join(", ", l.choices()),
                        "add the values to the dropdown " + l.name() + " of " + l.module()
                                + " (records with them would lose the field)"));
                case TYPE_DIFFERS -> out.add(Finding.note("fields", subject, "the field is a " + l.existingType()
                        + "; the map sends " + l.type(), "values that do not fit a " + l.existingType()
                                + " are left out with a note; change the field's type if that matters"));
            }
        }
        return out;
    }

    private static Line line(SourceField f, TargetView target) {
        NewField created = FieldScorer.newField(f);
        String name = f.specTarget();
        // A field the map names is labelled after its name (cf_billing_id: "Billing id"), not after a source field
        // as bare as "id"; a practice's key keeps its own words.
        NewField proposed = "spec".equals(f.origin()) ? new NewField(name, FieldScorer.label(name.substring(3)),
                created.type(), created.choices()) : created;
        if (!target.knowsFieldsOf(f.collection())) {
            Status status = f.collection().startsWith("cm_") ? Status.MODULE_MISSING : Status.MISSING;
            return new Line(f.collection(), name, proposed.label(), proposed.type(), orEmpty(proposed.choices()),
                    f.resource() + "." + f.field(), status, null);
        }
        FieldDef def = target.field(f.collection(), name).orElse(null);
        if (def == null) {
            return new Line(f.collection(), name, proposed.label(), proposed.type(), orEmpty(proposed.choices()),
                    f.resource() + "." + f.field(), Status.MISSING, null);
        }
        String label = def.label() == null ? proposed.label() : def.label();
        if (!def.choices().isEmpty() && !f.values().isEmpty()) {
            Set<String> have = def.choices().stream().map(Choice::value).filter(v -> v != null)
                    .map(TextKeys::loose).collect(Collectors.toSet());
            List<String> missing = f.values().stream().filter(v -> !have.contains(TextKeys.loose(v))).toList();
            if (!missing.isEmpty()) {
                return new Line(f.collection(), name, label, def.type(), missing, f.resource() + "." + f.field(),
                        Status.CHOICES_MISSING, def.type());
            }
        }
        // Below half a fit the values lose what their type gives them (a date kept as text cannot be filtered); a
        // pick-list value written to a text field is fine (the picklist step passes text fields).
        Status status = def.type() == null || TypeFit.of(f.type(), def.type()) >= TYPE_FITS ? Status.PRESENT
                : Status.TYPE_DIFFERS;
        return new Line(f.collection(), name, label, status == Status.PRESENT ? def.type() : proposed.type(),
                List.of(), f.resource() + "." + f.field(), status, def.type());
    }

    /** Custom fields a map writes outside its field rules. */
    private static List<SourceField> extraFields(CompiledSpec map) {
        List<SourceField> out = new ArrayList<>();
        for (ResourceMapping m : map.mappings().values()) {
            if (m.target() == null || m.target() == dev.ferry.contracts.FreshsalesTarget.CUSTOM_MODULE_RECORD) {
                continue;
            }
            String collection = m.target().settingsModule();
            String resource = m.resource().path();
            if (m.lineItems() != null && m.lineItems().teethTo() != null) {
                add(out, resource, m.lineItems().from().dotted() + "." + m.lineItems().tooth(), collection,
                        m.lineItems().teethTo());
            }
            m.unique().stream().filter(u -> u.keepIn() != null)
                    .forEach(u -> add(out, resource, u.field().dotted(), collection, u.keepIn()));
            for (TextRule t : m.texts()) {
                add(out, resource, "(" + t.lines().size() + " labelled lines)", collection, t.to());
            }
        }
        return out;
    }

    private static void add(List<SourceField> out, String resource, String field, String collection, String to) {
        String name = to.startsWith("custom_field.") ? to.substring("custom_field.".length()) : to;
        if (name.startsWith("cf_")) {
            out.add(new SourceField(resource, field, "spec", collection, "text", List.of(), name, null));
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
