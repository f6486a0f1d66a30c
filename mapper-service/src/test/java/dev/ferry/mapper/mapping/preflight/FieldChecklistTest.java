package dev.ferry.mapper.mapping.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.proposal.DiscoveredSchema;
import dev.ferry.mapper.mapping.preflight.FieldChecklist.Line;
import dev.ferry.mapper.mapping.preflight.FieldChecklist.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field-creation checklist of a confirmed map against the account's field catalogue (issue 11 step 3). */
class FieldChecklistTest {

    private static List<Line> lines(TargetMetadata m, DiscoveredSchema schema) {
        return FieldChecklist.of(Fixtures.SPEC, schema, new TargetView(m));
    }

    private static Line line(List<Line> lines, String module, String name) {
        return lines.stream().filter(l -> l.module().equals(module) && l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCustomFieldTheMapWritesAndTheAccountLacksBlocksNamedWithModuleLabelAndType() {
        TargetMetadata m = PreflightFixtures.withoutField(PreflightFixtures.satisfied(), "contacts", "cf_dentes_id");
        List<Line> lines = lines(m, DiscoveredSchema.NONE);

        Line l = line(lines, "contacts", "cf_dentes_id");
        assertThat(l.status()).isEqualTo(Status.MISSING);
        assertThat(l.type()).isEqualTo("text");
        assertThat(l.source()).isEqualTo("patients.id");
        List<Finding> findings = FieldChecklist.findings(lines);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.subject()).isEqualTo("contacts.cf_dentes_id");
            assertThat(f.action()).contains("module contacts").contains("type text");
        });
    }

    @Test
    void onceTheAdminCreatedEveryFieldNothingBlocksAndEveryLineIsPresent() {
        List<Line> lines = lines(PreflightFixtures.satisfied(), DiscoveredSchema.NONE);
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.status()).isEqualTo(Status.PRESENT));
        assertThat(FieldChecklist.findings(lines)).isEmpty();
        // The fields a map names outside its field rules are on the list too.
        assertThat(line(lines, "deals", "cf_tooth_numbers").source()).isEqualTo("treatment-cases.procedures.tooth_number");
        assertThat(line(lines, "contacts", "cf_shared_email").status()).isEqualTo(Status.PRESENT);
    }

    @Test
    void aDropdownLackingValuesTheMapSendsBlocksWithJustTheMissingValues() {
        List<Line> lines = lines(PreflightFixtures.base(), DiscoveredSchema.NONE);
        Line l = line(lines, "deals", "cf_billing_status");
        assertThat(l.status()).isEqualTo(Status.CHOICES_MISSING);
        assertThat(l.choices()).containsExactly("Written off");
        assertThat(FieldChecklist.findings(lines)).anySatisfy(f -> {
            assertThat(f.blocking()).isTrue();
            assertThat(f.subject()).isEqualTo("deals.cf_billing_status");
            assertThat(f.problem()).contains("Written off");
        });
    }

    @Test
    void aDateKeptInATextFieldIsSaidButDoesNotBlock() {
        TargetMetadata m = PreflightFixtures.withField(PreflightFixtures.satisfied(), "deals",
                new FieldDef("cf_opened_on", "Opened on", "text", List.of(), false));
        List<Line> lines = lines(m, DiscoveredSchema.NONE);
        assertThat(line(lines, "deals", "cf_opened_on").status()).isEqualTo(Status.TYPE_DIFFERS);
        assertThat(FieldChecklist.findings(lines)).singleElement()
                .satisfies(f -> assertThat(f.blocking()).isFalse());
    }

    @Test
    void aDiscoveredCustomFieldKeyAndACustomModuleTheAccountLacksAreOnTheChecklist() {
        JsonNode discovery = Fixtures.json("""
                {"discoveryId": "d-1",
                 "customFields": [{"resource": "patients", "key": "Allergy Level", "records": 4,
                                   "valueTypes": {"number": 4}}],
                 "customModules": [{"key": "sleep-study", "name": "Sleep study", "cardinality": "MANY_PER_PATIENT",
                                    "deleted": false, "fields": [{"key": "ahi", "type": "NUMBER"}]}]}""");
        DiscoveredSchema schema = dev.ferry.mapper.service.ProposalServiceAccess.schemaOf(discovery);
        List<Line> lines = lines(PreflightFixtures.satisfied(), schema);

        Line key = line(lines, "contacts", "cf_allergy_level");
        assertThat(key.status()).isEqualTo(Status.MISSING);
        assertThat(key.type()).isEqualTo("number");
        assertThat(key.source()).isEqualTo("patients.custom_fields.Allergy Level");
        Line module = lines.stream().filter(l -> l.module().startsWith("cm_sleep")).findFirst().orElseThrow();
        assertThat(module.status()).isEqualTo(Status.MODULE_MISSING);
        List<Finding> findings = FieldChecklist.findings(lines);
        assertThat(findings).filteredOn(f -> f.subject().equals(module.module())).singleElement()
                .satisfies(f -> assertThat(f.action()).contains("create the custom module " + module.module()));
        assertThat(findings).allSatisfy(f -> assertThat(f.blocking()).isTrue()).hasSize(2);
    }

    @Test
    void theCsvHasOneRowALineWithModuleLabelTypeAndPickListValues() throws Exception {
        List<Line> lines = lines(PreflightFixtures.base(), DiscoveredSchema.NONE);
        PreflightReport r = new PreflightReport("pf-1", null, false, 1, null, null, null, null, List.of(), lines,
                List.of(), null, null, null);
        String csv = PreflightDocuments.csv(r);
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv)).getRecords();
        assertThat(rows).hasSize(lines.size());
        org.apache.commons.csv.CSVRecord billing = rows.stream()
                .filter(x -> x.get("field_name").equals("cf_billing_status")).findFirst().orElseThrow();
        assertThat(Map.of("module", billing.get("module"), "type", billing.get("type"), "values",
                billing.get("picklist_values"), "status", billing.get("status")))
                .isEqualTo(Map.of("module", "deals", "type", "dropdown", "values", "Written off",
                        "status", "CHOICES_MISSING"));
    }
}
