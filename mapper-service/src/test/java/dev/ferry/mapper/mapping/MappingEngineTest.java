package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.patient;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingEngineTest {

    private static final ResourceMapping PATIENTS = SPEC.mappingFor(SourceResource.PATIENTS).orElseThrow();
    private static final ResourceMapping CLINICS = SPEC.mappingFor(SourceResource.CLINICS).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    private MappingResult mapPatient(String overrides, MappingContext ctx) {
        return engine.map(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-000123", overrides)), ctx);
    }

    private LoadCommand mappedPatient(String overrides, MappingContext ctx) {
        MappingResult r = mapPatient(overrides, ctx);
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) r).command();
    }

    private Rejection rejectedPatient(String overrides, MappingContext ctx) {
        MappingResult r = mapPatient(overrides, ctx);
        assertThat(r).isInstanceOf(MappingResult.Rejected.class);
        Rejection rejection = ((MappingResult.Rejected) r).rejection();
        // Whatever the rule, the operator's sentence never carries the patient's values.
        assertThat(rejection.message()).doesNotContain("Ayşe", "Yılmaz", "ayse", "0532", "1984", "12345678901",
                "Bağdat", "penicillin");
        return rejection;
    }

    @Test
    void aBookedPatientBecomesAContactAtACustomerStage() {
        LoadCommand c = mappedPatient("{}", context(standardIndexes()));
        JsonNode f = c.fields();
        assertThat(c.target()).isEqualTo(FreshsalesTarget.CONTACT);
        assertThat(c.identifier()).containsExactly(java.util.Map.entry("cf_dentes_id", "P-000123"));
        assertThat(c.partitionKey()).isEqualTo("P-000123");
        assertThat(c.commandId()).isEqualTo(CommandIds.of(Fixtures.RUN, SourceResource.PATIENTS, "P-000123", 0, "UPSERT"));
        assertThat(c.mappingVersion()).isEqualTo("dentes-freshsales/v1");
        assertThat(c.sourceUpdatedAt()).isEqualTo("2024-06-01T10:00:00+03:00");
        assertThat(f.get("first_name").asText()).isEqualTo("Ayşe");
        assertThat(f.get("last_name").asText()).isEqualTo("Yılmaz");
        assertThat(f.get("emails").asText()).isEqualTo("ayse.yilmaz@example.com");
        assertThat(f.get("mobile_number").asText()).isEqualTo("+905321234567");
        assertThat(f.get("address").asText()).isEqualTo("Bağdat Cad. 12, Kadıköy");
        assertThat(f.get("city").asText()).isEqualTo("İstanbul");
        assertThat(f.get("lifecycle_stage_id").asLong()).isEqualTo(72);
        assertThat(f.get("contact_status_id").asLong()).isEqualTo(83);
        assertThat(f.get("lead_source_id").asLong()).isEqualTo(91);
        assertThat(f.get("owner_id").asLong()).isEqualTo(1001);
        JsonNode account = f.get("sales_accounts").get(0);
        assertThat(TypedRef.fromNode(account.get("id"))).isEqualTo(TypedRef.optional(SourceResource.CLINICS, "C-1"));
        assertThat(account.get("is_primary").asBoolean()).isTrue();
        JsonNode cf = f.get("custom_field");
        assertThat(cf.get("cf_dentes_id").asText()).isEqualTo("P-000123");
        assertThat(cf.get("cf_treatment_type").asText()).isEqualTo("Orthodontics");
        assertThat(cf.get("cf_insurance_provider").asText()).isEqualTo("SGK");
        assertThat(cf.get("cf_recall_interval_months").asLong()).isEqualTo(6);
        assertThat(cf.get("cf_inquiry_type").asText()).isEqualTo("implant consultation");
        assertThat(cf.get("cf_allergy_notes").asText()).isEqualTo("penicillin");
        assertThat(cf.get("cf_vip").asBoolean()).isTrue();
        assertThat(f.toString()).as("never migrated").doesNotContain("12345678901");
        assertThat(c.notes()).isEmpty();
        assertThat(c.references()).extracting(TypedRef.Located::pointer).containsExactly("/sales_accounts/0/id");
    }

    @Test
    void aNeverBookedPatientIsALeadOnSuite() {
        LoadCommand c = mappedPatient("{\"first_appointment_at\": null, \"status\": \"PROSPECT\"}", context(standardIndexes()));
        assertThat(c.target()).isEqualTo(FreshsalesTarget.CONTACT);
        assertThat(c.fields().get("lifecycle_stage_id").asLong()).isEqualTo(71);
        assertThat(c.fields().get("contact_status_id").asLong()).isEqualTo(81);
        assertThat(c.fields().get("lead_source_id").asLong()).isEqualTo(91);
        assertThat(c.fields().at("/custom_field/cf_inquiry_type").asText()).isEqualTo("implant consultation");
    }

    @Test
    void aNeverBookedPatientGoesToTheLeadsModuleOnClassic() {
        MappingContext classic = context(standardIndexes(), Fixtures.FALLBACK,
                Edition.CLASSIC);
        LoadCommand lead = mappedPatient("{\"first_appointment_at\": \"  \"}", classic);
        assertThat(lead.target()).isEqualTo(FreshsalesTarget.LEAD);
        assertThat(lead.fields().has("sales_accounts")).isFalse();
        assertThat(lead.fields().has("lifecycle_stage_id")).isFalse();
        assertThat(lead.notes()).contains("sales_accounts left out: Freshsales Classic leads have no such field");
        assertThat(mappedPatient("{}", classic).target()).isEqualTo(FreshsalesTarget.CONTACT);
    }

    @Test
    void aStatusThatDoesNotBelongToTheStageIsLeftOut() {
        LoadCommand c = mappedPatient("{\"status\": \"PROSPECT\"}", context(standardIndexes()));
        assertThat(c.fields().has("contact_status_id")).isFalse();
        assertThat(c.notes()).contains("contact_status_id left out: the status does not belong to the Customer lifecycle stage");
    }

    @Test
    void ownerFallsBackWithANoteWhenThePractitionerHasNoUser() {
        LoadCommand c = mappedPatient("{\"primary_practitioner_id\": \"PR-2\"}", context(standardIndexes()));
        assertThat(c.fields().get("owner_id").asLong()).isEqualTo(1003);
        assertThat(c.notes()).containsExactly("owner fell back to the default user: practitioner PR-2 has no Freshsales user");

        assertThat(mappedPatient("{\"primary_practitioner_id\": \"PR-3\"}", context(standardIndexes())).notes())
                .containsExactly("owner fell back to the default user: practitioner PR-3's Freshsales user is inactive");
        assertThat(mappedPatient("{\"primary_practitioner_id\": \"PR-4\"}", context(standardIndexes())).notes())
                .containsExactly("owner fell back to the default user: practitioner PR-4 is deleted in Dr.DENTES");
        assertThat(mappedPatient("{\"primary_practitioner_id\": \"PR-77\"}", context(standardIndexes())).notes())
                .containsExactly("owner fell back to the default user: practitioner PR-77 does not exist in Dr.DENTES");
        assertThat(mappedPatient("{\"primary_practitioner_id\": null}", context(standardIndexes())).notes())
                .containsExactly("owner fell back to the default user: the record has no primary_practitioner_id");
    }

    @Test
    void withoutAFallbackOwnerTheOwnerIsLeftToFreshsalesAndTheNoteSaysWhy() {
        LoadCommand none = mappedPatient("{\"primary_practitioner_id\": \"PR-2\"}",
                context(standardIndexes(), OwnerFallback.none(), Edition.SUITE));
        assertThat(none.fields().has("owner_id")).isFalse();
        assertThat(none.notes()).containsExactly("no owner set: practitioner PR-2 has no Freshsales user, and no fallback"
                + " owner is configured (ferry.mapper.fallback-owner-email)");
        LoadCommand notAUser = mappedPatient("{\"primary_practitioner_id\": \"PR-2\"}",
                context(standardIndexes(), new OwnerFallback("nobody@klinik.example", null), Edition.SUITE));
        assertThat(notAUser.notes()).singleElement().asString().endsWith("the configured fallback owner is not a user of"
                + " the Freshsales account");
    }

    @Test
    void missingNamesAreRejected() {
        Rejection first = rejectedPatient("{\"first_name\": null}", context(standardIndexes()));
        assertThat(first.rule()).isEqualTo("name.missing");
        assertThat(first.field()).isEqualTo("first_name");
        assertThat(first.message()).contains("first_name is missing or blank");
        Rejection last = rejectedPatient("{\"last_name\": \" \\t \"}", context(standardIndexes()));
        assertThat(last.rule()).isEqualTo("name.missing");
        assertThat(last.field()).isEqualTo("last_name");
    }

    @Test
    void anInvalidEmailIsRejected() {
        Rejection r = rejectedPatient("{\"email\": \"ayse.yilmaz@example\"}", context(standardIndexes()));
        assertThat(r.rule()).isEqualTo("email.invalid");
        assertThat(r.field()).isEqualTo("email");
        assertThat(r.message()).contains("is not a valid e-mail address");
    }

    @Test
    void noEmailIsNotAReasonToReject() {
        LoadCommand c = mappedPatient("{\"email\": null}", context(standardIndexes()));
        assertThat(c.fields().has("emails")).isFalse();
    }

    // Regression (end-to-end suite): a patient with neither an e-mail nor a valid mobile became a contact command that
    // Freshsales refused with 400 "Email or mobile number is required", after two API calls. Now rejected up front.
    @Test
    void aPatientWithNeitherEmailNorMobileIsRejectedAsUnreachable() {
        Rejection r = rejectedPatient("{\"email\": null, \"mobile_phone\": null}", context(standardIndexes()));
        assertThat(r.rule()).isEqualTo("contact.unreachable");
        assertThat(r.field()).isEqualTo("email,mobile_phone");
        assertThat(r.message()).isEqualTo("Neither email nor mobile_phone holds a usable value; a Freshsales contact"
                + " needs an e-mail address or a mobile number, so it would be refused. Fill in one of them in"
                + " Dr.DENTES and run again.");
        // blank is absent too (trimmed away by the e-mail and phone steps)
        assertThat(rejectedPatient("{\"email\": \" \\t \", \"mobile_phone\": \"  \"}", context(standardIndexes())).rule())
                .isEqualTo("contact.unreachable");
    }

    @Test
    void aValidMobileAloneIsEnoughToLoad() {
        LoadCommand c = mappedPatient("{\"email\": null}", context(standardIndexes()));
        assertThat(c.fields().has("emails")).isFalse();
        assertThat(c.fields().get("mobile_number").asText()).isEqualTo("+905321234567");
    }

    @Test
    void anEmailAloneIsEnoughToLoad() {
        LoadCommand c = mappedPatient("{\"mobile_phone\": null}", context(standardIndexes()));
        assertThat(c.fields().has("mobile_number")).isFalse();
        assertThat(c.fields().get("emails").asText()).isEqualTo("ayse.yilmaz@example.com");
        LoadCommand invalidMobile = mappedPatient("{\"mobile_phone\": \"0532 123\"}", context(standardIndexes()));
        assertThat(invalidMobile.fields().has("mobile_number")).isFalse();
        assertThat(invalidMobile.fields().has("emails")).isTrue();
    }

    @Test
    void aMobileDroppedAsInvalidCountsAsAbsent() {
        Rejection r = rejectedPatient("{\"email\": null, \"mobile_phone\": \"0532 123\"}", context(standardIndexes()));
        assertThat(r.rule()).isEqualTo("contact.unreachable");
        assertThat(r.field()).isEqualTo("email,mobile_phone");
        assertThat(r.message()).startsWith("Neither email nor mobile_phone holds a usable value (mobile_phone was left"
                + " out: phone.invalid); a Freshsales contact needs");
        // a home phone is no mobile number: it does not make the contact reachable for Freshsales
        assertThat(rejectedPatient("{\"email\": null, \"mobile_phone\": null, \"home_phone\": \"(0216) 555-12-34\"}",
                context(standardIndexes())).rule()).isEqualTo("contact.unreachable");
    }

    @Test
    void unreachableFiresAfterTheFieldRulesAndBeforeUniqueness() {
        String unreachable = "\"email\": null, \"mobile_phone\": null";
        assertThat(rejectedPatient("{\"first_name\": null, " + unreachable + "}", context(standardIndexes())).rule())
                .isEqualTo("name.missing");
        assertThat(rejectedPatient("{\"email\": \"bad@\", \"mobile_phone\": null}", context(standardIndexes())).rule())
                .isEqualTo("email.invalid");
        assertThat(rejectedPatient("{\"clinic_id\": null, " + unreachable + "}", context(standardIndexes())).rule())
                .isEqualTo("reference.missing");
        assertThat(rejectedPatient("{\"clinic_id\": \"C-404\", " + unreachable + "}", context(standardIndexes())).rule())
                .isEqualTo("reference.unknown");
        // an e-mail another patient (lower id) holds moves to cf_shared_email and the mobile carries the contact,
        // while one with neither is reported as unreachable, not as a duplicate of anybody
        Fixtures.Indexes idx = standardIndexes().holds("email.duplicate", "ayse.yilmaz@example.com", "P-000045");
        assertThat(mappedPatient("{}", context(idx)).fields().has("emails")).isFalse();
        assertThat(rejectedPatient("{" + unreachable + "}", context(idx)).rule()).isEqualTo("contact.unreachable");
    }

    @Test
    void aPatientWithoutAClinicIsRejected() {
        Rejection r = rejectedPatient("{\"clinic_id\": null}", context(standardIndexes()));
        assertThat(r.rule()).isEqualTo("reference.missing");
        assertThat(r.field()).isEqualTo("clinic_id");
    }

    @Test
    void anUnknownOrDeletedClinicIsRejected() {
        Rejection unknown = rejectedPatient("{\"clinic_id\": \"C-404\"}", context(standardIndexes()));
        assertThat(unknown.rule()).isEqualTo("reference.unknown");
        assertThat(unknown.field()).isEqualTo("clinic_id");
        assertThat(unknown.message()).contains("clinics C-404, which does not exist in Dr.DENTES");
        Rejection deleted = rejectedPatient("{\"clinic_id\": \"C-9\"}", context(standardIndexes()));
        assertThat(deleted.rule()).isEqualTo("reference.unknown");
        assertThat(deleted.message()).contains("clinics C-9, which is deleted in Dr.DENTES");
    }

    /**
     * Regression, issue 8 hole 8: every later patient sharing an e-mail with an earlier one was rejected
     * (email.duplicate), even with a valid mobile number: a family lost all its members but one. Now the lower id
     * keeps the address, the others keep it in cf_shared_email and reach Freshsales by mobile number.
     */
    @Test
    void ofTwoPatientsWithOneEmailTheHigherIdKeepsItInTheSharedFieldAndLoadsByMobile() {
        Fixtures.Indexes idx = standardIndexes()
                .holds("email.duplicate", "ayse.yilmaz@example.com", "P-000123")
                .holds("email.duplicate", "ayse.yilmaz@example.com", "P-000045");
        LoadCommand higher = mappedPatient("{\"email\": \"AYSE.YILMAZ@example.com\"}", context(idx));
        assertThat(higher.fields().has("emails")).isFalse();
        // the address as the contact would have carried it (the e-mail transform keeps the local part's case)
        assertThat(higher.fields().path("custom_field").path("cf_shared_email").asText())
                .isEqualToIgnoringCase("ayse.yilmaz@example.com");
        assertThat(higher.fields().path("mobile_number").asText()).startsWith("+90");
        assertThat(higher.notes()).anySatisfy(n -> assertThat(n).startsWith("emails kept in cf_shared_email: the email"
                + " is shared with patients P-000045, which has the lower id and keeps it (email.duplicate)"));

        MappingResult lower = engine.map(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-000045", "{}")), context(idx));
        assertThat(lower).isInstanceOf(MappingResult.Mapped.class);
        assertThat(((MappingResult.Mapped) lower).command().fields().has("emails")).isTrue();
    }

    @Test
    void aPatientWhoseOnlyChannelIsASharedAddressIsUnreachableAndSaysWhy() {
        Fixtures.Indexes idx = standardIndexes().holds("email.duplicate", "ayse.yilmaz@example.com", "P-000045");
        Rejection r = rejectedPatient("{\"mobile_phone\": null}", context(idx));
        assertThat(r.rule()).isEqualTo("contact.unreachable");
        assertThat(r.field()).isEqualTo("email,mobile_phone");
        assertThat(r.message()).contains("email was left out: shared with patients P-000045, which has the lower id and"
                + " keeps it (email.duplicate)");
    }

    @Test
    void theFirstFailingRuleInSpecOrderDecides() {
        Rejection r = rejectedPatient("{\"last_name\": null, \"email\": \"bad\", \"clinic_id\": \"C-404\"}",
                context(standardIndexes()));
        assertThat(r.rule()).isEqualTo("name.missing");
        assertThat(r.field()).isEqualTo("last_name");
    }

    @Test
    void aDeletedRecordIsNotMigrated() {
        MappingResult r = engine.map(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1", "{}"), true),
                context(standardIndexes()));
        assertThat(((MappingResult.Rejected) r).rejection().rule()).isEqualTo("record.deleted");
    }

    @Test
    void anInvalidPhoneIsLeftOutWithANoteAndThePatientStillLoads() {
        LoadCommand c = mappedPatient("{\"mobile_phone\": \"0532 123\", \"home_phone\": \"call reception\"}",
                context(standardIndexes()));
        assertThat(c.fields().has("mobile_number")).isFalse();
        assertThat(c.notes()).contains("mobile_number left out (phone.invalid): the mobile_phone is not a valid phone"
                + " number for region TR");
        assertThat(String.join(" ", c.notes())).doesNotContain("0532", "reception");
    }

    @Test
    void aValueThatIsNotAChoiceIsLeftOutAndReportedForTheChecklist() {
        MappingResult r = mapPatient("{\"treatment_type\": \"COSMETIC\"}", context(standardIndexes()));
        LoadCommand c = ((MappingResult.Mapped) r).command();
        assertThat(c.fields().at("/custom_field/cf_treatment_type").isMissingNode()).isTrue();
        assertThat(c.notes()).contains("custom_field.cf_treatment_type left out (choice.unknown): the treatment_type is"
                + " not one of the choices of the Freshsales field cf_treatment_type");
        // the choice the admin has to add, spelled as the spec translates the code
        assertThat(r.choiceGaps()).containsExactly(new ChoiceGap("contacts", "cf_treatment_type", "Cosmetic dentistry"));
    }

    @Test
    void treatmentCodesAreTranslatedToTheDropdownsChoices() {
        assertThat(mappedPatient("{\"treatment_type\": \"ENDODONTICS\"}", context(standardIndexes())).fields()
                .at("/custom_field/cf_treatment_type").isMissingNode()).as("fixture account lacks Endodontics").isTrue();
        assertThat(mappedPatient("{\"treatment_type\": \"IMPLANT\"}", context(standardIndexes())).fields()
                .at("/custom_field/cf_treatment_type").asText()).isEqualTo("Implantology");
        LoadCommand unknownCode = mappedPatient("{\"treatment_type\": \"WHITENING\"}", context(standardIndexes()));
        assertThat(unknownCode.notes()).contains("custom_field.cf_treatment_type left out (value.unmapped): the"
                + " treatment_type holds a code the spec's 'treatment-types' table does not translate");
    }

    @Test
    void aLookupWithoutAnEntryIsLeftOutWithANote() {
        LoadCommand c = mappedPatient("{\"lead_source\": \"OTHER\"}", context(standardIndexes()));
        assertThat(c.fields().has("lead_source_id")).isFalse();
        assertThat(c.notes()).contains("lead_source_id left out (lookup.unknown): the lead_source matches no entry of the"
                + " Freshsales account's lead sources list");
    }

    @Test
    void fieldsTheTargetLacksAreLeftOutAndListedExceptTheEssentialOne() {
        MappingResult r = mapPatient("{}", context(standardIndexes()));
        LoadCommand c = ((MappingResult.Mapped) r).command();
        assertThat(c.fields().get("custom_field").has("cf_date_of_birth")).isFalse();
        assertThat(c.fields().get("custom_field").has("cf_home_phone")).isFalse();
        assertThat(r.fieldGaps()).extracting(FieldGap::fieldName).containsExactly("cf_home_phone", "cf_date_of_birth",
                "cf_gender", "cf_preferred_language", "cf_consent_sms", "cf_consent_email");
        assertThat(r.fieldGaps()).filteredOn(g -> g.fieldName().equals("cf_date_of_birth")).singleElement()
                .satisfies(g -> {
                    assertThat(g.proposedType()).isEqualTo("date");
                    assertThat(g.sourceField()).isEqualTo("date_of_birth");
                    assertThat(g.essential()).isFalse();
                });
        assertThat(r.fieldGaps()).filteredOn(g -> g.fieldName().equals("cf_consent_sms")).singleElement()
                .extracting(FieldGap::proposedType).isEqualTo("checkbox");

        // The account below lacks cf_dentes_id: it is sent anyway (the loader's lookups need it) and listed as blocking.
        TargetView lacking = new TargetView(new dev.ferry.contracts.TargetMetadata(null, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), java.util.Map.of("sales_accounts", List.of())));
        MappingContext ctx = new MappingContext(Fixtures.RUN, SPEC.version(), lacking, standardIndexes(),
                standardIndexes(), standardIndexes(), OwnerFallback.none(), Edition.SUITE, "TR");
        MappingResult clinic = engine.map(CLINICS, envelope(SourceResource.CLINICS,
                "{\"id\": \"C-1\", \"name\": \"Kadıköy Dental\"}"), ctx);
        assertThat(((MappingResult.Mapped) clinic).command().fields().at("/custom_field/cf_dentes_id").asText()).isEqualTo("C-1");
        assertThat(clinic.fieldGaps()).singleElement().satisfies(g -> {
            assertThat(g.fieldName()).isEqualTo("cf_dentes_id");
            assertThat(g.essential()).isTrue();
        });
    }

    @Test
    void thePracticesCustomFieldsLandInMatchingFieldsOrOnTheChecklist() {
        MappingResult r = mapPatient("{\"custom_fields\": {\"allergy_notes\": \"latex\", \"Referral Code\": \"R-7\","
                + " \"Sigorta Poliçe No\": \"123\", \"vip\": true, \"empty\": \" \"}}", context(standardIndexes()));
        LoadCommand c = ((MappingResult.Mapped) r).command();
        JsonNode cf = c.fields().get("custom_field");
        assertThat(cf.get("cf_allergy_notes").asText()).isEqualTo("latex");
        assertThat(cf.get("cf_vip").asBoolean()).isTrue();
        assertThat(cf.has("cf_referral_code")).as("not a number, so not written to a number field").isFalse();
        assertThat(c.notes()).contains("custom_field.cf_referral_code left out (value.not-an-integer): the"
                + " custom_fields.Referral Code is not a whole number");
        assertThat(r.fieldGaps()).filteredOn(g -> g.sourceField().startsWith("custom_fields."))
                .extracting(FieldGap::fieldName, FieldGap::sourceField, FieldGap::proposedType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cf_sigorta_police_no",
                        "custom_fields.Sigorta Poliçe No", "text"));
    }

    @Test
    void mappingIsDeterministic() {
        SourceRecordEnvelope e = envelope(SourceResource.PATIENTS, patient("P-000123", "{}"));
        LoadCommand a = ((MappingResult.Mapped) engine.map(PATIENTS, e, context(standardIndexes()))).command();
        LoadCommand b = ((MappingResult.Mapped) engine.map(PATIENTS, e, context(standardIndexes()))).command();
        assertThat(FerryJson.encodeToString(a)).isEqualTo(FerryJson.encodeToString(b));
    }

    @Test
    void aClinicBecomesAnAccountWithItsParentAsAnOptionalReference() {
        Fixtures.Indexes idx = standardIndexes();
        LoadCommand c = ((MappingResult.Mapped) engine.map(CLINICS, envelope(SourceResource.CLINICS, """
                {"id": "C-2", "name": "  Kadıköy   Dental ", "parent_clinic_id": "C-1", "phone": "0216 555 12 34",
                 "email": "Info@Kadikoy.example", "tax_number": "1234567890",
                 "address": {"line1": "Moda Cad. 1", "district": "Kadıköy", "city": "İstanbul", "country": "TR"}}
                """), context(idx))).command();
        assertThat(c.target()).isEqualTo(FreshsalesTarget.SALES_ACCOUNT);
        // by source id, not by name: two clinics sharing a name must never merge into one account
        assertThat(c.identifier()).containsExactly(java.util.Map.entry("cf_dentes_id", "C-2"));
        assertThat(c.fields().get("name").asText()).isEqualTo("Kadıköy Dental");
        assertThat(c.partitionKey()).isEqualTo("C-2");
        assertThat(c.fields().get("phone").asText()).isEqualTo("+902165551234");
        assertThat(c.fields().get("industry_type_id").asLong()).isEqualTo(61);
        assertThat(TypedRef.fromNode(c.fields().get("parent_sales_account_id")))
                .isEqualTo(TypedRef.optional(SourceResource.CLINICS, "C-1"));
        assertThat(c.fields().at("/custom_field/cf_tax_number").asText()).isEqualTo("1234567890");
    }

    @Test
    void anUnknownParentClinicIsDroppedNotFatal() {
        LoadCommand c = ((MappingResult.Mapped) engine.map(CLINICS, envelope(SourceResource.CLINICS,
                "{\"id\": \"C-2\", \"name\": \"Moda\", \"parent_clinic_id\": \"C-9\"}"), context(standardIndexes()))).command();
        assertThat(c.fields().has("parent_sales_account_id")).isFalse();
        assertThat(c.notes()).containsExactly("parent_sales_account_id left out (reference.unknown): the parent_clinic_id"
                + " points at clinics C-9, which is deleted in Dr.DENTES");
        LoadCommand self = ((MappingResult.Mapped) engine.map(CLINICS, envelope(SourceResource.CLINICS,
                "{\"id\": \"C-2\", \"name\": \"Moda\", \"parent_clinic_id\": \"C-2\"}"), context(standardIndexes()))).command();
        assertThat(self.notes()).containsExactly("parent_sales_account_id left out: the parent_clinic_id points at the record itself");
    }

    @Test
    void aClinicWithoutANameIsRejected() {
        MappingResult r = engine.map(CLINICS, envelope(SourceResource.CLINICS, "{\"id\": \"C-3\", \"name\": \"   \"}"),
                context(standardIndexes()));
        Rejection rejection = ((MappingResult.Rejected) r).rejection();
        assertThat(rejection.rule()).isEqualTo("name.missing");
        assertThat(rejection.message()).contains("on every sales account");
    }

    @Test
    void preValidationSeesOnlyWhatNeedsNoTargetAndNoOtherRecords() {
        assertThat(engine.preValidate(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1", "{}")), "TR")).isEmpty();
        assertThat(engine.preValidate(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"email\": \"x@\"}")), "TR")).get().extracting(Rejection::rule).isEqualTo("email.invalid");
        assertThat(engine.preValidate(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"clinic_id\": \"\"}")), "TR")).get().extracting(Rejection::rule).isEqualTo("reference.missing");
        assertThat(engine.preValidate(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"email\": null, \"mobile_phone\": \"0532 123\"}")), "TR")).get()
                .extracting(Rejection::rule, Rejection::field).containsExactly("contact.unreachable", "email,mobile_phone");
        assertThat(engine.preValidate(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"email\": null}")), "TR")).isEmpty();
        // an unknown clinic is not a pre-validation matter: it needs the whole run
        assertThat(engine.preValidate(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"clinic_id\": \"C-404\"}")), "TR")).isEmpty();
    }

    /** Regression, issue 8 hole 5: a record without an id vanished before the mapper; now it ends readable here. */
    @Test
    void aRecordWithoutAnIdIsRejectedNamingTheNameTheExtractorGaveIt() {
        SourceRecordEnvelope e = envelope(SourceResource.PATIENTS, patient("P-1", "{\"id\": null}"));
        SourceRecordEnvelope named = new SourceRecordEnvelope(null, e.runId(), e.mode(), e.resource(),
                "no-id-0123456789abcdef", null, e.sourceUpdatedAt(), false, e.payload(), e.extractedAt());

        Rejection r = engine.preValidate(PATIENTS, named, "TR").orElseThrow();

        assertThat(r.rule()).isEqualTo("id.missing");
        assertThat(r.field()).isEqualTo("id");
        assertThat(r.message()).contains("no-id-0123456789abcdef").doesNotContain("Ayşe");
    }

    @Test
    void uniqueKeysAreFoldedSoSpellingsMatch() {
        assertThat(engine.uniqueKeys(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"email\": \" İlker.SAHIN@Example.com\"}")), "TR"))
                .containsExactly(java.util.Map.entry("email.duplicate", "ilker.sahin@example.com"));
        assertThat(engine.uniqueKeys(PATIENTS, envelope(SourceResource.PATIENTS, patient("P-1",
                "{\"email\": null}")), "TR")).isEmpty();
    }

    @Test
    void slugsAndInferredTypes() {
        assertThat(MappingEngine.slug("Sigorta Poliçe No")).isEqualTo("sigorta_police_no");
        assertThat(MappingEngine.slug("__Işık--Notu__")).isEqualTo("isik_notu");
        assertThat(MappingEngine.inferType(Fixtures.json("{\"v\": 3}").get("v"))).isEqualTo("number");
        assertThat(MappingEngine.inferType(Fixtures.json("{\"v\": 3.5}").get("v"))).isEqualTo("decimal");
        assertThat(MappingEngine.inferType(Fixtures.json("{\"v\": \"2024-01-02\"}").get("v"))).isEqualTo("date");
        assertThat(MappingEngine.inferType(Fixtures.json("{\"v\": \"x\"}").get("v"))).isEqualTo("text");
    }
}
