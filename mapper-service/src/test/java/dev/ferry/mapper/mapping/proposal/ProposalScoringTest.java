package dev.ferry.mapper.mapping.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.Choice;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.proposal.MapProposal.Decision;
import dev.ferry.mapper.mapping.proposal.MapProposal.ProposedField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the map proposal places a source field: by name, by type only, a pick-list miss, a new field. */
class ProposalScoringTest {

    private static FieldDef field(String name, String label, String type, String... choices) {
        List<Choice> cs = new java.util.ArrayList<>();
        for (int i = 0; i < choices.length; i++) {
            cs.add(new Choice(i + 1, choices[i]));
        }
        return new FieldDef(name, label, type, cs, false);
    }

    private static final List<FieldDef> CONTACTS = List.of(
            field("first_name", "First name", "text"),
            field("mobile_number", "Mobile", "text"),
            field("cf_date_of_birth", "Date of birth", "date"),
            field("cf_allergies", "Allergies", "text"),
            field("cf_last_visit_on", "Last visit", "date"),
            field("cf_treatment_type", "Treatment type", "dropdown", "General", "Orthodontics", "Implantology"),
            field("owner_id", "Sales owner", "dropdown"));

    @Test
    void aFieldWhoseNameMatchesIsProposedWithAHighConfidence() {
        // A practice's custom-field key the spec does not name: found by its name alone (Jaro-Winkler).
        SourceField allergy = new SourceField("patients", "custom_fields.allergy", "custom-field", "contacts", "text",
                List.of(), "cf_allergy", "text 40");

        ProposedField p = FieldScorer.place(allergy, CONTACTS, Set.of());

        assertThat(p.decision()).isEqualTo(Decision.EXISTING);
        assertThat(p.targetField()).isEqualTo("cf_allergies");
        assertThat(p.confidence()).isGreaterThanOrEqualTo(FieldScorer.ACCEPT);
        assertThat(p.review()).isFalse();
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("name similarity")).anyMatch(r -> r.contains("fits text"));
    }

    @Test
    void theFieldTheSpecWritesToScoresAsANameMatchEvenWhenTheNamesDiffer() {
        SourceField mobile = new SourceField("patients", "mobile_phone", "spec", "contacts", "phone_number", List.of(),
                "mobile_number", null);

        ProposedField p = FieldScorer.place(mobile, CONTACTS, Set.of());

        assertThat(p.targetField()).isEqualTo("mobile_number");
        assertThat(p.confidence()).isEqualTo(0.85 + 0.15 * 0 + 0.0, org.assertj.core.data.Offset.offset(0.16));
        assertThat(p.reasons().get(0)).contains("the base spec writes mobile_phone to mobile_number");
    }

    @Test
    void aFieldNoNameMatchesIsMatchedByTypeWhenExactlyOneUnclaimedFieldHasIt() {
        // "dogum_tarihi" (Turkish for birth date) resembles no English name; contacts has two date fields, but the
        // spec already writes cf_date_of_birth, so cf_last_visit_on is the one unclaimed date field. A guess: review.
        SourceField birth = new SourceField("patients", "custom_fields.dogum_tarihi", "custom-field", "contacts", "date",
                List.of(), "cf_dogum_tarihi", "date 12");

        ProposedField p = FieldScorer.place(birth, CONTACTS, Set.of("cf_date_of_birth"));

        assertThat(p.decision()).isEqualTo(Decision.EXISTING);
        assertThat(p.targetField()).isEqualTo("cf_last_visit_on");
        assertThat(p.confidence()).isEqualTo(FieldScorer.TYPE_ONLY);
        assertThat(p.review()).isTrue();
        assertThat(p.reasons().get(0)).startsWith("matched by type only");
    }

    @Test
    void twoUnclaimedFieldsOfTheTypeAreNoMatchByType() {
        SourceField birth = new SourceField("patients", "custom_fields.dogum_tarihi", "custom-field", "contacts", "date",
                List.of(), "cf_dogum_tarihi", "date 12");

        ProposedField p = FieldScorer.place(birth, CONTACTS, Set.of());

        assertThat(p.decision()).isEqualTo(Decision.CREATE);
    }

    @Test
    void valuesThePickListLacksAreNamedAndLowerTheConfidence() {
        SourceField type = new SourceField("patients", "treatment_type", "spec", "contacts", "dropdown",
                List.of("General", "Implantology", "Oral surgery", "Orthodontics"), "cf_treatment_type", null);

        ProposedField p = FieldScorer.place(type, CONTACTS, Set.of());

        assertThat(p.decision()).isEqualTo(Decision.EXISTING);
        assertThat(p.targetField()).isEqualTo("cf_treatment_type");
        assertThat(p.missingChoices()).containsExactly("Oral surgery");
        assertThat(p.confidence()).isEqualTo(0.55 + 0.30 + 0.15 * 0.75, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.review()).isTrue();
        assertThat(p.reasons()).anyMatch(r -> r.startsWith("1 of 4 values the map sends are not choices: Oral surgery"));
    }

    @Test
    void aFieldNothingFitsBecomesANewCustomFieldOfItsType() {
        SourceField order = new SourceField("custom-module-records", "lab-work.order_type", "module", "contacts",
                "dropdown", List.of("Crown", "Bridge"), "cf_lab_work_order_type", "declared CHOICE");
        SourceField cost = new SourceField("custom-module-records", "lab-work.lab_cost", "module", "contacts",
                "currency", List.of(), "cf_lab_work_lab_cost", "declared NUMBER");

        ProposedField choice = FieldScorer.place(order, CONTACTS, Set.of());
        ProposedField money = FieldScorer.place(cost, CONTACTS, Set.of());

        assertThat(choice.decision()).isEqualTo(Decision.CREATE);
        assertThat(choice.newField()).isEqualTo(new MapProposal.NewField("cf_lab_work_order_type", "Order type",
                "dropdown", List.of("Crown", "Bridge")));
        assertThat(choice.confidence()).isZero();
        assertThat(money.newField().type()).isEqualTo("currency");
        assertThat(money.newField().choices()).isNull();
    }

    @Test
    void aDateTimeFieldMatchesADateTimeFieldAndAPickListOfUnknownValuesHasNoChoices() {
        // Regression: recalls.due_date (a date-time) found no home in tasks.due_date (date_time) in the first system run.
        List<FieldDef> tasks = List.of(field("due_date", "Due date", "date_time"), field("title", "Title", "text"));
        SourceField due = new SourceField("recalls", "due_date", "spec", "tasks", "date_time", List.of(), "due_date", null);
        SourceField gender = new SourceField("patients", "gender", "spec", "contacts", "dropdown", List.of(), "cf_gender",
                null);

        assertThat(FieldScorer.place(due, tasks, Set.of()).targetField()).isEqualTo("due_date");
        ProposedField g = FieldScorer.place(gender, CONTACTS, Set.of());
        assertThat(g.decision()).isEqualTo(Decision.CREATE);
        assertThat(g.newField().choices()).isNull();
        assertThat(g.reasons().get(g.reasons().size() - 1)).contains("choices are the values the data holds");
    }

    @Test
    void aCustomModuleFreshsalesLacksIsACreate() {
        SourceField dose = new SourceField("custom-module-records", "xray.dose", "module", "cm_xray_record", "number",
                List.of(), "cf_dose", "declared NUMBER");

        ProposedField p = FieldScorer.place(dose, null, Set.of());

        assertThat(p.decision()).isEqualTo(Decision.CREATE);
        assertThat(p.reasons().get(0)).contains("create the custom module");
    }

    @Test
    void theShippedSpecAgainstTheSandboxCatalogueWithADiscoveredSchema() {
        TargetMetadata target = Fixtures.metadata();
        DiscoveredSchema schema = new DiscoveredSchema("d-1",
                List.of(new DiscoveredSchema.CustomFieldKey("patients", "interests", Map.of("text", 10L))),
                List.of(new DiscoveredSchema.Module("lab-work", "Lab work", "ONE_PER_PATIENT", false,
                        List.of(new DiscoveredSchema.ModuleField("shade", "Shade", "TEXT", List.of()),
                                new DiscoveredSchema.ModuleField("ai_settings", null, "TEXT", List.of())))));

        MapProposal p = ProposalBuilder.build("p-1", Instant.EPOCH, Fixtures.SPEC, target, schema);

        assertThat(p.customFieldsFrom()).isEqualTo("discovery d-1");
        assertThat(p.fields()).extracting(ProposedField::sourceField)
                .contains("first_name", "mobile_phone", "custom_fields.interests", "lab-work.shade")
                .doesNotContain("lab-work.ai_settings"); // the spec says it is configuration, not migrated
        assertThat(p.summary().fields()).isEqualTo(p.fields().size());
        assertThat(p.summary().existing() + p.summary().create()).isEqualTo(p.fields().size());
        assertThat(p.notes()).anyMatch(n -> n.contains("lead_source_id"));
        String md = ProposalDocuments.markdown(p);
        assertThat(md).contains("| patients | `first_name` | spec | text | `contacts.first_name` (text) | EXISTING | 1.0 |");
        String map = ProposalDocuments.mapToConfirm(p, Fixtures.SPEC.text());
        assertThat(map).endsWith(Fixtures.SPEC.text()).startsWith("# Ferry map proposal p-1");
    }
}
