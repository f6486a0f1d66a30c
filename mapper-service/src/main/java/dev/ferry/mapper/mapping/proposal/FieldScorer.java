package dev.ferry.mapper.mapping.proposal;

import dev.ferry.contracts.TargetMetadata.Choice;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.mapper.mapping.proposal.MapProposal.Decision;
import dev.ferry.mapper.mapping.proposal.MapProposal.NewField;
import dev.ferry.mapper.mapping.proposal.MapProposal.ProposedField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places one source field in a Freshsales collection's field catalogue.
 *
 * <p>Every field of the collection is a candidate, scored {@code 0.55 name + 0.30 type + 0.15 pick-list}: the name
 * score is {@link NameSimilarity} (1 for the field the base spec or its naming rule already writes to), the type
 * score {@link TypeFit}, the pick-list score the share of the values the map sends that are choices of the field. The
 * best candidate at {@link #ACCEPT} or more whose name is at least {@link #NAME_ACCEPT} alike is proposed. Below that, a field can still match by type alone: when the
 * collection has exactly one custom field of the same specific type (date, number, checkbox, a dropdown holding every
 * value) that no other source field claims, it is proposed at a low confidence, marked for review. Otherwise a new
 * custom field of the right type is proposed.
 */
public final class FieldScorer {

    /** The lowest score proposed as a match on its own. */
    public static final double ACCEPT = 0.75;
    /**
     * The lowest name similarity a match by name needs: Jaro-Winkler gives unrelated words that share a first letter
     * 0.5 to 0.7, and type and pick-list fit alone must never make a name match.
     */
    public static final double NAME_ACCEPT = 0.85;
    /** The confidence of a match by type only: a guess a person must check. */
    public static final double TYPE_ONLY = 0.45;

    private static final Set<String> GENERIC = Set.of("text", "email", "phone_number");
    /** Field types that are links or groups, never a value's home. */
    private static final Set<String> STRUCTURAL = Set.of("auto_complete", "lookup", "group_field");

    private FieldScorer() {
    }

    /**
     * @param catalogue the collection's fields, or null when Freshsales lists no such collection
     * @param claimed the fields other source fields of the collection are written to by the spec
     */
    public static ProposedField place(SourceField f, List<FieldDef> catalogue, Set<String> claimed) {
        if (catalogue == null) {
            return create(f, List.of("Freshsales lists no " + f.collection() + ": "
                    + (f.collection().startsWith("cm_") ? "create the custom module, then its fields" : "unknown collection")));
        }
        List<Scored> scored = new ArrayList<>();
        for (FieldDef d : catalogue) {
            Scored s = score(f, d);
            if (s != null) {
                scored.add(s);
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::total).reversed().thenComparing(s -> s.def().name()));
        Scored best = scored.stream().filter(s -> s.name() >= NAME_ACCEPT && s.total() >= ACCEPT).findFirst()
                .orElse(null);
        if (best != null) {
            return existing(f, best, best.total(), !best.missing().isEmpty(), best.reasons());
        }
        if (!GENERIC.contains(f.type())) {
            List<Scored> byType = scored.stream().filter(s -> s.type() == 1.0 && s.choice() == 1.0)
                    .filter(s -> s.def().name().startsWith("cf_") && !claimed.contains(s.def().name()))
                    .toList();
            if (byType.size() == 1) {
                Scored only = byType.get(0);
                List<String> reasons = new ArrayList<>(only.reasons());
                reasons.add(0, "matched by type only: the one " + only.def().type() + " custom field of "
                        + f.collection() + " no other source field is written to; check that it means the same");
                return existing(f, only, TYPE_ONLY, true, reasons);
            }
        }
        List<String> reasons = new ArrayList<>();
        reasons.add("no field of " + f.collection() + " fits (a match needs a name similarity of " + NAME_ACCEPT
                + " and a score of " + ACCEPT + ")");
        if (!scored.isEmpty()) {
            Scored near = scored.get(0);
            reasons.add("closest: " + near.def().name() + " (" + round(near.total()) + "; "
                    + String.join("; ", near.reasons()) + ")");
        }
        return create(f, reasons);
    }

    private static Scored score(SourceField f, FieldDef d) {
        if (d.name() == null || STRUCTURAL.contains(d.type()) && !(f.type().equals("email") && "group_field".equals(d.type()))) {
            return null;
        }
        double type = TypeFit.of(f.type(), d.type());
        if (type == 0) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        double name;
        if (d.name().equals(f.specTarget())) {
            name = 1;
            reasons.add("the base spec writes " + f.field() + " to " + d.name() + ", and the account has it");
        } else {
            name = NameSimilarity.of(lastPart(f.field()), d.name(), d.label());
            reasons.add("name similarity " + round(name) + " (Jaro-Winkler, " + lastPart(f.field()) + " ~ "
                    + d.name() + (d.label() == null ? "" : " / " + d.label()) + ")");
        }
        reasons.add(type == 1 ? "type " + f.type() + " fits " + d.type()
                : "type " + f.type() + " only partly fits " + d.type() + " (" + round(type) + ")");
        double choice = 1;
        List<String> missing = List.of();
        if (!d.choices().isEmpty()) {
            if (f.values().isEmpty()) {
                choice = 0.5;
                reasons.add("the values are not known before a run; the run checks each against the "
                        + d.choices().size() + " choices");
            } else {
                Set<String> have = d.choices().stream().map(Choice::value).filter(v -> v != null)
                        .map(FieldScorer::key).collect(Collectors.toSet());
                missing = f.values().stream().filter(v -> !have.contains(key(v))).toList();
                choice = (double) (f.values().size() - missing.size()) / f.values().size();
                reasons.add(missing.isEmpty() ? "all " + f.values().size() + " values the map sends are choices"
                        : missing.size() + " of " + f.values().size() + " values the map sends are not choices: "
                                + String.join(", ", missing) + " (add them, or records with them lose the field)");
            }
        } else if (f.type().equals("dropdown") && "dropdown".equals(d.type())) {
            choice = 0.5;
            reasons.add("the dropdown lists no choices yet");
        }
        return new Scored(d, 0.55 * name + 0.30 * type + 0.15 * choice, name, type, choice, missing, reasons);
    }

    private static ProposedField existing(SourceField f, Scored s, double confidence, boolean review,
            List<String> reasons) {
        return new ProposedField(f.resource(), f.field(), f.origin(), f.type(), f.observed(), f.collection(),
                Decision.EXISTING, s.def().name(), s.def().label(), s.def().type(), round(confidence),
                review || confidence < ACCEPT, List.copyOf(reasons), s.missing().isEmpty() ? null : s.missing(), null);
    }

    /**
     * The custom field to create for a source field: the name the spec (or its naming rule) writes to, else
     * {@code cf_<key>}; a label from the key; the type its values need; a dropdown's values when the map knows them.
     * The proposal and preflight's field-creation checklist both use it, so they never propose different fields.
     */
    public static NewField newField(SourceField f) {
        String name = f.specTarget() != null && f.specTarget().startsWith("cf_") ? f.specTarget()
                : "cf_" + dev.ferry.mapper.mapping.spec.ModuleRule.part(lastPart(f.field()));
        String type = switch (f.type()) {
            case "dropdown", "number", "currency", "date", "date_time", "checkbox" -> f.type();
            case "decimal" -> "number";
            default -> "text";
        };
        boolean choices = type.equals("dropdown") && !f.values().isEmpty();
        return new NewField(name, label(lastPart(f.field())), type, choices ? f.values() : null);
    }

    private static ProposedField create(SourceField f, List<String> reasons) {
        NewField field = newField(f);
        String name = field.name();
        String type = field.type();
        boolean choices = field.choices() != null;
        List<String> all = new ArrayList<>(reasons);
        all.add("create " + name + " (" + type + (choices ? " with " + f.values().size() + " values"
                : type.equals("dropdown") ? "; its choices are the values the data holds, listed by the field checklist"
                        + " after a run" : "") + ") in " + f.collection());
        return new ProposedField(f.resource(), f.field(), f.origin(), f.type(), f.observed(), f.collection(),
                Decision.CREATE, name, field.label(), type, 0, true, List.copyOf(all), null, field);
    }

    private static String lastPart(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    /** A label from a key: {@code billing_id} gives {@code Billing id}. */
    public static String label(String key) {
        String words = key.replaceAll("[_\\-.]+", " ").strip();
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String key(String v) {
        return v.strip().toLowerCase(Locale.ROOT);
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    /** The fields a set of source fields is written to by the spec, per collection. */
    static Set<String> claims(Collection<SourceField> fields, String collection, SourceField except) {
        return fields.stream().filter(s -> s != except && collection.equals(s.collection()) && s.specTarget() != null)
                .map(SourceField::specTarget).collect(Collectors.toSet());
    }

    private record Scored(FieldDef def, double total, double name, double type, double choice, List<String> missing,
            List<String> reasons) {
    }
}
