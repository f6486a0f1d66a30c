package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.CommandOrigin;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.AttachmentRule;
import dev.ferry.mapper.mapping.spec.FieldRule;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps an attachment's metadata to a Freshsales document (issue 10). Order of work: deleted (before this); the
 * metadata ({@code attachment.invalid}: an unknown owner type, no file name, a size that is no whole number, a sha256
 * that is not 64 hex digits); the owner (missing, unknown: rejected; rejected: {@code parent.rejected}; not decided:
 * wait); the size against the per-file limit ({@code document.too-large}, nothing sent). The document goes on the
 * owner's record: a patient's contact, a case's deal, or where the owning clinical note went (the note's case's deal
 * when the case is mapped, else the note's patient's contact: the note's own rule), read from the facts the source
 * index keeps of each note.
 *
 * <p>The command carries metadata only; the loader reads the bytes from Dr.DENTES and checks them against
 * {@code sha256} and {@code size_bytes}. Its key is the document's file name, {@code [Dr.DENTES attachments <id>]
 * <file name>}: what the loader finds the document by on its parent after a lost answer.
 */
final class Attachments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** The prefix of every document name Ferry gives: the source resource and id follow. */
    static final String NAME_PREFIX = "[Dr.DENTES attachments ";

    private Attachments() {
    }

    /** The document's name: the source id first (the key), the original file name kept, line breaks as spaces. */
    static String documentName(String sourceId, String fileName) {
        return NAME_PREFIX + sourceId + "] " + fileName.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    static MappingResult map(ResourceMapping m, SourceRecordEnvelope envelope, MappingContext ctx) {
        AttachmentRule rule = m.attachment();
        ObjectNode payload = envelope.payload();
        String ownerType = rule.ownerType().readText(payload);
        FieldRule owner = ownerType == null ? null : switch (ownerType.strip().toUpperCase(Locale.ROOT)) {
            case "PATIENT" -> rule.patient();
            case "TREATMENT_CASE" -> rule.treatmentCase();
            case "CLINICAL_NOTE" -> rule.note();
            default -> null;
        };
        if (owner == null) {
            return rejected(Rules.reject(rule.invalidRule(), rule.ownerType().dotted(), "the attachment's "
                    + rule.ownerType().dotted() + " is " + (ownerType == null ? "empty" : "'" + ownerType + "'")
                    + ", not PATIENT, TREATMENT_CASE or CLINICAL_NOTE: there is no record to put the document on"));
        }
        String fileName = rule.fileName().readText(payload);
        if (fileName == null || fileName.isBlank()) {
            return rejected(Rules.reject(rule.invalidRule(), rule.fileName().dotted(), "the attachment has no "
                    + rule.fileName().dotted() + ": a Freshsales document needs a name"));
        }
        JsonNode sizeNode = rule.size().read(payload);
        Long size = sizeNode != null && sizeNode.canConvertToLong() && sizeNode.isIntegralNumber()
                ? Long.valueOf(sizeNode.asLong())
                : sizeNode != null && sizeNode.isTextual() && sizeNode.asText().strip().matches("\\d{1,18}")
                ? Long.valueOf(sizeNode.asText().strip()) : null;
        if (size == null || size < 0) {
            return rejected(Rules.reject(rule.invalidRule(), rule.size().dotted(), "the attachment's "
                    + rule.size().dotted() + " is not a whole number of bytes: the bytes are checked against it"));
        }
        String sha = rule.sha256().readText(payload);
        if (sha == null || !SHA256.matcher(sha.strip()).matches()) {
            return rejected(Rules.reject(rule.invalidRule(), rule.sha256().dotted(), "the attachment's "
                    + rule.sha256().dotted() + " is not 64 hex digits: the bytes are checked against it"));
        }

        List<String> notes = new ArrayList<>();
        ObjectNode link = JSON.objectNode();
        MappingEngine.LinkCheck check = MappingEngine.reference(m, owner, envelope, ctx, link, notes, new ArrayList<>());
        if (check.waitingFor() != null) {
            return new MappingResult.Waiting(check.waitingFor());
        }
        if (check.rejection() != null) {
            return rejected(check.rejection());
        }
        ObjectNode fields = JSON.objectNode();
        fields.put("file_name", documentName(envelope.sourceId(), fileName));
        fields.put("is_shared", false);
        String ownerId = owner.reference().from().readText(payload);
        if (owner == rule.patient()) {
            fields.put("targetable_type", "Contact");
            fields.set("targetable_id", link.get("targetable_id"));
        } else if (owner == rule.treatmentCase()) {
            fields.put("targetable_type", "Deal");
            fields.set("targetable_id", link.get("targetable_id"));
        } else {
            MappingResult placed = onNotesParent(rule, ownerId, ctx, fields, notes);
            if (placed != null) {
                return placed;
            }
        }

        long limit = ctx.documentMaxBytes() != null ? ctx.documentMaxBytes() : rule.maxBytes();
        if (size > limit) {
            return rejected(Rules.reject(rule.tooLargeRule(), rule.size().dotted(), "the file is " + size
                    + " bytes, over the Freshsales per-file limit of " + limit + " bytes: it is not sent and stays in"
                    + " Dr.DENTES"));
        }
        ObjectNode source = fields.putObject("source_file");
        source.put("attachment_id", envelope.sourceId());
        String contentType = rule.contentType().readText(payload);
        if (contentType == null) {
            source.putNull("content_type");
        } else {
            source.put("content_type", contentType.strip());
        }
        source.put("size_bytes", size);
        source.put("sha256", sha.strip().toLowerCase(Locale.ROOT));
        String partitionKey = m.partitionKey().readText(payload);
        LoadCommand command = new LoadCommand(null, ctx.runId(), CommandKind.UPSERT, CommandOrigin.MAPPER,
                m.resource(), envelope.sourceId(), 0, FreshsalesTarget.DOCUMENT, null,
                Map.of(FreshsalesTarget.DOCUMENT_MARKER_KEY, fields.get("file_name").asText()), fields,
                partitionKey == null ? envelope.sourceId() : partitionKey, ctx.mappingVersion(),
                envelope.sourceUpdatedAt(), notes);
        return new MappingResult.Mapped(command, List.of(), List.of());
    }

    /**
     * Puts a note's attachment where the note went (its case's deal when the case is mapped, else its patient's
     * contact); returns a result only when the attachment must wait or cannot be placed.
     */
    private static MappingResult onNotesParent(AttachmentRule rule, String noteId, MappingContext ctx,
            ObjectNode fields, List<String> notes) {
        SourceResource noteResource = rule.note().reference().resource();
        Optional<String> patient = ctx.references().fact(noteResource, noteId, rule.notePatient());
        if (patient.isEmpty()) {
            return rejected(Rules.reject(rule.invalidRule(), rule.note().reference().from().dotted(), "the mapper"
                    + " kept no " + rule.notePatient() + " of " + noteResource.path() + " " + noteId
                    + ", so the note's record in Freshsales is not known: run the notes again with this mapping"));
        }
        Optional<String> kase = ctx.references().fact(noteResource, noteId, rule.noteCase());
        SourceResource cases = rule.treatmentCase().reference().resource();
        if (kase.isPresent() && ctx.references().state(cases, kase.get()) == ReferenceIndex.State.KNOWN) {
            ParentDecisions.Decision d = ctx.decisions().of(cases, kase.get());
            if (d.kind() == ParentDecisions.Kind.UNDECIDED) {
                return new MappingResult.Waiting(cases.path() + " " + kase.get() + " to be mapped");
            }
            if (d.kind() == ParentDecisions.Kind.MAPPED) {
                fields.put("targetable_type", "Deal");
                fields.set("targetable_id", TypedRef.required(cases, kase.get()).toNode());
                notes.add("on the deal of " + cases.path() + " " + kase.get() + ", where " + noteResource.path() + " "
                        + noteId + " is");
                return null;
            }
        }
        SourceResource patients = rule.patient().reference().resource();
        fields.put("targetable_type", "Contact");
        fields.set("targetable_id", TypedRef.required(patients, patient.get()).toNode());
        notes.add("on the contact of " + patients.path() + " " + patient.get() + ", where " + noteResource.path() + " "
                + noteId + " is");
        return null;
    }

    private static MappingResult rejected(dev.ferry.contracts.Rejection r) {
        return new MappingResult.Rejected(r, List.of(), List.of());
    }
}
