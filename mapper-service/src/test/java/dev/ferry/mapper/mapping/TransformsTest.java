package dev.ferry.mapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.mapper.mapping.transform.Transform;
import dev.ferry.mapper.mapping.transform.TransformContext;
import dev.ferry.mapper.mapping.transform.TransformResult;
import dev.ferry.mapper.mapping.transform.Transforms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformsTest {

    private static final Map<String, Map<String, List<String>>> LOOKUPS =
            Map.of("lead-sources", Map.of("REFERRAL", List.of("Referral"), "WALK_IN", List.of("Walk-in"),
                    "ONLINE", List.of("Online", "Web")));
    private static final TargetView TARGET = Fixtures.target();
    private static final JsonNode RANGE = Fixtures.json("{\"r\": [0, 100]}").get("r");

    private static TransformResult apply(String name, JsonNode argument, JsonNode value, String targetField) {
        Transform t = Transforms.create(name, argument, LOOKUPS);
        return t.apply(value, new TransformContext("source_field", "contacts", targetField, TARGET, "TR"));
    }

    private static TransformResult apply(String name, JsonNode value) {
        return apply(name, null, value, "field");
    }

    private static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    @Test
    void noValuePassesThroughEveryStep() {
        for (String name : Transforms.NAMES) {
            JsonNode arg = switch (name) {
                case "join" -> text(", ");
                case "map" -> text("lead-sources");
                case "lookup" -> text("lead_sources");
                case "range" -> RANGE;
                default -> null;
            };
            assertThat(apply(name, arg, null, "cf_treatment_type").value()).as(name).isNull();
            assertThat(apply(name, arg, null, "cf_treatment_type").isInvalid()).as(name).isFalse();
        }
    }

    @Test
    void trimStripsUnicodeSpaceAndBlankBecomesNoValue() {
        assertThat(apply("trim", text("\u00a0 Ayşe \t")).value().asText()).isEqualTo("Ayşe");
        assertThat(apply("trim", text("   ")).value()).isNull();
        assertThat(apply("trim", IntNode.valueOf(6)).value()).isEqualTo(IntNode.valueOf(6));
    }

    @Test
    void collapseSpacesMakesOneSpace() {
        assertThat(apply("collapse-spaces", text("Ayşe   Nur\tYılmaz")).value().asText()).isEqualTo("Ayşe Nur Yılmaz");
    }

    @Test
    void emailFoldsOrRefuses() {
        assertThat(apply("email", text(" İlker.Sahin@Example.COM ")).value().asText()).isEqualTo("ilker.sahin@example.com");
        TransformResult bad = apply("email", text("ilker.sahin@example"));
        assertThat(bad.rule()).isEqualTo(Rules.EMAIL_INVALID);
        assertThat(bad.reason()).doesNotContain("ilker");
        assertThat(apply("email", IntNode.valueOf(5)).rule()).isEqualTo(Rules.EMAIL_INVALID);
        assertThat(apply("email", text("  ")).value()).isNull();
    }

    @Test
    void phoneGivesE164OrRefusesWithoutQuotingTheNumber() {
        assertThat(apply("phone", text("0532 123 45 67")).value().asText()).isEqualTo("+905321234567");
        TransformResult bad = apply("phone", text("0532 123 45"));
        assertThat(bad.rule()).isEqualTo(Rules.PHONE_INVALID);
        assertThat(bad.reason()).isEqualTo("is not a valid phone number for region TR").doesNotContain("0532");
    }

    @Test
    void dateAcceptsDatesAndCutsDateTimesToTheirOwnLocalDate() {
        assertThat(apply("date", text("1984-03-07")).value().asText()).isEqualTo("1984-03-07");
        // 23:30 in Istanbul is still the 7th there, though it is the 7th 20:30 UTC.
        assertThat(apply("date", text("1984-03-07T23:30:00+03:00")).value().asText()).isEqualTo("1984-03-07");
        assertThat(apply("date", text("07.03.1984")).rule()).isEqualTo(Rules.VALUE_NOT_A_DATE);
        assertThat(apply("date", text("1984-02-30")).rule()).isEqualTo(Rules.VALUE_NOT_A_DATE);
        assertThat(apply("date", text("date-time"), text("2024-05-01T10:00:00+03:00"), "f").value().asText())
                .isEqualTo("2024-05-01T10:00:00+03:00");
        assertThat(apply("date", text("date-time"), text("2024-05-01"), "f").rule()).isEqualTo(Rules.VALUE_NOT_A_DATE);
    }

    @Test
    void integerReadsNumbersAndNumericText() {
        assertThat(apply("integer", IntNode.valueOf(6)).value().asLong()).isEqualTo(6);
        assertThat(apply("integer", text(" 12 ")).value().asLong()).isEqualTo(12);
        assertThat(apply("integer", text("6.0")).value().asLong()).isEqualTo(6);
        assertThat(apply("integer", text("6.5")).rule()).isEqualTo(Rules.VALUE_NOT_AN_INTEGER);
        assertThat(apply("integer", text("six")).rule()).isEqualTo(Rules.VALUE_NOT_AN_INTEGER);
        assertThat(apply("integer", BooleanNode.TRUE).rule()).isEqualTo(Rules.VALUE_NOT_AN_INTEGER);
    }

    @Test
    void booleanReadsWordsAndDigits() {
        assertThat(apply("boolean", BooleanNode.TRUE).value()).isEqualTo(BooleanNode.TRUE);
        assertThat(apply("boolean", text("YES")).value()).isEqualTo(BooleanNode.TRUE);
        assertThat(apply("boolean", text("0")).value()).isEqualTo(BooleanNode.FALSE);
        assertThat(apply("boolean", text("maybe")).rule()).isEqualTo(Rules.VALUE_NOT_A_BOOLEAN);
    }

    @Test
    void joinSkipsEmptyMembers() {
        var list = JsonNodeFactory.instance.arrayNode().add("Bağdat Cad. 12").add(NullNode.getInstance()).add(" ").add("Kadıköy");
        assertThat(apply("join", text(", "), list, "address").value().asText()).isEqualTo("Bağdat Cad. 12, Kadıköy");
        var empty = JsonNodeFactory.instance.arrayNode().add(NullNode.getInstance());
        assertThat(apply("join", text(", "), empty, "address").value()).isNull();
    }

    @Test
    void mapTranslatesExactlyThenLoosely() {
        assertThat(apply("map", text("lead-sources"), text("REFERRAL"), "f").value().asText()).isEqualTo("Referral");
        assertThat(apply("map", text("lead-sources"), text("walk-in"), "f").value().asText()).isEqualTo("Walk-in");
        assertThat(apply("map", text("lead-sources"), text("BILLBOARD"), "f").rule()).isEqualTo(Rules.VALUE_UNMAPPED);
        // several names: handed on as a list, which lookup tries in order
        JsonNode names = apply("map", text("lead-sources"), text("ONLINE"), "f").value();
        assertThat(names.toString()).isEqualTo("[\"Online\",\"Web\"]");
        assertThat(apply("lookup", text("lead_sources"), names, "lead_source_id").value().asLong()).isEqualTo(94);
        TargetView webOnly = new TargetView(new dev.ferry.contracts.TargetMetadata(null, List.of(), List.of(), List.of(),
                List.of(new dev.ferry.contracts.TargetMetadata.Entry(7, "Web", null)), List.of(), List.of(), List.of(), List.of(), Map.of()));
        TransformResult web = Transforms.create("lookup", text("lead_sources"), LOOKUPS)
                .apply(names, new TransformContext("lead_source", "contacts", "lead_source_id", webOnly, "TR"));
        assertThat(web.value().asLong()).as("the second name is tried when the first is not listed").isEqualTo(7);
    }

    @Test
    void lookupFindsTheIdOfTheFirstCandidateTheAccountLists() {
        var candidates = JsonNodeFactory.instance.arrayNode().add("Healthcare/Dental").add("Dental").add("Healthcare");
        assertThat(apply("lookup", text("industry_types"), candidates, "industry_type_id").value().asLong()).isEqualTo(61);
        assertThat(apply("lookup", text("lead_sources"), text("walk in"), "lead_source_id").value().asLong()).isEqualTo(92);
        TransformResult none = apply("lookup", text("lead_sources"), text("Other"), "lead_source_id");
        assertThat(none.rule()).isEqualTo(Rules.LOOKUP_UNKNOWN);
        assertThat(none.reason()).contains("lead sources").doesNotContain("Other");
    }

    @Test
    void picklistWritesTheChoiceAsFreshsalesSpellsIt() {
        assertThat(apply("picklist", null, text("ROOT_CANAL"), "cf_treatment_type").value().asText()).isEqualTo("Root canal");
        TransformResult missing = apply("picklist", null, text("WHITENING"), "cf_treatment_type");
        assertThat(missing.rule()).isEqualTo(Rules.CHOICE_UNKNOWN);
        assertThat(missing.missingChoice()).isEqualTo("WHITENING");
        // a text field takes any value; a field the account lacks is left to the checklist
        assertThat(apply("picklist", null, text("SGK"), "cf_insurance_provider").value().asText()).isEqualTo("SGK");
        assertThat(apply("picklist", null, text("F"), "cf_gender").value().asText()).isEqualTo("F");
    }

    /**
     * Regression (demo of 2026-12-06: 139 patients FAILED with 400 "is not a valid value for cf_gender"): a dropdown
     * created without choices passed every value through.
     */
    @Test
    void aDropdownWithoutChoicesHasNoneTheValueCanBe() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode metadata = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.ferry.contracts.FerryJson.mapper().readTree(Fixtures.resource("target-metadata.json"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) metadata.path("fields").path("contacts")).addObject()
                .put("name", "cf_gender").put("label", "Gender").put("type", "dropdown").putArray("choices");
        TargetView target = new TargetView(dev.ferry.mapper.client.LoaderMetadataClient.parse(metadata.toString()));

        TransformResult r = Transforms.create("picklist", null, LOOKUPS).apply(text("F"),
                new TransformContext("gender", "contacts", "cf_gender", target, "TR"));

        assertThat(r.rule()).isEqualTo(Rules.CHOICE_UNKNOWN);
        assertThat(r.missingChoice()).isEqualTo("F");
    }

    @Test
    void primaryEntryWrapsTheValue() {
        JsonNode v = apply("primary-entry", text("a@b.example")).value();
        assertThat(v.toString()).isEqualTo("[{\"value\":\"a@b.example\",\"is_primary\":true}]");
    }

    @Test
    void onlyLookupAndPicklistNeedTheTarget() {
        for (String name : Transforms.NAMES) {
            JsonNode arg = name.equals("join") ? text(",") : name.equals("map") ? text("lead-sources")
                    : name.equals("lookup") ? text("lead_sources") : name.equals("range") ? RANGE : null;
            assertThat(Transforms.create(name, arg, LOOKUPS).needsTarget()).as(name)
                    .isEqualTo(name.equals("lookup") || name.equals("picklist"));
        }
    }

    @Test
    void factoryRefusesWhatTheSpecCannotMean() {
        assertThatThrownBy(() -> Transforms.create("phonee", null, LOOKUPS))
                .hasMessageContaining("unknown transform 'phonee'").hasMessageContaining("phone");
        assertThatThrownBy(() -> Transforms.create("join", null, LOOKUPS)).hasMessageContaining("needs a text argument");
        assertThatThrownBy(() -> Transforms.create("trim", text("x"), LOOKUPS)).hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> Transforms.create("map", text("genders"), LOOKUPS))
                .hasMessageContaining("'genders'").hasMessageContaining("lead-sources");
        assertThatThrownBy(() -> Transforms.create("lookup", text("territories"), LOOKUPS))
                .hasMessageContaining("industry_types");
        assertThatThrownBy(() -> Transforms.create("date", text("time"), LOOKUPS)).hasMessageContaining("date-time");
    }

    @Test
    void rangePassesNumbersWithinItsBoundsAndRefusesOthersWithoutRepeatingThem() {
        assertThat(apply("range", RANGE, IntNode.valueOf(100), "f").value()).isEqualTo(IntNode.valueOf(100));
        assertThat(apply("range", RANGE, IntNode.valueOf(0), "f").isInvalid()).isFalse();
        TransformResult over = apply("range", RANGE, IntNode.valueOf(120), "f");
        assertThat(over.rule()).isEqualTo(Rules.VALUE_OUT_OF_RANGE);
        assertThat(over.reason()).isEqualTo("lies outside 0-100").doesNotContain("120");
        assertThat(apply("range", RANGE, text("80"), "f").rule()).as("after decimal, not instead of it")
                .isEqualTo(Rules.VALUE_NOT_A_NUMBER);
        assertThatThrownBy(() -> Transforms.create("range", Fixtures.json("{\"r\": [100, 0]}").get("r"), LOOKUPS))
                .hasMessageContaining("lowest first");
        assertThatThrownBy(() -> Transforms.create("range", null, LOOKUPS)).hasMessageContaining("{range: [0, 100]}");
    }
}
