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
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.ModuleDefinition.Cardinality;
import dev.ferry.mapper.mapping.spec.FieldRule;
import dev.ferry.mapper.mapping.spec.ModuleRule;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.mapping.transform.TransformContext;
import dev.ferry.mapper.mapping.transform.TransformResult;
import dev.ferry.mapper.mapping.transform.Transforms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps a custom-module record the way its module's definition says ({@link ModuleRule}). Order of work: deleted; the
 * module's definition (none: {@code module.unknown}); the patient (missing, unknown, rejected, or not decided yet:
 * wait); every declared value against its declared type ({@code module.value-type}, naming the field and the type,
 * never the value); then by cardinality: a second record of a ONE_PER_PATIENT module for the same patient is
 * rejected, the values become the contact's fields; a MANY_PER_PATIENT record becomes a record of the module's
 * Freshsales custom module, linked to the contact (and the case's deal). Values the definition does not declare are
 * left out with a note; a value whose target field the account lacks goes on the field checklist.
 */
final class ModuleRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** A NUMBER as text: the contract's decimal form only. "1.250,00" is text in a number field, not a number. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private ModuleRecords() {
    }

    /** The uniqueness key of a record within its own module: {@code <module key>/<patient id>}. */
    static String uniqueKey(SourceRecordEnvelope envelope, String patientId) {
        return envelope.moduleKey() + "/" + patientId;
    }

    static MappingResult map(ResourceMapping m, SourceRecordEnvelope envelope, MappingContext ctx) {
        List<FieldGap> gaps = new ArrayList<>();
        List<ChoiceGap> choiceGaps = new ArrayList<>();
        if (envelope.deleted()) {
            return new MappingResult.Rejected(Rules.recordDeleted(), gaps, choiceGaps);
        }
        ModuleRule rule = m.module();
        String moduleKey = envelope.moduleKey();
        Optional<ModuleDefinition> found = moduleKey == null ? Optional.empty()
                : ctx.references().moduleDefinition(rule.definitions(), moduleKey);
        if (found.isEmpty()) {
            return new MappingResult.Rejected(Rules.moduleUnknown(String.valueOf(moduleKey)), gaps, choiceGaps);
        }
        ModuleDefinition def = found.get();
        ObjectNode payload = envelope.payload();
        ObjectNode fields = JSON.objectNode();
        List<String> notes = new ArrayList<>();
        List<TypedRef> after = new ArrayList<>();
        boolean one = def.cardinality() == Cardinality.ONE_PER_PATIENT;

        // The patient first: its rejection, or its absence, is this record's answer whatever the values say. On
        // Classic a never-booked patient is a lead, which neither a module record's cf_patient nor a ONE_PER_PATIENT
        // module's contact fields can reach: the record ends parent.lead; a booked patient's contact takes it as on
        // Suite.
        MappingEngine.LinkCheck patient = MappingEngine.reference(m, rule.onto(), envelope, ctx,
                one ? fields : JSON.objectNode(), notes, one ? after : new ArrayList<>());
        if (patient.waitingFor() != null) {
            return new MappingResult.Waiting(patient.waitingFor());
        }
        if (patient.rejection() != null) {
            return new MappingResult.Rejected(patient.rejection(), gaps, choiceGaps);
        }

        JsonNode values = rule.values().read(payload);
        ObjectNode typed = JSON.objectNode();
        if (values != null && values.isObject()) {
            for (String key : new TreeSet<>(MappingEngine.names(values))) {
                JsonNode v = values.get(key);
                Optional<ModuleDefinition.Field> declared = def.field(key);
                if (declared.isEmpty()) {
                    String why = rule.notMigratedValues().get(key);
                    notes.add(rule.values().dotted() + "." + key + " not migrated: " + (why != null ? why
                            : "module " + moduleKey + "'s definition declares no such field"));
                    continue;
                }
                if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
                    continue;
                }
                Optional<String> misfit = misfit(v, declared.get());
                if (misfit.isPresent()) {
                    return new MappingResult.Rejected(Rules.moduleValueType(rule.values().dotted() + "." + key,
                            declared.get().type().name(), misfit.get()), gaps, choiceGaps);
                }
                typed.set(key, v.isTextual() && declared.get().type() == ModuleDefinition.Type.NUMBER
                        ? JSON.numberNode(new BigDecimal(v.asText().strip())) : v);
            }
        }

        String collection;
        if (one) {
            collection = FreshsalesTarget.CONTACT.settingsModule();
            String patientId = rule.onto().reference().from().readText(payload);
            Optional<String> keeper = ctx.unique().lowestHolder(m.resource(), rule.severalRule(),
                    uniqueKey(envelope, patientId.strip()));
            if (keeper.isPresent() && !keeper.get().equals(envelope.sourceId())) {
                return new MappingResult.Rejected(Rules.duplicate(rule.severalRule(),
                        rule.onto().reference().from().dotted(), m.resource().path(), keeper.get()), gaps, choiceGaps);
            }
        } else {
            collection = rule.entityOf(moduleKey);
            if (!ctx.target().knowsFieldsOf(collection)) {
                gaps.add(new FieldGap(collection, "name", m.resource(), "module " + moduleKey, "text", true));
                return new MappingResult.Rejected(Rules.moduleNoTarget(moduleKey, collection), gaps, choiceGaps);
            }
        }
        for (ModuleDefinition.Field f : def.fields()) {
            JsonNode v = typed.get(f.key());
            if (v == null) {
                continue;
            }
            String name = one ? rule.contactFieldOf(moduleKey, f.key()) : ModuleRule.recordFieldOf(f.key());
            String label = rule.values().dotted() + "." + f.key();
            Optional<TargetField> target = field(ctx, collection, name);
            if (target.isEmpty()) {
                gaps.add(new FieldGap(collection, name, m.resource(), moduleKey + "." + label, proposedType(f), false));
                continue;
            }
            JsonNode out = v;
            if (f.type() == ModuleDefinition.Type.CHOICE && target.get().dropdown()) {
                TransformResult r = Transforms.create("picklist", null, Map.of()).apply(v,
                        new TransformContext(label, collection, name, ctx.target(), ctx.phoneRegion()));
                if (r.isInvalid()) {
                    if (r.missingChoice() != null) {
                        choiceGaps.add(new ChoiceGap(collection, name, r.missingChoice()));
                    }
                    notes.add(FieldRule.CUSTOM_FIELD + "." + name + " left out (" + r.rule() + "): the " + label + " "
                            + r.reason());
                    continue;
                }
                out = r.value();
            } else if (f.type() != ModuleDefinition.Type.NUMBER && f.type() != ModuleDefinition.Type.BOOLEAN) {
                out = TextNode.valueOf(v.asText());
            }
            MappingEngine.put(fields, FieldRule.CUSTOM_FIELD + "." + name, out);
        }

        Map<String, String> identifier;
        FreshsalesTarget target;
        String entity = null;
        if (one) {
            // onto put the patient's id into custom_field.cf_dentes_id: the contact's identifier.
            target = FreshsalesTarget.CONTACT;
            identifier = Map.of("cf_dentes_id", rule.onto().reference().from().readText(payload).strip());
        } else {
            target = FreshsalesTarget.CUSTOM_MODULE_RECORD;
            entity = collection;
            for (FieldRule link : rule.links()) {
                MappingEngine.LinkCheck r = MappingEngine.reference(m, link, envelope, ctx, fields, notes, after);
                if (r.waitingFor() != null) {
                    return new MappingResult.Waiting(r.waitingFor());
                }
                if (r.rejection() != null) {
                    return new MappingResult.Rejected(r.rejection(), gaps, choiceGaps);
                }
            }
            String name = (def.name() == null ? moduleKey : def.name()) + " " + payload.path("id").asText();
            fields.put("name", name);
            MappingEngine.put(fields, FieldRule.CUSTOM_FIELD + ".cf_dentes_id", TextNode.valueOf(envelope.sourceId()));
            if (field(ctx, collection, "cf_dentes_id").isEmpty()) {
                gaps.add(new FieldGap(collection, "cf_dentes_id", m.resource(), "id", "text", true));
            }
            identifier = Map.of("cf_dentes_id", envelope.sourceId());
        }
        String partitionKey = m.partitionKey().readText(payload);
        LoadCommand command = new LoadCommand(null, ctx.runId(), CommandKind.UPSERT, CommandOrigin.MAPPER,
                m.resource(), envelope.sourceId(), 0, target, entity, identifier, fields,
                partitionKey == null ? envelope.sourceId() : partitionKey, ctx.mappingVersion(),
                envelope.sourceUpdatedAt(), notes, after);
        return new MappingResult.Mapped(command, gaps, choiceGaps);
    }

    /** Why a value does not fit its declared type (what the type expects), or empty when it fits. */
    static Optional<String> misfit(JsonNode v, ModuleDefinition.Field f) {
        return switch (f.type()) {
            case NUMBER -> v.isNumber() || v.isTextual() && PLAIN_DECIMAL.matcher(v.asText().strip()).matches()
                    ? Optional.empty() : Optional.of("a number such as 12 or 0.125");
            case BOOLEAN -> v.isBoolean() ? Optional.empty() : Optional.of("true or false");
            case DATE -> isoDate(v) ? Optional.empty() : Optional.of("a calendar date as YYYY-MM-DD");
            case CHOICE -> v.isTextual() && f.choices().contains(v.asText())
                    ? Optional.empty() : Optional.of("one of the " + f.choices().size() + " declared choices");
            case TEXT -> v.isValueNode() ? Optional.empty() : Optional.of("text, not a structure");
        };
    }

    private static boolean isoDate(JsonNode v) {
        if (!v.isTextual()) {
            return false;
        }
        try {
            LocalDate.parse(v.asText().strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String proposedType(ModuleDefinition.Field f) {
        return switch (f.type()) {
            case NUMBER -> "number";
            case DATE -> "date";
            case BOOLEAN -> "checkbox";
            case CHOICE -> "dropdown";
            case TEXT -> "text";
        };
    }

    /** The target field, and whether it is a dropdown (a CHOICE then sends the account's own spelling). */
    private record TargetField(boolean dropdown) {
    }

    private static Optional<TargetField> field(MappingContext ctx, String collection, String name) {
        return ctx.target().field(collection, name).map(d -> new TargetField(d.type() != null
                && (d.type().equalsIgnoreCase("dropdown") || d.type().equalsIgnoreCase("radio"))));
    }
}
