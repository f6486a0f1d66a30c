package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.json;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Billing records → the billing custom fields of their case's deal (issue 9), through the shipped spec. */
class BillingMappingTest {

    private static final ResourceMapping BILLING = SPEC.mappingFor(SourceResource.BILLING_RECORDS).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    private static String billing(String overrides) {
        ObjectNode b = json("""
                {"id": "BR-000007", "patient_id": "P-000123", "treatment_case_id": "TC-000042",
                 "insurance_provider": " Allianz  Sigorta ", "policy_number": "POL-204857", "coverage_percent": 80,
                 "total_amount": "7.500,00", "paid_amount": "6000.00", "outstanding_balance": "1.500,00",
                 "currency": "TRY", "status": "PARTIALLY_PAID",
                 "created_at": "2024-03-05T23:30:00+03:00", "updated_at": "2024-04-01T10:00:00+03:00"}
                """);
        b.setAll(json(overrides));
        return b.toString();
    }

    private MappingResult map(String overrides, Fixtures.Indexes indexes) {
        return engine.map(BILLING, envelope(SourceResource.BILLING_RECORDS, billing(overrides)), context(indexes));
    }

    private LoadCommand mapped(String overrides, Fixtures.Indexes indexes) {
        MappingResult r = map(overrides, indexes);
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) r).command();
    }

    private Rejection rejected(String overrides, Fixtures.Indexes indexes) {
        MappingResult r = map(overrides, indexes);
        assertThat(r).isInstanceOf(MappingResult.Rejected.class);
        Rejection rejection = ((MappingResult.Rejected) r).rejection();
        assertThat(rejection.message()).as("names rules and fields, never a policy or a figure")
                .doesNotContain("POL-204857", "Allianz", "7.500", "120");
        return rejection;
    }

    private static Fixtures.Indexes withCase() {
        return standardIndexes().record(SourceResource.TREATMENT_CASES, "TC-000042", ReferenceIndex.State.KNOWN);
    }

    @Test
    void aBillingRecordFillsTheBillingFieldsOfItsCasesDealAfterTheCasesOwnWrite() {
        LoadCommand c = mapped("{}", withCase());

        assertThat(c.target()).isEqualTo(FreshsalesTarget.DEAL);
        assertThat(c.resource()).isEqualTo(SourceResource.BILLING_RECORDS);
        assertThat(c.sourceId()).isEqualTo("BR-000007");
        assertThat(c.identifier()).as("the case's deal, found by the case's id").containsEntry("cf_dentes_id", "TC-000042");
        assertThat(c.after()).containsExactly(TypedRef.required(SourceResource.TREATMENT_CASES, "TC-000042"));
        assertThat(c.partitionKey()).as("with the patient's case, in order").isEqualTo("P-000123");
        JsonNode cf = c.fields().get("custom_field");
        assertThat(cf.get("cf_insurance_provider").asText()).isEqualTo("Allianz Sigorta");
        assertThat(cf.get("cf_policy_number").asText()).isEqualTo("POL-204857");
        assertThat(cf.get("cf_coverage_percent").decimalValue()).isEqualByComparingTo("80");
        assertThat(cf.get("cf_billing_total").decimalValue()).isEqualByComparingTo("7500.00");
        assertThat(cf.get("cf_amount_paid").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(cf.get("cf_outstanding_balance").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(cf.get("cf_billing_currency").asText()).isEqualTo("TRY");
        assertThat(cf.get("cf_billing_status").asText()).isEqualTo("Partially paid");
        assertThat(cf.get("cf_billing_id").asText()).isEqualTo("BR-000007");
        assertThat(c.fields().fieldNames()).toIterable().as("nothing of the case's own deal fields")
                .containsExactly("custom_field");
        assertThat(TypedRef.findAll(c.fields())).as("the deal's id is bound by nobody: it is upserted by identifier")
                .isEmpty();
    }

    @Test
    void aCreditStaysNegativeAndCommaDecimalsAreRead() {
        JsonNode cf = mapped("""
                {"outstanding_balance": "-120,50", "paid_amount": "7.620,50", "status": "PAID"}""", withCase())
                .fields().get("custom_field");
        assertThat(cf.get("cf_outstanding_balance").decimalValue()).isEqualByComparingTo("-120.50");
        assertThat(cf.get("cf_amount_paid").decimalValue()).isEqualByComparingTo("7620.50");
        assertThat(cf.get("cf_billing_status").asText()).isEqualTo("Paid");
    }

    @Test
    void aBillingRecordWithoutACaseIsRejectedForHavingNoDealToCarryIt() {
        Rejection r = rejected("{\"treatment_case_id\": null}", withCase());
        assertThat(r.rule()).isEqualTo(Rules.BILLING_NO_CASE);
        assertThat(r.field()).isEqualTo("treatment_case_id");
        assertThat(r.message()).contains("no deal to carry them");
        assertThat(engine.preValidate(BILLING, envelope(SourceResource.BILLING_RECORDS,
                billing("{\"treatment_case_id\": \"  \"}")), "TR")).map(Rejection::rule)
                .as("decided before uniqueness, so it never keeps a deal from a sibling").contains(Rules.BILLING_NO_CASE);
    }

    @Test
    void aCoverageOutsideZeroToAHundredIsRejectedNamingTheRuleAndTheField() {
        Rejection r = rejected("{\"coverage_percent\": \"120\"}", withCase());
        assertThat(r.rule()).isEqualTo(Rules.VALUE_OUT_OF_RANGE);
        assertThat(r.field()).isEqualTo("coverage_percent");
        assertThat(r.message()).contains("outside 0-100");
        assertThat(rejected("{\"coverage_percent\": -5}", withCase()).rule()).isEqualTo(Rules.VALUE_OUT_OF_RANGE);
        assertThat(mapped("{\"coverage_percent\": \"100,0\"}", withCase()).fields()
                .at("/custom_field/cf_coverage_percent").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void anAmountThatIsNotANumberRejectsRatherThanReadAsNothingOwed() {
        Rejection r = rejected("{\"outstanding_balance\": \"yok\"}", withCase());
        assertThat(r.rule()).isEqualTo(Rules.VALUE_NOT_A_NUMBER);
        assertThat(r.field()).isEqualTo("outstanding_balance");
    }

    @Test
    void theSecondBillingRecordOfACaseIsRejectedNamingTheOneThatKeepsTheDeal() {
        Fixtures.Indexes twoForOneCase = withCase()
                .holds(Rules.BILLING_SEVERAL_PER_CASE, "TC-000042", "BR-000003")
                .holds(Rules.BILLING_SEVERAL_PER_CASE, "TC-000042", "BR-000007");

        Rejection r = rejected("{}", twoForOneCase);

        assertThat(r.rule()).isEqualTo(Rules.BILLING_SEVERAL_PER_CASE);
        assertThat(r.field()).isEqualTo("treatment_case_id");
        assertThat(r.message()).contains("billing-records BR-000003", "lower id");
        LoadCommand keeper = engine.map(BILLING, envelope(SourceResource.BILLING_RECORDS,
                billing("{\"id\": \"BR-000003\"}")), context(twoForOneCase)) instanceof MappingResult.Mapped m
                ? m.command() : null;
        assertThat(keeper).as("the lower id fills the deal").isNotNull();
        assertThat(keeper.identifier()).containsEntry("cf_dentes_id", "TC-000042");
    }

    @Test
    void aBillingRecordWaitsForItsCaseAndFollowsARejectedCaseAtOnce() {
        assertThat(map("{}", withCase().decided(SourceResource.TREATMENT_CASES, "TC-000042",
                ParentDecisions.Decision.UNDECIDED)))
                .isEqualTo(new MappingResult.Waiting("treatment-cases TC-000042 to be mapped"));
        Rejection r = rejected("{}", withCase().decided(SourceResource.TREATMENT_CASES, "TC-000042",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "name.missing")));
        assertThat(r.rule()).isEqualTo(Rules.PARENT_REJECTED);
        assertThat(r.message()).contains("TC-000042", "name.missing");
        assertThat(rejected("{\"treatment_case_id\": \"TC-404\"}", withCase()).rule())
                .isEqualTo(Rules.REFERENCE_UNKNOWN);
    }

    @Test
    void aStatusTheDealDropdownLacksIsLeftOutAndListedNotARejection() {
        MappingResult r = map("{\"status\": \"WRITTEN_OFF\"}", withCase());
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        MappingResult.Mapped m = (MappingResult.Mapped) r;
        assertThat(m.command().fields().at("/custom_field/cf_billing_status").isMissingNode()).isTrue();
        assertThat(m.choiceGaps()).contains(new ChoiceGap("deals", "cf_billing_status", "Written off"));
    }

    @Test
    void aCurrencyOtherThanTheCasesIsRejectedNamingBothNeverConverted() {
        Fixtures.Indexes caseInLira = withCase().fact(SourceResource.TREATMENT_CASES, "TC-000042", "currency", "TRY");

        Rejection r = rejected("{\"currency\": \"EUR\"}", caseInLira);

        assertThat(r.rule()).isEqualTo(Rules.BILLING_CURRENCY_MISMATCH);
        assertThat(r.field()).isEqualTo("currency");
        assertThat(r.message()).contains("EUR", "treatment-cases TC-000042", "TRY");
        assertThat(map("{\"currency\": \" try \"}", caseInLira)).as("the same code, however written")
                .isInstanceOf(MappingResult.Mapped.class);
        assertThat(map("{\"currency\": \"EUR\"}", withCase())).as("a case without a currency: nothing to disagree")
                .isInstanceOf(MappingResult.Mapped.class);
        assertThat(SPEC.factsOf(SourceResource.TREATMENT_CASES)).as("what the index keeps of a case")
                .containsExactly("currency");
        assertThat(SPEC.factsOf(SourceResource.PATIENTS)).isEmpty();
    }

    @Test
    void theExtractorPublishesWhatBillingReadsAndNothingElse() {
        assertThat(BILLING.sourceFields()).containsAll(List.of("treatment_case_id", "patient_id", "coverage_percent",
                "outstanding_balance", "status", "currency"));
    }
}
