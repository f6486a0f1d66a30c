package dev.ferry.loader.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.contracts.TypedRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceBinderTest {

    private final Map<RecordKey, ParentState> ledger = new HashMap<>();

    private static ObjectNode json(String s) {
        return (ObjectNode) FerryJson.decode(s, com.fasterxml.jackson.databind.JsonNode.class);
    }

    private static RecordKey clinic(String id) {
        return new RecordKey(SourceResource.CLINICS, id);
    }

    private ParentState known(RecordKey k) {
        return ledger.getOrDefault(k, ParentState.PENDING);
    }

    @Test
    void everyReferenceIsReplacedByItsFreshsalesIdAtItsPointer() {
        ObjectNode fields = json("""
                {"first_name":"x","sales_accounts":[{"id":{"ref":{"resource":"clinics","id":"C-1"}},"is_primary":true},
                  {"id":{"ref":{"resource":"clinics","id":"C/2~"}},"is_primary":false}],
                 "custom_field":{"cf_home_clinic":{"ref":{"resource":"clinics","id":"C-1"}}}}""");
        ledger.put(clinic("C-1"), new ParentState.Bound(70000100001L));
        ledger.put(clinic("C/2~"), new ParentState.Bound(70000100002L));

        BindingResult r = ReferenceBinder.bind(fields, this::known);

        assertThat(r).isInstanceOf(BindingResult.Bound.class);
        ObjectNode bound = ((BindingResult.Bound) r).fields();
        assertThat(bound.at("/sales_accounts/0/id").asLong()).isEqualTo(70000100001L);
        assertThat(bound.at("/sales_accounts/1/id").asLong()).isEqualTo(70000100002L);
        assertThat(bound.at("/sales_accounts/0/is_primary").asBoolean()).isTrue();
        assertThat(bound.at("/custom_field/cf_home_clinic").isNumber()).isTrue();
        assertThat(TypedRef.findAll(bound)).isEmpty();
        assertThat(TypedRef.findAll(fields)).as("the command's own fields are left alone").hasSize(3);
    }

    /**
     * A custom-module record's links are custom fields ({@code cf_patient}, {@code cf_treatment_plan}): a required one
     * is bound, an optional one whose parent failed is left out of {@code custom_field} (the record's other custom
     * fields stay), and a required one whose parent failed fails the record.
     */
    @Test
    void customModuleLinksInsideCustomFieldBindDropAndFailLikeAnyOther() {
        ObjectNode fields = json("""
                {"name":"Imaging IMG-1","custom_field":{"cf_dentes_id":"imaging/IMG-1",
                  "cf_patient":{"ref":{"resource":"patients","id":"P-1"}},
                  "cf_treatment_plan":{"ref":{"resource":"treatment-cases","id":"TC-1","optional":true}}}}""");
        RecordKey patient = new RecordKey(SourceResource.PATIENTS, "P-1");
        RecordKey plan = new RecordKey(SourceResource.TREATMENT_CASES, "TC-1");
        ledger.put(patient, new ParentState.Bound(70000200001L));
        ledger.put(plan, new ParentState.Failed(new TargetFailure(400, List.of("refused"), "target-refused")));

        BindingResult r = ReferenceBinder.bind(fields, this::known);

        assertThat(r).isInstanceOf(BindingResult.Bound.class);
        BindingResult.Bound b = (BindingResult.Bound) r;
        assertThat(b.fields().at("/custom_field/cf_patient").asLong()).isEqualTo(70000200001L);
        assertThat(b.fields().at("/custom_field").has("cf_treatment_plan")).isFalse();
        assertThat(b.fields().at("/custom_field/cf_dentes_id").asText()).isEqualTo("imaging/IMG-1");
        assertThat(b.dropped()).extracting(TypedRef::id).containsExactly("TC-1");

        ledger.put(patient, new ParentState.Failed(new TargetFailure(400, List.of("refused"), "target-refused")));
        assertThat(ReferenceBinder.bind(fields, this::known)).isInstanceOfSatisfying(BindingResult.ParentFailed.class,
                pf -> assertThat(pf.parent().id()).isEqualTo("P-1"));
    }

    @Test
    void aParentNotInTheLedgerYetMakesTheCommandWaitForEveryMissingParent() {
        ObjectNode fields = json("""
                {"parent_sales_account_id":{"ref":{"resource":"clinics","id":"C-9"}},
                 "x":[{"ref":{"resource":"clinics","id":"C-8","optional":true}}],
                 "y":{"ref":{"resource":"clinics","id":"C-1"}}}""");
        ledger.put(clinic("C-1"), new ParentState.Bound(1L));

        BindingResult r = ReferenceBinder.bind(fields, this::known);

        assertThat(r).isInstanceOf(BindingResult.Waiting.class);
        assertThat(((BindingResult.Waiting) r).parents()).containsExactly(clinic("C-9"), clinic("C-8"));
    }

    @Test
    void aRequiredParentThatFailedFailsTheChildWithTheParentsReason() {
        TargetFailure why = new TargetFailure(400, List.of("Name has already been taken"), "target-refused");
        ledger.put(clinic("C-1"), new ParentState.Failed(why));
        BindingResult r = ReferenceBinder.bind(json("{\"sales_accounts\":[{\"id\":{\"ref\":{\"resource\":\"clinics\",\"id\":\"C-1\"}}}]}"),
                this::known);
        assertThat(r).isEqualTo(new BindingResult.ParentFailed(TypedRef.required(SourceResource.CLINICS, "C-1"), why));
    }

    @Test
    void optionalReferencesToFailedParentsAreDroppedWithWhatHoldsThem() {
        ObjectNode fields = json("""
                {"parent_sales_account_id":{"ref":{"resource":"clinics","id":"C-1","optional":true}},
                 "sales_accounts":[{"id":{"ref":{"resource":"clinics","id":"C-2"}},"is_primary":true},
                                   {"id":{"ref":{"resource":"clinics","id":"C-1","optional":true}},"is_primary":false},
                                   {"id":{"ref":{"resource":"clinics","id":"C-3","optional":true}},"is_primary":false}],
                 "contacts_added_list":[{"ref":{"resource":"clinics","id":"C-1","optional":true}}],
                 "custom_field":{"cf_a":{"ref":{"resource":"clinics","id":"C-1","optional":true}},"cf_b":"kept"}}""");
        TargetFailure failed = new TargetFailure(400, List.of(), "target-refused");
        ledger.put(clinic("C-1"), new ParentState.Failed(failed));
        ledger.put(clinic("C-3"), new ParentState.Failed(failed));
        ledger.put(clinic("C-2"), new ParentState.Bound(22L));

        BindingResult r = ReferenceBinder.bind(fields, this::known);

        assertThat(r).isInstanceOf(BindingResult.Bound.class);
        BindingResult.Bound b = (BindingResult.Bound) r;
        assertThat(b.fields().has("parent_sales_account_id")).isFalse();
        assertThat(b.fields().get("sales_accounts")).hasSize(1);
        assertThat(b.fields().at("/sales_accounts/0/id").asLong()).isEqualTo(22L);
        assertThat(b.fields().has("contacts_added_list")).as("an array left empty goes").isFalse();
        assertThat(b.fields().at("/custom_field").has("cf_a")).isFalse();
        assertThat(b.fields().at("/custom_field/cf_b").asText()).isEqualTo("kept");
        assertThat(b.dropped()).hasSize(5);
    }

    @Test
    void aMalformedReferenceIsAnErrorNotAWait() {
        assertThatThrownBy(() -> ReferenceBinder.bind(json("{\"a\":{\"ref\":{\"resource\":\"planets\",\"id\":\"X\"}}}"),
                this::known)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommandWaitsForTheRecordsItMustFollowAndFailsWithThemButNeverWritesThem() {
        ObjectNode fields = json("""
                {"custom_field":{"cf_policy_number":"POL-1","cf_dentes_id":"TC-1"}}""");
        RecordKey theCase = new RecordKey(SourceResource.TREATMENT_CASES, "TC-1");
        List<TypedRef> after = List.of(TypedRef.required(SourceResource.TREATMENT_CASES, "TC-1"));

        assertThat(ReferenceBinder.bind(fields, after, this::known))
                .isEqualTo(new BindingResult.Waiting(java.util.Set.of(theCase)));

        TargetFailure refused = new TargetFailure(400, List.of("Name can't be blank"), "target-refused");
        ledger.put(theCase, new ParentState.Failed(refused));
        assertThat(ReferenceBinder.bind(fields, after, this::known))
                .isEqualTo(new BindingResult.ParentFailed(after.get(0), refused));

        ledger.put(theCase, new ParentState.Bound(70000300001L));
        BindingResult r = ReferenceBinder.bind(fields, after, this::known);
        assertThat(r).isInstanceOf(BindingResult.Bound.class);
        assertThat(((BindingResult.Bound) r).fields()).as("the deal's id is written nowhere").isEqualTo(fields);
    }
}
