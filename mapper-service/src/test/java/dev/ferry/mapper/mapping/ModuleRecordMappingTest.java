package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.FALLBACK;
import static dev.ferry.mapper.mapping.Fixtures.RUN;
import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.json;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom-module records mapped the way their module's definition says (issue 9), through the shipped spec. */
class ModuleRecordMappingTest {

    private static final ResourceMapping RECORDS = SPEC.mappingFor(SourceResource.CUSTOM_MODULE_RECORDS).orElseThrow();
    private static final String IMAGING = """
            {"id": "CM-01", "key": "imaging", "name": "Görüntüleme", "cardinality": "MANY_PER_PATIENT", "fields": [
              {"key": "image_type", "type": "CHOICE", "choices": ["PANORAMIC", "BITEWING", "INTRAORAL_PHOTO"]},
              {"key": "taken_on", "type": "DATE"}, {"key": "radiation_dose_mgy", "type": "NUMBER"},
              {"key": "findings", "type": "TEXT"}]}
            """;
    private static final String LAB_WORK = """
            {"id": "CM-02", "key": "lab-work", "name": "Laboratuvar işleri", "cardinality": "ONE_PER_PATIENT", "fields": [
              {"key": "lab_name", "type": "TEXT"}, {"key": "order_type", "type": "CHOICE", "choices": ["CROWN", "BRIDGE"]},
              {"key": "sent_on", "type": "DATE"}, {"key": "lab_cost", "type": "NUMBER"}, {"key": "received", "type": "BOOLEAN"},
              {"key": "shade", "type": "TEXT"}]}
            """;
    private final MappingEngine engine = new MappingEngine();

    private static SourceRecordEnvelope record(String module, String id, String overrides, boolean deleted) {
        ObjectNode r = json("""
                {"patient_id": "P-000123", "treatment_case_id": null, "values": {},
                 "created_at": "2024-03-05T10:00:00+03:00", "updated_at": "2024-03-06T10:00:00+03:00"}
                """);
        r.put("id", id);
        r.setAll(json(overrides));
        return new SourceRecordEnvelope(null, RUN, RunMode.FULL, SourceResource.CUSTOM_MODULE_RECORDS,
                module + "/" + id, module, r.path("updated_at").asText(), deleted, r, Instant.parse("2025-01-01T09:00:00Z"));
    }

    private static Fixtures.Indexes indexes() {
        return standardIndexes().module(IMAGING).module(LAB_WORK)
                .record(SourceResource.PATIENTS, "P-000123", ReferenceIndex.State.KNOWN)
                .record(SourceResource.TREATMENT_CASES, "TC-000042", ReferenceIndex.State.KNOWN);
    }

    private MappingResult map(SourceRecordEnvelope e, Fixtures.Indexes indexes) {
        return engine.map(RECORDS, e, context(indexes));
    }

    private LoadCommand mapped(SourceRecordEnvelope e, Fixtures.Indexes indexes) {
        MappingResult r = map(e, indexes);
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) r).command();
    }

    private Rejection rejected(SourceRecordEnvelope e, Fixtures.Indexes indexes) {
        MappingResult r = map(e, indexes);
        assertThat(r).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) r).rejection();
    }

    @Test
    void aManyPerPatientRecordBecomesARecordOfItsFreshsalesCustomModuleLinkedToContactAndDeal() {
        LoadCommand c = mapped(record("imaging", "IMG-0000007", """
                {"treatment_case_id": "TC-000042", "values": {"image_type": "INTRAORAL_PHOTO", "taken_on": "2024-03-01",
                 "radiation_dose_mgy": 0.125, "findings": "no caries"}}
                """, false), indexes());
        assertThat(c.target()).isEqualTo(FreshsalesTarget.CUSTOM_MODULE_RECORD);
        assertThat(c.customModuleEntity()).isEqualTo("cm_imaging_record");
        assertThat(c.identifier()).isEqualTo(Map.of("cf_dentes_id", "imaging/IMG-0000007"));
        assertThat(c.partitionKey()).isEqualTo("P-000123");
        JsonNode cf = c.fields().get("custom_field");
        assertThat(c.fields().get("name").asText()).isEqualTo("Görüntüleme IMG-0000007");
        assertThat(cf.get("cf_dentes_id").asText()).isEqualTo("imaging/IMG-0000007");
        assertThat(cf.get("cf_image_type").asText()).as("the account's spelling of the choice").isEqualTo("Intraoral photo");
        assertThat(cf.get("cf_taken_on").asText()).isEqualTo("2024-03-01");
        assertThat(cf.get("cf_radiation_dose_mgy").decimalValue()).isEqualByComparingTo("0.125");
        assertThat(TypedRef.fromNode(cf.get("cf_patient")).resource()).isEqualTo(SourceResource.PATIENTS);
        assertThat(TypedRef.fromNode(cf.get("cf_treatment_plan")).id()).isEqualTo("TC-000042");
        assertThat(cf.has("cf_findings")).as("the account lacks cf_findings: left out, on the checklist").isFalse();
        assertThat(((MappingResult.Mapped) map(record("imaging", "IMG-0000007", """
                {"values": {"findings": "x"}}""", false), indexes())).fieldGaps())
                .extracting(FieldGap::fieldName).contains("cf_findings");
    }

    @Test
    void aOnePerPatientRecordWritesItsValuesOntoThePatientsContactAfterThePatient() {
        LoadCommand c = mapped(record("lab-work", "LAB-0000003", """
                {"values": {"lab_name": "Ege Diş Laboratuvarı", "order_type": "BRIDGE", "sent_on": "2024-02-01",
                 "lab_cost": 1250, "received": false}}
                """, false), indexes());
        assertThat(c.target()).isEqualTo(FreshsalesTarget.CONTACT);
        assertThat(c.identifier()).isEqualTo(Map.of("cf_dentes_id", "P-000123"));
        assertThat(c.after()).containsExactly(TypedRef.required(SourceResource.PATIENTS, "P-000123"));
        JsonNode cf = c.fields().get("custom_field");
        assertThat(cf.get("cf_dentes_id").asText()).isEqualTo("P-000123");
        assertThat(cf.get("cf_lab_work_lab_name").asText()).isEqualTo("Ege Diş Laboratuvarı");
        assertThat(cf.get("cf_lab_work_order_type").asText()).isEqualTo("Bridge");
        assertThat(cf.get("cf_lab_work_lab_cost").intValue()).isEqualTo(1250);
        assertThat(cf.get("cf_lab_work_received").booleanValue()).isFalse();
        assertThat(c.fields().fieldNames()).toIterable().containsExactly("custom_field");
    }

    @Test
    void aValueThatDoesNotFitItsDeclaredTypeRejectsTheRecordNamingFieldAndTypeNeverTheValue() {
        for (String[] bad : List.of(new String[] {"taken_on", "\"geçen hafta\"", "DATE"},
                new String[] {"taken_on", "\"2021-02-30\"", "DATE"},
                new String[] {"radiation_dose_mgy", "\"1.250,00\"", "NUMBER"},
                new String[] {"image_type", "\"panoramik\"", "CHOICE"})) {
            Rejection r = rejected(record("imaging", "IMG-0000008", "{\"values\": {\"" + bad[0] + "\": " + bad[1] + "}}",
                    false), indexes());
            assertThat(r.rule()).isEqualTo(Rules.MODULE_VALUE_TYPE);
            assertThat(r.field()).isEqualTo("values." + bad[0]);
            assertThat(r.message()).contains(bad[2]).doesNotContain(bad[1].replace("\"", ""));
        }
        Rejection r = rejected(record("lab-work", "LAB-0000004", "{\"values\": {\"received\": \"evet\"}}", false),
                indexes());
        assertThat(r.rule()).isEqualTo(Rules.MODULE_VALUE_TYPE);
        assertThat(r.message()).contains("BOOLEAN");
    }

    @Test
    void aiRadiographSettingsAreConfigurationLeftOutWithANoteNotMigrated() {
        LoadCommand c = mapped(record("imaging", "IMG-0000009", """
                {"values": {"taken_on": "2024-03-01", "ai_settings": {"ai_analysis_enabled": true, "model": "X"}}}
                """, false), indexes());
        assertThat(c.fields().toString()).doesNotContain("ai_analysis_enabled", "ai_settings");
        assertThat(c.notes()).anyMatch(n -> n.startsWith("values.ai_settings not migrated: AI radiograph-analysis"));
    }

    @Test
    void aSecondRecordOfAOnePerPatientModuleIsRejectedNamingTheOneThatFillsTheContact() {
        Fixtures.Indexes ix = indexes().holds(Rules.MODULE_SEVERAL_PER_PATIENT, "lab-work/P-000123",
                "lab-work/LAB-0000001").holds(Rules.MODULE_SEVERAL_PER_PATIENT, "lab-work/P-000123",
                "lab-work/LAB-0000005");
        Rejection r = rejected(record("lab-work", "LAB-0000005", "{}", false), ix);
        assertThat(r.rule()).isEqualTo(Rules.MODULE_SEVERAL_PER_PATIENT);
        assertThat(r.message()).contains("lab-work/LAB-0000001");
        assertThat(map(record("lab-work", "LAB-0000001", "{}", false), ix)).isInstanceOf(MappingResult.Mapped.class);
        // The key is per module: an imaging record of the same patient holds nothing of lab-work's.
        assertThat(map(record("imaging", "IMG-0000001", "{}", false), ix)).isInstanceOf(MappingResult.Mapped.class);
    }

    @Test
    void aRecordOfAModuleWithoutDefinitionOrOfARejectedPatientIsRejectedAtOnce() {
        assertThat(rejected(record("implants", "IMP-1", "{}", false), indexes()).rule())
                .isEqualTo(Rules.MODULE_UNKNOWN);
        Fixtures.Indexes ix = indexes().decided(SourceResource.PATIENTS, "P-000123",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "email.invalid"));
        assertThat(rejected(record("imaging", "IMG-1", "{}", false), ix).rule()).isEqualTo(Rules.PARENT_REJECTED);
        assertThat(rejected(record("lab-work", "LAB-1", "{}", false), ix).rule()).isEqualTo(Rules.PARENT_REJECTED);
        assertThat(rejected(record("imaging", "IMG-1", "{}", true), indexes()).rule()).isEqualTo(Rules.RECORD_DELETED);
    }

    /**
     * Regression (found 2026-12-06 in the 10k Classic bench: 6,944 module records REJECTED module.needs-suite though
     * only 573 patients were leads): on Classic the mapper refused every ONE_PER_PATIENT record, a booked patient's
     * too, whose contact takes the values exactly as on Suite. Now only a lead's records are refused, parent.lead.
     */
    @Test
    void onClassicABookedPatientsOnePerPatientRecordLandsOnItsContactAndALeadsIsRejectedParentLead() {
        Fixtures.Indexes contact = indexes().decided(SourceResource.PATIENTS, "P-000123",
                ParentDecisions.Decision.mappedTo(FreshsalesTarget.CONTACT));
        MappingResult onContact = engine.map(RECORDS, record("lab-work", "LAB-0000003", """
                {"values": {"lab_name": "Ege Diş Laboratuvarı", "order_type": "BRIDGE"}}""", false),
                context(contact, FALLBACK, Edition.CLASSIC));
        assertThat(onContact).isInstanceOf(MappingResult.Mapped.class);
        LoadCommand c = ((MappingResult.Mapped) onContact).command();
        assertThat(c.target()).isEqualTo(FreshsalesTarget.CONTACT);
        assertThat(c.identifier()).isEqualTo(Map.of("cf_dentes_id", "P-000123"));
        assertThat(c.fields().get("custom_field").has("cf_lab_work_lab_name")).isTrue();

        Fixtures.Indexes lead = indexes().decided(SourceResource.PATIENTS, "P-000123",
                ParentDecisions.Decision.mappedTo(FreshsalesTarget.LEAD));
        for (String[] r : List.of(new String[] {"lab-work", "LAB-0000003"}, new String[] {"imaging", "IMG-0000007"})) {
            MappingResult onLead = engine.map(RECORDS, record(r[0], r[1], """
                    {"values": {"lab_name": "Ege Diş Laboratuvarı"}}""", false),
                    context(lead, FALLBACK, Edition.CLASSIC));
            assertThat(onLead).as(r[0]).isInstanceOf(MappingResult.Rejected.class);
            Rejection why = ((MappingResult.Rejected) onLead).rejection();
            assertThat(why.rule()).as(r[0]).isEqualTo(Rules.PARENT_LEAD);
            assertThat(why.field()).isEqualTo("patient_id");
            assertThat(why.message()).contains("became a lead on Freshsales Classic").doesNotContain("Ege");
        }
    }

    @Test
    void aManyPerPatientModuleWhoseFreshsalesCustomModuleIsMissingIsRejectedAndListed() {
        Fixtures.Indexes ix = indexes().module("""
                {"key": "x-rays", "name": "X", "cardinality": "MANY_PER_PATIENT", "fields": []}""");
        MappingResult r = map(record("x-rays", "XR-1", "{}", false), ix);
        assertThat(((MappingResult.Rejected) r).rejection().rule()).isEqualTo(Rules.MODULE_NO_TARGET);
        assertThat(((MappingResult.Rejected) r).rejection().message()).contains("cm_x_rays_record");
        assertThat(r.fieldGaps()).extracting(FieldGap::collection).containsExactly("cm_x_rays_record");
    }

    @Test
    void theExtractorPublishesOnlyWhatModuleMappingReads() {
        assertThat(RECORDS.sourceFields()).contains("patient_id", "treatment_case_id", "values");
        assertThat(SPEC.mappingFor(SourceResource.CUSTOM_MODULES).orElseThrow().sourceFields())
                .contains("key", "name", "cardinality", "fields");
        assertThat(SPEC.factsOf(SourceResource.CUSTOM_MODULES)).containsExactlyInAnyOrderElementsOf(
                ModuleDefinition.FACTS);
    }
}
