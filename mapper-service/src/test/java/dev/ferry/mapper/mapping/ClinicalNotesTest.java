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
import dev.ferry.mapper.mapping.text.NoteParts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10: clinical notes become Freshsales notes on the contact, or on the case's deal. */
class ClinicalNotesTest {

    private static final ResourceMapping NOTES = SPEC.mappingFor(SourceResource.CLINICAL_NOTES).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    private static String note(String overrides) {
        ObjectNode base = Fixtures.json("""
                {"id": "N-5", "patient_id": "P-1", "treatment_case_id": null, "author_id": "PR-1",
                 "title": "Kontrol muayenesi", "body": "Hasta şikâyetsiz. <b>Dolgu</b> sağlam 🦷.",
                 "note_type": "CLINICAL", "recorded_at": "2023-11-02T14:05:00+03:00", "attachment_ids": ["AT-1", "AT-2"],
                 "voice_capture": {"duration_seconds": 35, "device": "DS-9500", "transcript_status": "PENDING"},
                 "created_at": "2023-11-02T14:05:00+03:00", "updated_at": "2024-06-01T10:00:00+03:00"}""");
        base.setAll(Fixtures.json(overrides));
        return base.toString();
    }

    private static Fixtures.Indexes indexes() {
        return standardIndexes().record(SourceResource.PATIENTS, "P-1", ReferenceIndex.State.KNOWN)
                .record(SourceResource.TREATMENT_CASES, "TC-7", ReferenceIndex.State.KNOWN);
    }

    private MappingResult.Mapped mapped(String json, Fixtures.Indexes idx) {
        MappingResult r = engine.map(NOTES, envelope(SourceResource.CLINICAL_NOTES, json), context(idx));
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return (MappingResult.Mapped) r;
    }

    private Rejection rejected(String json, Fixtures.Indexes idx) {
        MappingResult r = engine.map(NOTES, envelope(SourceResource.CLINICAL_NOTES, json), context(idx));
        assertThat(r).isInstanceOf(MappingResult.Rejected.class);
        Rejection rejection = ((MappingResult.Rejected) r).rejection();
        assertThat(rejection.message()).doesNotContain("Kontrol", "şikâyetsiz", "Dolgu");
        return rejection;
    }

    @Test
    void aNoteGoesOnTheContactWithItsSourceIdAndTitleOnItsFirstLineAndItsHeaderStated() {
        MappingResult.Mapped m = mapped(note("{}"), indexes());
        assertThat(m.more()).isEmpty();
        LoadCommand c = m.command();
        assertThat(c.target()).isEqualTo(FreshsalesTarget.NOTE);
        assertThat(c.part()).isZero();
        assertThat(c.partitionKey()).isEqualTo("P-1");
        assertThat(c.fields().get("targetable_type").asText()).isEqualTo("Contact");
        assertThat(TypedRef.fromNode(c.fields().get("targetable_id")))
                .isEqualTo(TypedRef.required(SourceResource.PATIENTS, "P-1"));
        assertThat(c.fields().get("description").asText()).isEqualTo("""
                [Dr.DENTES clinical-notes N-5] Kontrol muayenesi
                Author (Dr.DENTES practitioner): PR-1
                Recorded at: 2023-11-02T14:05:00+03:00
                Type: Clinical note
                Voice capture: duration_seconds 35, device DS-9500, transcript_status PENDING
                Dr.DENTES attachments: AT-1, AT-2

                Hasta şikâyetsiz. <b>Dolgu</b> sağlam 🦷.""");
        assertThat(c.identifier()).containsExactly(Map.entry(FreshsalesTarget.NOTE_MARKER_KEY,
                "[Dr.DENTES clinical-notes N-5] Kontrol muayenesi"));
    }

    @Test
    void aNoteNamingAMappedCaseGoesOnItsDealAndOneNamingARejectedCaseOnTheContact() {
        LoadCommand onDeal = mapped(note("{\"treatment_case_id\": \"TC-7\"}"), indexes()).command();
        assertThat(onDeal.fields().get("targetable_type").asText()).isEqualTo("Deal");
        assertThat(TypedRef.fromNode(onDeal.fields().get("targetable_id")))
                .isEqualTo(TypedRef.required(SourceResource.TREATMENT_CASES, "TC-7"));
        Fixtures.Indexes caseRejected = indexes().decided(SourceResource.TREATMENT_CASES, "TC-7",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "name.missing"));
        LoadCommand onContact = mapped(note("{\"treatment_case_id\": \"TC-7\"}"), caseRejected).command();
        assertThat(onContact.fields().get("targetable_type").asText()).isEqualTo("Contact");
        assertThat(onContact.notes()).anyMatch(n -> n.contains("parent.rejected") && n.contains("TC-7"));
    }

    @Test
    void aNoteOfARejectedPatientIsRejectedAtOnceAndOneWithoutBodyNamesTheField() {
        Fixtures.Indexes patientRejected = indexes().decided(SourceResource.PATIENTS, "P-1",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "email.invalid"));
        assertThat(rejected(note("{}"), patientRejected).rule()).isEqualTo("parent.rejected");
        Rejection empty = rejected(note("{\"body\": \"\"}"), indexes());
        assertThat(empty.rule()).isEqualTo("note.body-missing");
        assertThat(empty.field()).isEqualTo("body");
    }

    /**
     * A 21,600-character body of Turkish letters and emoji: numbered parts under the limit, rejoining byte-equal.
     * Regression: the body was read stripped, which lost its final line break.
     */
    @Test
    void aBodyOverTheLimitIsSplitIntoNumberedPartsThatRejoinByteEqual() {
        String body = "Çürük tedavisi: ışın, ğ, ş, İ ölçümü 🦷👩🏽‍⚕️ tamam.\n".repeat(400);
        MappingResult.Mapped m = mapped(note("{\"body\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(body)
                + "}"), indexes());
        List<LoadCommand> parts = m.commands();
        assertThat(parts.size()).isGreaterThan(2);
        List<String> descriptions = parts.stream().map(c -> c.fields().get("description").asText()).toList();
        for (int k = 0; k < parts.size(); k++) {
            LoadCommand c = parts.get(k);
            assertThat(c.part()).isEqualTo(k);
            assertThat(descriptions.get(k).length()).isLessThanOrEqualTo(8000);
            assertThat(descriptions.get(k)).startsWith("[Dr.DENTES clinical-notes N-5 part " + (k + 1) + "/"
                    + parts.size() + "] Kontrol muayenesi\n");
            assertThat(c.identifier().get(FreshsalesTarget.NOTE_MARKER_KEY))
                    .isEqualTo(descriptions.get(k).substring(0, descriptions.get(k).indexOf('\n')));
        }
        String rejoined = NoteParts.rejoin(descriptions);
        String original = rejoined.substring(rejoined.indexOf("\n\n") + 2);
        int diff = 0;
        while (diff < Math.min(original.length(), body.length()) && original.charAt(diff) == body.charAt(diff)) {
            diff++;
        }
        assertThat(diff).as("first difference; lengths %d %d; around [%s]", original.length(), body.length(),
                original.substring(Math.max(0, diff - 20), Math.min(original.length(), diff + 80))).isEqualTo(body.length());
        assertThat(original.getBytes(StandardCharsets.UTF_8)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(parts.get(0).notes()).anyMatch(n -> n.startsWith("split into " + parts.size() + " notes"));
        assertThat(parts).extracting(LoadCommand::commandId).doesNotHaveDuplicates();
    }

    @Test
    void theConfiguredNoteLimitOverridesTheSpecs() {
        Fixtures.Indexes idx = indexes();
        MappingContext base = context(idx);
        MappingContext limited = new MappingContext(base.runId(), base.mappingVersion(), base.target(),
                base.references(), base.owners(), base.unique(), base.fallback(), base.edition(), base.phoneRegion(),
                base.decisions(), 300);
        String body = "ğüşiöç İ 🦷 ".repeat(100);
        MappingResult r = engine.map(NOTES, envelope(SourceResource.CLINICAL_NOTES,
                note("{\"body\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(body) + "}")), limited);
        List<LoadCommand> parts = ((MappingResult.Mapped) r).commands();
        assertThat(parts.size()).isGreaterThan(3);
        assertThat(parts).allSatisfy(c -> assertThat(c.fields().get("description").asText().length())
                .isLessThanOrEqualTo(300));
        assertThat(parts.get(0).notes()).anyMatch(n -> n.contains("at most 300 characters"));
    }

    @Test
    void controlCharactersAreShownAsControlPicturesAndSaid() {
        LoadCommand c = mapped(note("{\"body\": \"a\\u0000b\\u0007c\\td\"}"), indexes()).command();
        assertThat(c.fields().get("description").asText()).endsWith("\n\na\u2400b\u2407c\td");
        assertThat(c.notes()).anyMatch(n -> n.startsWith("2 control character(s) of the body"));
    }

    @Test
    void theExtractorPublishesWhatNotesRead() {
        assertThat(NOTES.sourceFields()).contains("patient_id", "treatment_case_id", "title", "body", "author_id",
                "recorded_at", "note_type", "voice_capture", "attachment_ids");
    }
}
