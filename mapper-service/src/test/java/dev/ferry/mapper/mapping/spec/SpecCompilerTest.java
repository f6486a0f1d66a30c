package dev.ferry.mapper.mapping.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped spec compiles; a spec with a mistake is refused with a message that says where and what. */
class SpecCompilerTest {

    private static final String LOCATION = "classpath:mapping/dentes-freshsales.v1.yaml";
    private static final String SHIPPED = Fixtures.resource("mapping/dentes-freshsales.v1.yaml");

    private static CompiledSpec compileWith(String find, String replace) {
        assertThat(SHIPPED).as("the test edits the shipped spec; its anchor text must exist").contains(find);
        return SpecCompiler.compile(LOCATION, SHIPPED.replace(find, replace));
    }

    private static void assertRefused(String find, String replace, String... messageParts) {
        assertThatThrownBy(() -> compileWith(find, replace))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("Mapping spec " + LOCATION + " is invalid")
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void aDocumentMappingIsOnlyForWorkflowsAndIntegrations() {
        assertRefused("  products:\n    action: upsert", "  products:\n    action: document\n  products-old:\n    action: upsert",
                "no rebuild document covers products");
    }

    @Test
    void theShippedSpecCompiles() {
        CompiledSpec spec = SpecLoader.load(LOCATION);
        assertThat(spec.version()).isEqualTo("dentes-freshsales/v1");
        assertThat(spec.mappings()).containsOnlyKeys(SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                SourceResource.PATIENTS, SourceResource.PRODUCTS, SourceResource.TREATMENT_CASES,
                SourceResource.BILLING_RECORDS, SourceResource.CUSTOM_MODULES, SourceResource.CUSTOM_MODULE_RECORDS,
                SourceResource.APPOINTMENTS, SourceResource.RECALLS, SourceResource.CLINICAL_NOTES,
                SourceResource.ATTACHMENTS, SourceResource.WORKFLOWS, SourceResource.INTEGRATIONS);
        ResourceMapping patients = spec.mappingFor(SourceResource.PATIENTS).orElseThrow();
        assertThat(patients.action()).isEqualTo(MappingAction.UPSERT);
        assertThat(patients.target()).isEqualTo(FreshsalesTarget.CONTACT);
        assertThat(patients.identifier()).containsExactly("custom_field.cf_dentes_id");
        assertThat(patients.waitFor()).containsExactly(SourceResource.PRACTITIONERS, SourceResource.CLINICS,
                SourceResource.PATIENTS);
        assertThat(patients.unique()).extracting(UniqueRule::rule).containsExactly("email.duplicate");
        assertThat(patients.unique()).extracting(UniqueRule::keepIn).containsExactly("custom_field.cf_shared_email");
        assertThat(patients.notMigrated()).containsKey("national_id");
        assertThat(patients.requireAny()).containsExactly(new RequireAnyRule(List.of("emails", "mobile_number"),
                "contact.unreachable", List.of("email", "mobile_phone")));
        assertThat(spec.mappingFor(SourceResource.CLINICS).orElseThrow().identifier())
                .containsExactly("custom_field.cf_dentes_id");
        assertThat(spec.mappingFor(SourceResource.PRACTITIONERS).orElseThrow().action()).isEqualTo(MappingAction.MATCH_OWNER);
        assertThat(spec.sha256()).hasSize(64);
    }

    /**
     * Regression, issue 8 hole 7: the extractor published whole records, so national ids (which the spec leaves
     * behind) travelled on dentes.raw.patients and sat in the mapper's pending table. It now publishes what this
     * answers.
     */
    @Test
    void theSourceFieldsAreWhatTheSpecReadsAndNothingItLeavesBehind() {
        CompiledSpec spec = SpecLoader.load(LOCATION);
        ResourceMapping patients = spec.mappingFor(SourceResource.PATIENTS).orElseThrow();
        assertThat(patients.sourceFields()).contains("id", "updated_at", "deleted", "first_name", "email",
                "mobile_phone", "clinic_id", "primary_practitioner_id", "first_appointment_at", "address",
                "custom_fields", "date_of_birth").doesNotContain("national_id", "created_at", "address.city");
        for (ResourceMapping m : spec.mappings().values()) {
            for (String left : m.notMigrated().keySet()) {
                if (!ResourceMapping.KEY_FIELDS.contains(left)) {
                    assertThat(m.sourceFields()).as(m.resource().path() + " leaves " + left + " behind")
                            .doesNotContain(left);
                }
            }
        }
        assertThat(spec.mappingFor(SourceResource.PRACTITIONERS).orElseThrow().sourceFields())
                .as("the owner report names each practitioner, an office manager owns a clinic's records")
                .contains("email", "first_name", "last_name", "role", "clinic_ids");
        assertThat(spec.mappingFor(SourceResource.TREATMENT_CASES).orElseThrow().sourceFields())
                .contains("title", "stage", "estimated_amount", "currency", "patient_id", "clinic_id", "practitioner_id",
                        "opened_at", "closed_at", "treatment_type", "procedures").doesNotContain("created_at");
    }

    @Test
    void aStageNeedsADealTargetAPipelineAndATableTheSpecDefines() {
        assertRefused("map: deal-stages", "map: deal-stage", "stage.map: names lookup table 'deal-stage'");
        assertRefused("pipeline: [Treatment Plans]", "pipeline: []", "stage.pipeline: missing");
        assertRefused("target: deals", "target: contacts", "only deals have pipelines and stages, not contacts");
    }

    @Test
    void anOfficeManagerFallbackNeedsEveryPractitioner() {
        assertRefused("wait-for: [practitioners, clinics, patients, products]\n    owner:\n      from: practitioner_id",
                "wait-for: [clinics, patients, products]\n    owner:\n      from: practitioner_id",
                "else-office-manager-of: an office manager is known only once every practitioner");
    }

    @Test
    void aTargetWithoutUpsertIsFoundAgainOnlyByACustomFieldAndOnlyProductsHavePrices() {
        assertRefused("target: cpq/products\n    identifier: [custom_field.cf_dentes_id]",
                "target: cpq/products\n    identifier: [name]",
                "'name': cpq/products has no upsert, so the loader finds a record again only by a custom field");
        assertRefused("target: cpq/products", "target: appointments",
                "Freshsales offers no upsert for 'appointments'");
        assertRefused("target: deals", "target: deals\n    price: {amount: estimated_amount, currency: currency}",
                "only products have prices per currency, not deals");
    }

    @Test
    void lineItemsBelongToDealsThatWaitForTheRunsProducts() {
        assertRefused("wait-for: [practitioners, clinics, patients, products]",
                "wait-for: [practitioners, clinics, patients]",
                "line-items: a line item's product is known only once every product of the run is");
        assertRefused("      teeth-to: custom_field.cf_tooth_numbers", "",
                "'tooth' and 'teeth-to' go together");
    }

    @Test
    void aRecordWrittenOntoAnotherNeedsItAndFindsItByTheIdentifier() {
        assertRefused("shape: onto, if-unknown: reject}", "shape: onto, if-unknown: reject, optional: true}",
                "billing-records", "a record written onto another cannot do without it");
        assertRefused("identifier: [custom_field.cf_dentes_id]\n    partition-key: patient_id      # with the case",
                "identifier: [custom_field.cf_billing_id]\n    partition-key: patient_id      # with the case",
                "'custom_field.cf_dentes_id' (shape onto) must be the identifier");
    }

    @Test
    void aValueAgreesWithAParentFieldThatReachesTheMapper() {
        assertRefused("        parent-field: currency\n", "        parent-field: national_id\n",
                "'national_id' is not a field the treatment-cases mapping reads");
        assertRefused("        rule: billing.currency-mismatch", "        rule: currency.wrong", "unknown rule 'currency.wrong'");
    }

    @Test
    void aReferenceShapeIsOneOfThree() {
        assertRefused("shape: id-list", "shape: list", "'list': use id, id-list, primary-account or onto");
    }

    @Test
    void unknownTransformIsNamedWithItsPlace() {
        assertRefused("transforms: [phone]\n        on-invalid: drop           # a wrong",
                "transforms: [phonee]\n        on-invalid: drop           # a wrong",
                "mappings.patients.fields[3] (to: mobile_number).transforms[0]: unknown transform 'phonee'");
    }

    @Test
    void unknownRuleIsRefused() {
        assertRefused("required: name.missing\n      - to: emails", "required: name.absent\n      - to: emails",
                "unknown rule 'name.absent'", "name.missing");
    }

    @Test
    void aTypoInAKeyIsAnErrorNotASilentlyIgnoredLine() {
        assertRefused("on-invalid: reject         # email.invalid", "on-invalid-x: reject",
                "mappings.patients.fields[2] (to: emails): unknown key 'on-invalid-x'");
    }

    @Test
    void versionMustMatchTheFileName() {
        assertRefused("version: dentes-freshsales/v1", "version: dentes-freshsales/v2",
                "'dentes-freshsales/v2' does not match the file name (expected dentes-freshsales/v1)");
        assertRefused("version: dentes-freshsales/v1", "version: version one", "is not of the form <name>/v<number>");
    }

    @Test
    void aSharedValueMovesOnlyIntoACustomField() {
        assertRefused("keep-in: custom_field.cf_shared_email", "keep-in: emails",
                "patients.unique[0].keep-in: must name a custom field such as custom_field.cf_shared_email, not 'emails'");
    }

    @Test
    void unknownResourceAndTargetAreRefused() {
        assertRefused("  clinics:\n    action: upsert", "  clinic:\n    action: upsert",
                "mappings.clinic: 'clinic' is not a Dr.DENTES resource");
        assertRefused("target: sales_accounts", "target: companies", "'companies' is not a Freshsales collection");
        assertRefused("target: sales_accounts", "target: appointments",
                "Freshsales offers no upsert for 'appointments'");
    }

    @Test
    void aReferenceToAResourceTheMappingDoesNotWaitForIsRefused() {
        // Without waiting for all clinics, "unknown clinic" could not be told from "clinic not read yet".
        assertRefused("wait-for: [practitioners, clinics, patients]", "wait-for: [practitioners, patients]",
                "'clinics' is not in the mapping's wait-for");
    }

    @Test
    void aUniquenessRuleNeedsTheWholeResource() {
        assertRefused("wait-for: [practitioners, clinics, patients]", "wait-for: [practitioners, clinics]",
                "a uniqueness rule needs every record of the run: add patients to wait-for");
    }

    @Test
    void requireAnyMustNameFieldsTheMappingWrites() {
        // A field nobody writes would always be absent: every record would be rejected.
        assertRefused("fields: [emails, mobile_number]", "fields: [emails, phone_number]",
                "mappings.patients.require-any[0].fields: 'phone_number' is not one of the mapping's target fields");
        assertRefused("fields: [emails, mobile_number]", "fields: []",
                "mappings.patients.require-any[0].fields: missing or empty");
        assertRefused("rule: contact.unreachable", "rule: contact.unreachabel",
                "mappings.patients.require-any[0].rule: unknown rule 'contact.unreachabel'");
        assertRefused("source-fields: [email, mobile_phone]", "source-fields: [email, mobile]",
                "require-any[0].source-fields: 'mobile' is not read by any of the named fields");
        assertRefused("source-fields: [email, mobile_phone]", "sources: [email, mobile_phone]",
                "mappings.patients.require-any[0]: unknown key 'sources'");
    }

    @Test
    void requireAnySourceFieldsDefaultToTheNamedFieldsSources() {
        ResourceMapping patients = compileWith("        source-fields: [email, mobile_phone]\n", "")
                .mappingFor(SourceResource.PATIENTS).orElseThrow();
        assertThat(patients.requireAny()).singleElement().extracting(RequireAnyRule::sourceFields)
                .isEqualTo(List.of("email", "mobile_phone"));
    }

    @Test
    void anIdentifierMustAlwaysHaveAValue() {
        String clinics = "identifier: [custom_field.cf_dentes_id]";
        assertRefused(clinics, "identifier: [phone]", "'phone' can be empty");
        assertRefused(clinics, "identifier: [website]", "'website' is not one of the mapping's target fields");
    }

    @Test
    void lookupEntriesAreNamesOrListsOfNames() {
        assertRefused("    REFERRAL: Referral\n", "    REFERRAL: {name: Referral}\n",
                "lookups.lead-sources.REFERRAL: must be a name, or a list of names tried in order");
        assertRefused("    REFERRAL: Referral\n", "    REFERRAL: []\n", "lookups.lead-sources.REFERRAL");
    }

    @Test
    void aMapStepMustNameATableTheSpecDefines() {
        assertRefused("{map: lead-sources}", "{map: lead-source}", "names lookup table 'lead-source'");
    }

    @Test
    void fieldsNeedExactlyOneSource() {
        assertRefused("      - to: city\n        from: address.city\n        transforms: [trim]\n      - to: zipcode\n"
                        + "        from: address.postal_code\n        transforms: [trim]\n      - to: country\n"
                        + "        from: address.country\n        transforms: [trim]\n      - to: industry_type_id",
                "      - to: city\n        from: address.city\n        value: Istanbul\n      - to: zipcode\n"
                        + "        from: address.postal_code\n        transforms: [trim]\n      - to: country\n"
                        + "        from: address.country\n        transforms: [trim]\n      - to: industry_type_id",
                "needs exactly one of 'from', 'value', 'reference' (has 2)");
    }

    @Test
    void aTargetFieldIsWrittenOnce() {
        assertRefused("      - to: custom_field.cf_tax_number", "      - to: phone", "a second rule for 'phone'");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String broken = SHIPPED.replace("transforms: [trim, collapse-spaces]\n        required: name.missing\n      - to: phone",
                        "transforms: [trimm, collapse-spaces]\n        required: name.missing\n      - to: phone")
                .replace("{lookup: industry_types}", "{lookup: industries}");
        assertThatThrownBy(() -> SpecCompiler.compile(LOCATION, broken))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("(2 problems)")
                .hasMessageContaining("unknown transform 'trimm'")
                .hasMessageContaining("target list 'industries'");
    }

    @Test
    void notYamlIsRefusedWithTheLine() {
        assertThatThrownBy(() -> SpecCompiler.compile(LOCATION, "version: x\nmappings: [a, b\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("not readable as YAML").hasMessageContaining("line");
        assertThatThrownBy(() -> SpecCompiler.compile(LOCATION, ""))
                .isInstanceOf(SpecException.class).hasMessageContaining("must be a YAML mapping");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> SpecLoader.load(dir.resolve("nowhere.v1.yaml").toString()))
                .isInstanceOf(SpecException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> SpecLoader.load("classpath:mapping/nowhere.v1.yaml"))
                .isInstanceOf(SpecException.class).hasMessageContaining("not found on the class path");
    }

    @Test
    void aSpecCanBeLoadedFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dentes-freshsales.v1.yaml");
        Files.writeString(file, SHIPPED);
        assertThat(SpecLoader.load(file.toString()).version()).isEqualTo("dentes-freshsales/v1");
    }
    @Test
    void aModuleRecordMappingMustWaitForItsDefinitionsAndNameItsEntityAndFieldByKey() {
        assertRefused("wait-for: [custom-modules, patients, treatment-cases, custom-module-records]",
                "wait-for: [patients, treatment-cases, custom-module-records]",
                "mappings.custom-module-records.definitions", "add custom-modules to wait-for");
        assertRefused("entity: \"cm_{key}_record\"", "entity: \"imaging_record\"",
                "mappings.custom-module-records.many-per-patient.entity", "holding {key}");
        assertRefused("field: \"cf_{key}_{field}\"", "field: \"cf_{field}\"",
                "mappings.custom-module-records.one-per-patient.field", "holding {key} and then {field}");
        assertRefused("shape: onto, if-missing: reject, if-unknown: reject}}",
                "if-missing: reject, if-unknown: reject}}",
                "mappings.custom-module-records.one-per-patient.onto", "shape onto");
    }
}
