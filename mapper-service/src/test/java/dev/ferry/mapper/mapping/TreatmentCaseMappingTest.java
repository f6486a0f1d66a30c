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
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Treatment cases → deals in the Treatment Plans pipeline (issue 9), through the shipped spec. */
class TreatmentCaseMappingTest {

    private static final ResourceMapping CASES = SPEC.mappingFor(SourceResource.TREATMENT_CASES).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    private static String treatmentCase(String overrides) {
        ObjectNode c = json("""
                {"id": "TC-000042", "patient_id": "P-000123", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "title": "  36 kanal   tedavisi ", "treatment_type": "ORTHODONTICS", "stage": "IN_TREATMENT",
                 "estimated_amount": "7.500,00", "currency": "TRY", "opened_at": "2024-03-05T23:30:00+03:00",
                 "closed_at": null, "procedures": [{"product_id": "PRD-1", "quantity": 1, "unit_price": "7500.00"}],
                 "created_at": "2024-03-05T23:30:00+03:00", "updated_at": "2024-04-01T10:00:00+03:00"}
                """);
        c.setAll(json(overrides));
        return c.toString();
    }

    private MappingResult map(String overrides, Fixtures.Indexes indexes) {
        return engine.map(CASES, envelope(SourceResource.TREATMENT_CASES, treatmentCase(overrides)), context(indexes));
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
        assertThat(rejection.message()).doesNotContain("kanal", "7.500", "7500");
        return rejection;
    }

    private static Fixtures.Indexes withPatient() {
        return standardIndexes().record(SourceResource.PATIENTS, "P-000123", ReferenceIndex.State.KNOWN);
    }

    @Test
    void aCaseBecomesADealInTheTreatmentPlansPipelineLinkedToItsPatientAndClinic() {
        LoadCommand c = mapped("{}", withPatient());
        assertThat(c.target()).isEqualTo(FreshsalesTarget.DEAL);
        assertThat(c.identifier()).containsEntry("cf_dentes_id", "TC-000042");
        assertThat(c.partitionKey()).as("with the patient's own commands").isEqualTo("P-000123");
        JsonNode f = c.fields();
        assertThat(f.get("name").asText()).isEqualTo("36 kanal tedavisi");
        assertThat(f.get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("7500.00"));
        assertThat(f.get("currency_id").asLong()).isEqualTo(503);
        assertThat(f.get("deal_pipeline_id").asLong()).isEqualTo(202);
        assertThat(f.get("deal_stage_id").asLong()).isEqualTo(222);
        assertThat(f.get("probability").asInt()).isEqualTo(50);
        assertThat(f.get("owner_id").asLong()).isEqualTo(1001);
        assertThat(TypedRef.fromNode(f.get("contacts_added_list").get(0)))
                .isEqualTo(new TypedRef(SourceResource.PATIENTS, "P-000123", false));
        assertThat(TypedRef.fromNode(f.get("sales_account_id")))
                .isEqualTo(new TypedRef(SourceResource.CLINICS, "C-1", true));
        assertThat(f.path("custom_field").get("cf_opened_on").asText())
                .as("the clinic's own calendar day, not UTC's").isEqualTo("2024-03-05");
        assertThat(f.path("custom_field").get("cf_treatment_type").asText()).isEqualTo("Orthodontics");
        assertThat(f.has("closed_date")).isFalse();
        assertThat(f.has("procedures")).as("procedures are sent as line items, under products").isFalse();
        assertThat(f.has("products")).as("PRD-1 is not a product of the source").isFalse();
        assertThat(c.notes()).contains("line item 1 (procedures[0]) left out (reference.unknown): product PRD-1 does not"
                + " exist in Dr.DENTES");
    }

    private static Fixtures.Indexes withProducts() {
        return withPatient().record(SourceResource.PRODUCTS, "PRD-1", ReferenceIndex.State.KNOWN)
                .record(SourceResource.PRODUCTS, "PRD-2", ReferenceIndex.State.KNOWN)
                .record(SourceResource.PRODUCTS, "PRD-3", ReferenceIndex.State.KNOWN);
    }

    @Test
    void proceduresBecomeLineItemsWithTheirProductQuantityAndPriceAsChargedAndTheTeethAreKept() {
        LoadCommand c = mapped("""
                {"procedures": [{"product_id": "PRD-1", "quantity": 2, "unit_price": "1.250,50", "tooth_number": "36"},
                                {"product_id": "PRD-2", "quantity": null, "unit_price": "900.00", "tooth_number": null},
                                {"product_id": null, "quantity": 1, "unit_price": "10.00"},
                                {"product_id": "PRD-3", "quantity": 1, "unit_price": "yok", "tooth_number": "22"}]}
                """, withProducts());
        JsonNode lines = c.fields().get("products");
        assertThat(lines).hasSize(3);
        assertThat(TypedRef.fromNode(lines.get(0).get("id")))
                .isEqualTo(new TypedRef(SourceResource.PRODUCTS, "PRD-1", true));
        assertThat(lines.get(0).get("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(lines.get(0).get("unit_price").decimalValue()).isEqualByComparingTo("1250.50");
        assertThat(lines.get(1).get("quantity").decimalValue()).as("no quantity is one").isEqualByComparingTo("1");
        assertThat(lines.get(2).has("unit_price")).isFalse();
        assertThat(c.fields().path("custom_field").get("cf_tooth_numbers").asText()).isEqualTo("36, 22");
        assertThat(c.notes()).contains("line item 3 (procedures[2]) left out: it names no product",
                "line item 4 (procedures[3]): the unit_price is not a decimal number; the product's own price applies");
    }

    @Test
    void aProcedureOnAnInactiveProductKeepsItsLineAndSaysSo() {
        LoadCommand c = mapped("{}", withProducts().fact(SourceResource.PRODUCTS, "PRD-1", "active", "false"));
        assertThat(c.fields().get("products")).isNotEmpty();
        assertThat(c.notes()).anyMatch(n -> n.startsWith("line item 1 (procedures[0]): product PRD-1 is inactive"));
        assertThat(mapped("{}", withProducts().fact(SourceResource.PRODUCTS, "PRD-1", "active", "true")).notes())
                .noneMatch(n -> n.contains("inactive"));
        assertThat(Fixtures.SPEC.factsOf(SourceResource.PRODUCTS)).contains("active");
    }

    @Test
    void aLineItemWaitsForItsProductAndARejectedProductCostsOnlyItsLine() {
        assertThat(map("{}", withProducts().decided(SourceResource.PRODUCTS, "PRD-1",
                ParentDecisions.Decision.UNDECIDED))).isEqualTo(new MappingResult.Waiting("products PRD-1 to be mapped"));
        LoadCommand c = mapped("{}", withProducts().decided(SourceResource.PRODUCTS, "PRD-1",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "name.missing")));
        assertThat(c.fields().has("products")).isFalse();
        assertThat(c.notes()).contains("line item 1 (procedures[0]) left out (parent.rejected): product PRD-1 was"
                + " rejected (name.missing)");
    }

    @Test
    void closedCasesLandInTheWonOrLostStageWithTheirClosingDay() {
        JsonNode won = mapped("{\"stage\": \"COMPLETED\", \"closed_at\": \"2024-05-02T00:15:00+03:00\"}",
                withPatient()).fields();
        assertThat(won.get("deal_stage_id").asLong()).isEqualTo(224);
        assertThat(won.get("probability").asInt()).isEqualTo(100);
        assertThat(won.get("closed_date").asText()).isEqualTo("2024-05-02");
        assertThat(mapped("{\"stage\": \"CANCELLED\"}", withPatient()).fields().get("deal_stage_id").asLong())
                .isEqualTo(225);
        assertThat(mapped("{\"stage\": \"NEW\"}", withPatient()).fields().get("deal_stage_id").asLong())
                .isEqualTo(221);
    }

    @Test
    void aStageThePipelineLacksLoadsTheDealInTheFirstStageAndGoesOnTheChecklist() {
        MappingResult r = map("{\"stage\": \"AWAITING_PAYMENT\"}", withPatient());
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        LoadCommand c = ((MappingResult.Mapped) r).command();
        assertThat(c.fields().get("deal_pipeline_id").asLong()).isEqualTo(202);
        assertThat(c.fields().has("deal_stage_id")).isFalse();
        assertThat(c.notes()).contains("deal_stage_id left out (stage.unknown): pipeline Treatment Plans has no stage"
                + " named Invoiced or Awaiting Payment; the deal starts in its first stage");
        assertThat(r.choiceGaps()).containsExactly(new ChoiceGap("deals", "deal_stage_id", "Invoiced"));
    }

    @Test
    void withoutItsOwnPractitionerTheDealGoesToTheClinicsOfficeManagerThenToTheFallback() {
        LoadCommand manager = mapped("{\"practitioner_id\": \"PR-2\"}", withPatient().officeManager("C-1", 1005L));
        assertThat(manager.fields().get("owner_id").asLong()).isEqualTo(1005);
        assertThat(manager.notes()).contains(
                "owner is the office manager of clinic C-1: practitioner PR-2 has no Freshsales user");

        LoadCommand fallback = mapped("{\"practitioner_id\": null}", withPatient());
        assertThat(fallback.fields().get("owner_id").asLong()).isEqualTo(1003);
        assertThat(fallback.notes()).contains("owner fell back to the default user: the record has no practitioner_id,"
                + " and clinic C-1 has no office manager with a Freshsales user");
    }

    @Test
    void aCaseOfARejectedPatientIsRejectedAtOnceNamingThePatient() {
        Rejection r = rejected("{}", withPatient().decided(SourceResource.PATIENTS, "P-000123",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "contact.unreachable")));
        assertThat(r.rule()).isEqualTo(Rules.PARENT_REJECTED);
        assertThat(r.field()).isEqualTo("patient_id");
        assertThat(r.message()).contains("patients P-000123", "contact.unreachable");
    }

    @Test
    void aCaseWaitsWhileItsPatientOfTheSameRunIsUndecided() {
        MappingResult r = map("{}", withPatient().decided(SourceResource.PATIENTS, "P-000123",
                ParentDecisions.Decision.UNDECIDED));
        assertThat(r).isEqualTo(new MappingResult.Waiting("patients P-000123 to be mapped"));
    }

    @Test
    void aRejectedClinicCostsTheOptionalAccountLinkNotTheDeal() {
        LoadCommand c = mapped("{}", withPatient().decided(SourceResource.CLINICS, "C-1",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "name.missing")));
        assertThat(c.fields().has("sales_account_id")).isFalse();
        assertThat(c.notes()).contains("sales_account_id left out (parent.rejected): the clinic_id points at clinics"
                + " C-1, which was rejected (name.missing)");
    }

    @Test
    void aCaseOfAnUnknownOrMissingPatientIsRejected() {
        assertThat(rejected("{}", standardIndexes()).rule()).isEqualTo(Rules.REFERENCE_UNKNOWN);
        assertThat(rejected("{\"patient_id\": null}", withPatient()).rule()).isEqualTo(Rules.REFERENCE_MISSING);
    }

    @Test
    void anAmountThatIsNoNumberOrMissingIsRejectedWithItsRule() {
        Rejection notNumber = rejected("{\"estimated_amount\": \"yedi bin\"}", withPatient());
        assertThat(notNumber.rule()).isEqualTo(Rules.VALUE_NOT_A_NUMBER);
        assertThat(notNumber.field()).isEqualTo("estimated_amount");
        assertThat(rejected("{\"estimated_amount\": null}", withPatient()).rule()).isEqualTo(Rules.AMOUNT_MISSING);
        assertThat(rejected("{\"title\": \" \"}", withPatient()).rule()).isEqualTo(Rules.NAME_MISSING);
    }

    @Test
    void aCurrencyTheAccountLacksIsLeftOutWithANote() {
        LoadCommand c = mapped("{\"currency\": \"USD\"}", withPatient());
        assertThat(c.fields().has("currency_id")).isFalse();
        assertThat(c.notes()).anyMatch(n -> n.startsWith("currency_id left out (lookup.unknown)"));
    }
}
