package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.NoteRule;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.mapping.text.NoteParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps a clinical note to Freshsales notes (issue 10). Order of work: deleted (before this); the patient (missing,
 * unknown, rejected: rejected; not decided: wait); the case (named, known and mapped: the note goes on its deal;
 * otherwise on the contact, with a note saying why); the body (none: {@code note.body-missing}). The description is
 * the header (author, original time, type, voice-capture metadata, attachments: the spec's lines), an empty line and
 * the body; control characters other than tab and line breaks become visible control pictures (said in a note); a
 * description longer than the spec's {@code max-length} is split into numbered parts ({@link NoteParts}), one command
 * each (part 0 first), each found again by its first line ({@code first_line}).
 */
final class ClinicalNotes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ClinicalNotes() {
    }

    static MappingResult map(ResourceMapping m, SourceRecordEnvelope envelope, MappingContext ctx) {
        NoteRule rule = m.note();
        ObjectNode payload = envelope.payload();
        List<String> notes = new ArrayList<>();

        ObjectNode patientLink = JSON.objectNode();
        MappingEngine.LinkCheck patient = MappingEngine.reference(m, rule.patient(), envelope, ctx, patientLink, notes,
                new ArrayList<>());
        if (patient.waitingFor() != null) {
            return new MappingResult.Waiting(patient.waitingFor());
        }
        if (patient.rejection() != null) {
            return new MappingResult.Rejected(patient.rejection(), List.of(), List.of());
        }
        ObjectNode caseLink = JSON.objectNode();
        MappingEngine.LinkCheck kase = MappingEngine.reference(m, rule.treatmentCase(), envelope, ctx, caseLink, notes,
                new ArrayList<>());
        if (kase.waitingFor() != null) {
            return new MappingResult.Waiting(kase.waitingFor());
        }

        // The body exactly as written: readText would strip its white space, and the parts must rejoin byte-equal.
        com.fasterxml.jackson.databind.JsonNode raw = rule.body().read(payload);
        String body = raw == null || !raw.isValueNode() ? null : raw.asText();
        if (body == null || body.isBlank()) {
            return new MappingResult.Rejected(Rules.required(rule.bodyRule(), rule.body().dotted(), "note"), List.of(),
                    List.of());
        }
        ObjectNode fields = JSON.objectNode();
        if (caseLink.has("targetable_id")) {
            String caseId = rule.treatmentCase().reference().from().readText(payload);
            fields.put("targetable_type", "Deal");
            // The mapper saw the case mapped: the note waits for its deal's write, and fails with it.
            fields.set("targetable_id", TypedRef.required(SourceResource.TREATMENT_CASES, caseId).toNode());
        } else {
            fields.put("targetable_type", "Contact");
            fields.set("targetable_id", patientLink.get("targetable_id"));
        }

        int controls = NoteParts.controlsReplaced(body);
        if (controls > 0) {
            notes.add(controls + " control character(s) of the " + rule.body().dotted() + " written as visible"
                    + " control pictures (U+2400-U+2421; NUL as U+2400): a note cannot carry them");
        }
        String header = m.texts().isEmpty() ? "" : MappingEngine.text(m.texts().get(0), payload, ctx.phoneRegion());
        String text = (header.isEmpty() ? "" : NoteParts.visibleControls(header) + "\n\n")
                + NoteParts.visibleControls(body);
        String title = rule.title().readText(payload);
        int limit = ctx.noteMaxLength() != null ? ctx.noteMaxLength() : rule.maxLength();
        List<String> parts = NoteParts.split(m.resource().path(), envelope.sourceId(), title, text, limit);
        if (parts.size() > 1) {
            notes.add("split into " + parts.size() + " notes of at most " + limit + " characters (the"
                    + " account's note limit); their texts after the first line rejoin to the whole");
        }
        String partitionKey = m.partitionKey().readText(payload);
        List<LoadCommand> commands = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            String description = parts.get(k);
            ObjectNode f = fields.deepCopy();
            f.put("description", description);
            String firstLine = description.substring(0, description.indexOf('\n'));
            commands.add(new LoadCommand(null, ctx.runId(), CommandKind.UPSERT, CommandOrigin.MAPPER, m.resource(),
                    envelope.sourceId(), k, FreshsalesTarget.NOTE, null,
                    Map.of(FreshsalesTarget.NOTE_MARKER_KEY, firstLine), f,
                    partitionKey == null ? envelope.sourceId() : partitionKey, ctx.mappingVersion(),
                    envelope.sourceUpdatedAt(), k == 0 ? notes : List.of("part " + (k + 1) + " of " + parts.size()
                            + " of the note")));
        }
        return new MappingResult.Mapped(commands.get(0), List.of(), List.of(), commands.subList(1, commands.size()));
    }
}
