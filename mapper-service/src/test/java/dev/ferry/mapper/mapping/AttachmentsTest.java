package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: attachments become Freshsales documents on the record they belong to; the command carries metadata only,
 * keyed by a file name that names the source id; a file over the per-file limit is an outcome with its reason.
 */
class AttachmentsTest {

    private static final ResourceMapping ATTACHMENTS = SPEC.mappingFor(SourceResource.ATTACHMENTS).orElseThrow();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private final MappingEngine engine = new MappingEngine();

    private static String attachment(String overrides) {
        ObjectNode base = Fixtures.json("""
                {"id": "AT-1", "owner_type": "PATIENT", "owner_id": "P-1", "file_name": "panoramik röntgen.png",
                 "content_type": "image/png", "size_bytes": 482113, "sha256": "%s",
                 "created_at": "2023-11-02T14:05:00+03:00", "updated_at": "2024-06-01T10:00:00+03:00"}"""
                .formatted(SHA.toUpperCase()));
        base.setAll(Fixtures.json(overrides));
        return base.toString();
    }

    private static Fixtures.Indexes indexes() {
        return standardIndexes().record(SourceResource.PATIENTS, "P-1", ReferenceIndex.State.KNOWN)
                .record(SourceResource.TREATMENT_CASES, "TC-7", ReferenceIndex.State.KNOWN)
                .record(SourceResource.CLINICAL_NOTES, "N-5", ReferenceIndex.State.KNOWN)
                .fact(SourceResource.CLINICAL_NOTES, "N-5", "patient_id", "P-1");
    }

    private MappingResult map(String json, Fixtures.Indexes idx) {
        return engine.map(ATTACHMENTS, envelope(SourceResource.ATTACHMENTS, json), context(idx));
    }

    private LoadCommand mapped(String json, Fixtures.Indexes idx) {
        MappingResult r = map(json, idx);
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) r).command();
    }

    private Rejection rejected(String json, Fixtures.Indexes idx) {
        MappingResult r = map(json, idx);
        assertThat(r).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) r).rejection();
    }

    @Test
    void aPatientsAttachmentIsADocumentOnTheContactKeyedByAFileNameThatNamesTheSourceId() {
        LoadCommand c = mapped(attachment("{}"), indexes());
        assertThat(c.target()).isEqualTo(FreshsalesTarget.DOCUMENT);
        String name = "[Dr.DENTES attachments AT-1] panoramik röntgen.png";
        assertThat(c.identifier()).containsExactly(Map.entry(FreshsalesTarget.DOCUMENT_MARKER_KEY, name));
        assertThat(c.fields().get("file_name").asText()).isEqualTo(name);
        assertThat(c.fields().get("is_shared").asBoolean()).isFalse();
        assertThat(c.fields().get("targetable_type").asText()).isEqualTo("Contact");
        assertThat(TypedRef.fromNode(c.fields().get("targetable_id")))
                .isEqualTo(TypedRef.required(SourceResource.PATIENTS, "P-1"));
        // Metadata only: the bytes never travel in a command.
        assertThat(c.fields().get("source_file")).hasToString("{\"attachment_id\":\"AT-1\",\"content_type\":"
                + "\"image/png\",\"size_bytes\":482113,\"sha256\":\"" + SHA + "\"}");
        assertThat(ATTACHMENTS.sourceFields()).contains("owner_type", "owner_id", "file_name", "content_type",
                "size_bytes", "sha256");
    }

    @Test
    void aCasesAttachmentGoesOnTheDeal() {
        LoadCommand c = mapped(attachment("{\"owner_type\": \"TREATMENT_CASE\", \"owner_id\": \"TC-7\"}"), indexes());
        assertThat(c.fields().get("targetable_type").asText()).isEqualTo("Deal");
        assertThat(TypedRef.fromNode(c.fields().get("targetable_id")))
                .isEqualTo(TypedRef.required(SourceResource.TREATMENT_CASES, "TC-7"));
    }

    @Test
    void aNotesAttachmentGoesWhereTheNoteWent() {
        String json = attachment("{\"owner_type\": \"CLINICAL_NOTE\", \"owner_id\": \"N-5\"}");
        LoadCommand onContact = mapped(json, indexes());
        assertThat(onContact.fields().get("targetable_type").asText()).isEqualTo("Contact");
        assertThat(TypedRef.fromNode(onContact.fields().get("targetable_id")))
                .isEqualTo(TypedRef.required(SourceResource.PATIENTS, "P-1"));

        Fixtures.Indexes withCase = indexes().fact(SourceResource.CLINICAL_NOTES, "N-5", "treatment_case_id", "TC-7");
        LoadCommand onDeal = mapped(json, withCase);
        assertThat(onDeal.fields().get("targetable_type").asText()).isEqualTo("Deal");
        assertThat(TypedRef.fromNode(onDeal.fields().get("targetable_id")))
                .isEqualTo(TypedRef.required(SourceResource.TREATMENT_CASES, "TC-7"));

        // The note's case was rejected: the note went on the contact, and so does its attachment.
        LoadCommand caseRejected = mapped(json, withCase.decided(SourceResource.TREATMENT_CASES, "TC-7",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "reference.unknown")));
        assertThat(caseRejected.fields().get("targetable_type").asText()).isEqualTo("Contact");

        // The case is not decided yet: wait for it, as the note did.
        MappingResult waiting = map(json, indexes().fact(SourceResource.CLINICAL_NOTES, "N-5", "treatment_case_id",
                "TC-7").decided(SourceResource.TREATMENT_CASES, "TC-7", ParentDecisions.Decision.UNDECIDED));
        assertThat(waiting).isInstanceOf(MappingResult.Waiting.class);
    }

    @Test
    void anAttachmentOfARejectedParentIsRejectedAtOnce() {
        Rejection r = rejected(attachment("{\"owner_type\": \"CLINICAL_NOTE\", \"owner_id\": \"N-5\"}"),
                indexes().decided(SourceResource.CLINICAL_NOTES, "N-5",
                        new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "note.body-missing")));
        assertThat(r.rule()).isEqualTo(Rules.PARENT_REJECTED);
        Rejection p = rejected(attachment("{}"), indexes().decided(SourceResource.PATIENTS, "P-1",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "contact.unreachable")));
        assertThat(p.rule()).isEqualTo(Rules.PARENT_REJECTED);
    }

    @Test
    void aFileOverThePerFileLimitIsRejectedWithItsSizeAndTheLimit() {
        Rejection r = rejected(attachment("{\"size_bytes\": 157286401}"), indexes());
        assertThat(r.rule()).isEqualTo(Rules.DOCUMENT_TOO_LARGE);
        assertThat(r.field()).isEqualTo("size_bytes");
        assertThat(r.message()).contains("157286401 bytes").contains("limit of 157286400 bytes");
        assertThat(map(attachment("{\"size_bytes\": 157286400}"), indexes()))
                .as("exactly the limit is allowed").isInstanceOf(MappingResult.Mapped.class);
        // An account configured otherwise (ferry.mapper.document-max-bytes).
        MappingContext small = new MappingContext(Fixtures.RUN, SPEC.version(), Fixtures.target(), indexes(),
                indexes(), indexes(), Fixtures.FALLBACK, Edition.SUITE, "TR",
                indexes(), null, 1000L);
        MappingResult r2 = engine.map(ATTACHMENTS, envelope(SourceResource.ATTACHMENTS, attachment("{}")), small);
        assertThat(((MappingResult.Rejected) r2).rejection().message()).contains("limit of 1000 bytes");
    }

    @Test
    void metadataThatCannotBeCheckedOrPlacedIsRejectedWithTheField() {
        assertThat(rejected(attachment("{\"owner_type\": \"INVOICE\"}"), indexes()).field()).isEqualTo("owner_type");
        assertThat(rejected(attachment("{\"sha256\": \"abc\"}"), indexes()).field()).isEqualTo("sha256");
        assertThat(rejected(attachment("{\"size_bytes\": -1}"), indexes()).field()).isEqualTo("size_bytes");
        assertThat(rejected(attachment("{\"file_name\": \" \"}"), indexes()).rule()).isEqualTo(Rules.ATTACHMENT_INVALID);
        assertThat(rejected(attachment("{\"owner_id\": \"P-404\"}"), indexes()).rule())
                .isEqualTo(Rules.REFERENCE_UNKNOWN);
    }

    @Test
    void theIndexKeepsEachNotesPatientAndCaseForItsAttachments() {
        assertThat(SPEC.factsOf(SourceResource.CLINICAL_NOTES)).contains("patient_id", "treatment_case_id");
    }
}
