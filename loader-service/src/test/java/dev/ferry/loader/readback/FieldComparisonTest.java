package dev.ferry.loader.readback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Field by field: equal, different with both values, missing; only the promised fields; custom fields one by one. */
class FieldComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    private static Map<String, FieldVerdict> verdicts(List<FieldCheck> checks) {
        return checks.stream().collect(Collectors.toMap(FieldCheck::field, FieldCheck::verdict));
    }

    @Test
    void eachPromisedFieldGetsOneVerdictAndFreshsalesOwnFieldsAreIgnored() throws Exception {
        JsonNode expected = json("{'first_name':'Ayşe','last_name':'Yılmaz','mobile_number':'+905321112233',"
                + "'custom_field':{'cf_dentes_id':'P-1','cf_home_phone':'+902161112233'}}");
        JsonNode actual = json("{'id':9,'first_name':'Ayşe','last_name':'Yilmaz','created_at':'x',"
                + "'custom_field':{'cf_dentes_id':'P-1','cf_other':'y'}}");

        List<FieldCheck> checks = FieldComparison.compare(expected, actual);

        assertThat(verdicts(checks)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "first_name", FieldVerdict.EQUAL,
                "last_name", FieldVerdict.DIFFERENT,
                "mobile_number", FieldVerdict.MISSING,
                "custom_field.cf_dentes_id", FieldVerdict.EQUAL,
                "custom_field.cf_home_phone", FieldVerdict.MISSING));
        FieldCheck last = checks.stream().filter(c -> c.field().equals("last_name")).findFirst().orElseThrow();
        assertThat(last.expected().asText()).isEqualTo("Yılmaz");
        assertThat(last.actual().asText()).isEqualTo("Yilmaz");
    }

    /**
     * Regression (the Classic demo, 2026-12-06): on a lead, the fields the account's leads lack were reported MISSING
     * (the mapper had left them out, with a note), and the promised {@code emails} list against the lead's one
     * {@code email}.
     */
    @Test
    void onALeadAFieldItsModuleLacksIsNotApplicableAndTheEmailsAreItsOneEmail() throws Exception {
        JsonNode expected = json("{'first_name':'Ayşe','date_of_birth':'1980-01-02',"
                + "'emails':[{'value':'a@x.test','is_primary':false},{'value':'b@x.test','is_primary':true}],"
                + "'custom_field':{'cf_dentes_id':'P-1','cf_consent':'yes'}}");
        JsonNode actual = json("{'id':9,'first_name':'Ayşe','email':'b@x.test','custom_field':{'cf_dentes_id':'P-1'}}");
        TargetFields lead = new TargetFields(java.util.Set.of("first_name", "last_name", "email", "cf_dentes_id"));

        assertThat(verdicts(FieldComparison.compare(expected, actual, lead))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "first_name", FieldVerdict.EQUAL,
                "date_of_birth", FieldVerdict.NOT_APPLICABLE,
                "emails", FieldVerdict.EQUAL,
                "custom_field.cf_dentes_id", FieldVerdict.EQUAL,
                "custom_field.cf_consent", FieldVerdict.NOT_APPLICABLE));
        JsonNode other = json("{'id':9,'first_name':'Ayşe','email':'a@x.test','custom_field':{'cf_dentes_id':'P-1'}}");
        assertThat(verdicts(FieldComparison.compare(expected, other, lead)).get("emails"))
                .as("the lead holds another address than the primary one").isEqualTo(FieldVerdict.DIFFERENT);
        assertThat(verdicts(FieldComparison.compare(expected, actual, TargetFields.ANY)).get("date_of_birth"))
                .as("a contact holds every field: still missing there").isEqualTo(FieldVerdict.MISSING);
    }

    @Test
    void textIsComparedExactlySoATrimOrReformatShows() throws Exception {
        assertThat(FieldComparison.check("name", json("'Kadıköy'"), json("' Kadıköy'")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
        assertThat(FieldComparison.check("name", json("'Kadıköy'"), json("'kadıköy'")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
    }

    @Test
    void numbersAreComparedByValueAcrossTextAndNumber() throws Exception {
        assertThat(FieldComparison.check("amount", json("'12.50'"), json("12.5")).verdict())
                .isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("status", json("'0'"), json("0")).verdict()).isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("amount", json("12.5"), json("12.51")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
        // Two texts are never read as numbers: a leading zero in a phone number matters.
        assertThat(FieldComparison.check("phone", json("'0532'"), json("'532'")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
    }

    @Test
    void anExpectedObjectMatchesAnActualThatHoldsAtLeastItsKeys() throws Exception {
        JsonNode expected = json("[{'value':'a@x.test','is_primary':true}]");
        assertThat(FieldComparison.check("emails", expected,
                json("[{'id':5,'value':'a@x.test','is_primary':true,'label':null}]")).verdict())
                .isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("emails", expected,
                json("[{'id':5,'value':'b@x.test','is_primary':true}]")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
        assertThat(FieldComparison.check("emails", expected,
                json("[{'value':'a@x.test','is_primary':true},{'value':'c@x.test'}]")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
    }

    /**
     * Regression (sample diff of 2026-12-06, {@code emails} DIFFERENT): contacts' e-mail is now written as one string;
     * it is read back as a list, which must hold that one address once: twice is the bug the string form fixes.
     */
    @Test
    void anAddressWrittenAsTextIsTheListsOnlyEntry() throws Exception {
        JsonNode expected = json("'a@x.test'");
        assertThat(FieldComparison.check("emails", expected,
                json("[{'id':5,'value':'a@x.test','is_primary':true,'label':null}]")).verdict())
                .isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("emails", expected, json("['a@x.test']")).verdict())
                .isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("emails", expected,
                json("[{'id':5,'value':'a@x.test','is_primary':true},{'id':6,'value':'a@x.test','is_primary':false}]"))
                .verdict()).isEqualTo(FieldVerdict.DIFFERENT);
        assertThat(FieldComparison.check("emails", expected, json("[{'id':5,'value':'b@x.test'}]")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
    }

    @Test
    void bothEmptyIsEqualAndAValueWhereNoneWasPromisedIsDifferent() throws Exception {
        assertThat(FieldComparison.check("zipcode", json("null"), null).verdict()).isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("zipcode", json("''"), json("null")).verdict())
                .isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("zipcode", json("null"), json("'34000'")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
    }

    @Test
    void aRecordNotFoundHasEveryPromisedFieldMissing() throws Exception {
        List<FieldCheck> checks = FieldComparison.compare(json("{'name':'A','custom_field':{'cf_dentes_id':'C-1'}}"),
                null);
        assertThat(verdicts(checks)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", FieldVerdict.MISSING, "custom_field.cf_dentes_id", FieldVerdict.MISSING));
    }

    @Test
    void dateTimesAreComparedByTheInstantTheyNameAndDatesAsText() throws Exception {
        assertThat(FieldComparison.check("start_date", json("'2016-09-07T02:30:00+03:00'"),
                json("'2016-09-06T23:30:00Z'")).verdict()).isEqualTo(FieldVerdict.EQUAL);
        assertThat(FieldComparison.check("start_date", json("'2016-09-07T02:30:00+03:00'"),
                json("'2016-09-07T02:30:00Z'")).verdict()).isEqualTo(FieldVerdict.DIFFERENT);
        assertThat(FieldComparison.check("expected_close", json("'2024-03-05'"), json("'2024-03-06'")).verdict())
                .isEqualTo(FieldVerdict.DIFFERENT);
    }
}
