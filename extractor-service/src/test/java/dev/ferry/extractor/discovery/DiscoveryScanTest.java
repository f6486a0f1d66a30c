package dev.ferry.extractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each discovery rule on planted records: it flags exactly the planted ones, with their ids, and nothing else. */
class DiscoveryScanTest {

    private final DiscoveryScan scan = new DiscoveryScan(DiscoveryScan.Settings.defaults());

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) FerryJson.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A clean, complete patient of clinic C-1 (merged with {@code extra}). */
    static ObjectNode patient(String id, String extra) {
        ObjectNode p = json("{'id':'" + id + "','clinic_id':'C-1','first_name':'Ayşe','last_name':'Yılmaz " + id
                + "','date_of_birth':'1980-01-01','email':'" + id.toLowerCase(java.util.Locale.ROOT)
                + "@example.com','mobile_phone':'0532 123 45 67'}");
        p.setAll(json(extra));
        return p;
    }

    private void setup() {
        scan.record(SourceResource.PRACTITIONERS, json("{'id':'PR-1','first_name':'Ali','last_name':'Kaya',"
                + "'email':'ali@klinik.com.tr','phone':'+90 532 111 22 33','role':'DENTIST','active':true}"));
        scan.record(SourceResource.PRACTITIONERS, json("{'id':'PR-2','first_name':'Eski','last_name':'Hekim',"
                + "'deleted':true}"));
        scan.record(SourceResource.CLINICS, json("{'id':'C-0','name':'Grup'}"));
        scan.record(SourceResource.CLINICS, json("{'id':'C-1','name':'Kadıköy','parent_clinic_id':'C-0',"
                + "'phone':'0216 345 67 89'}"));
        scan.record(SourceResource.CLINICS, json("{'id':'C-2','name':'Kapalı','deleted':true}"));
    }

    private DiscoveryReport.Finding finding(DiscoveryScan.Result r, String rule, String resource, String field) {
        return r.findings().stream().filter(f -> f.rule().equals(rule) && f.resource().equals(resource)
                && f.field().equals(field)).findFirst().orElseThrow(() -> new AssertionError("no finding " + rule));
    }

    private long flagged(DiscoveryScan.Result r) {
        return r.findings().stream().mapToLong(DiscoveryReport.Finding::count).sum();
    }

    @Test
    void aCleanPracticeHasNoFindingsAndCountsLiveAndDeleted() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'first_name':'Mehmet'}"));
        scan.record(SourceResource.PATIENTS, patient("P-3", "{'deleted':true,'email':'not an email'}"));
        DiscoveryScan.Result r = scan.finish();
        assertThat(flagged(r)).isZero();
        assertThat(r.resources()).contains(new DiscoveryReport.ResourceCount("patients", 2, 1, 0, null),
                new DiscoveryReport.ResourceCount("clinics", 2, 1, 0, null),
                new DiscoveryReport.ResourceCount("practitioners", 1, 1, 0, null));
    }

    @Test
    void theSamePersonTwiceIsOneGroupWhateverTheCaseAndSpacing() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'first_name':'İlker','last_name':'Şahin',"
                + "'date_of_birth':'1975-03-04','mobile_phone':'0532 123 45 67'}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'first_name':'ilker ','last_name':'ŞAHİN',"
                + "'date_of_birth':'1975-03-04','mobile_phone':'+90 532 123 4567'}"));
        scan.record(SourceResource.PATIENTS, patient("P-3", "{'first_name':'İlker','last_name':'Şahin',"
                + "'date_of_birth':'1975-03-04','mobile_phone':'0533 999 88 77'}"));
        // Same name, another birth date: another person.
        scan.record(SourceResource.PATIENTS, patient("P-4", "{'first_name':'İlker','last_name':'Şahin',"
                + "'date_of_birth':'1975-03-05'}"));
        // A deleted copy is not a duplicate to fix.
        scan.record(SourceResource.PATIENTS, patient("P-5", "{'first_name':'İlker','last_name':'Şahin',"
                + "'date_of_birth':'1975-03-04','deleted':true}"));
        DiscoveryScan.Result r = scan.finish();
        DiscoveryReport.Finding dup = finding(r, "patient.duplicate-person", "patients",
                "first_name,last_name,date_of_birth");
        assertThat(dup.groupCount()).isEqualTo(1);
        assertThat(dup.groups()).containsExactly(List.of("P-1", "P-2", "P-3"));
        assertThat(dup.count()).isEqualTo(3);
        DiscoveryReport.Finding samePhone = finding(r, "patient.duplicate-person-same-phone", "patients",
                "first_name,last_name,date_of_birth,mobile_phone");
        assertThat(samePhone.groups()).containsExactly(List.of("P-1", "P-2"));
    }

    @Test
    void householdsShareOneFoldedEmail() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'email':'Aile.Öz@Gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'email':'aile.öz@gmail.com '}"));
        scan.record(SourceResource.PATIENTS, patient("P-3", "{'email':'other@gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-4", "{'email':'other@gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-5", "{'email':'AILE.ÖZ@gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-6", "{}"));
        DiscoveryReport.Finding f = finding(scan.finish(), "patient.shared-email", "patients", "email");
        assertThat(f.groupCount()).isEqualTo(2);
        assertThat(f.count()).isEqualTo(5);
        assertThat(f.groups()).containsExactly(List.of("P-1", "P-2", "P-5"), List.of("P-3", "P-4"));
    }

    @Test
    void missingRequiredFieldsAreAbsentNullOrBlank() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'last_name':null}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'last_name':'  '}"));
        ObjectNode absent = patient("P-3", "{}");
        absent.remove("last_name");
        scan.record(SourceResource.PATIENTS, absent);
        scan.record(SourceResource.PATIENTS, patient("P-4", "{}"));
        scan.record(SourceResource.TREATMENT_CASES, json("{'id':'TC-1','patient_id':'P-4','clinic_id':'C-1',"
                + "'title':null}"));
        scan.record(SourceResource.RECALLS, json("{'id':'R-1','patient_id':'P-4','due_date':'2025-01-01'}"));
        scan.record(SourceResource.RECALLS, json("{'id':'R-2','patient_id':'P-4','due_date':'2025-01-01',"
                + "'reason':null,'deleted':true}"));
        DiscoveryScan.Result r = scan.finish();
        assertThat(finding(r, "required.missing", "patients", "last_name").ids()).containsExactly("P-1", "P-2", "P-3");
        assertThat(finding(r, "required.missing", "treatment-cases", "title").ids()).containsExactly("TC-1");
        assertThat(finding(r, "required.missing", "recalls", "reason").ids()).containsExactly("R-1");
        assertThat(flagged(r)).isEqualTo(5);
    }

    @Test
    void invalidEmailsAndPhonesAsTheMapperJudgesThem() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'email':'ayse.yilmaz@gmail'}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'email':'ayse@@gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-3", "{'email':'ayse yilmaz@gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-4", "{'email':'ayse,yilmaz@gmail.com'}"));
        // Turkish letters and capitals are a valid address.
        scan.record(SourceResource.PATIENTS, patient("P-5", "{'email':'İlker.Şahin@Gmail.com'}"));
        scan.record(SourceResource.PATIENTS, patient("P-6", "{'mobile_phone':'0532 123 45'}"));
        scan.record(SourceResource.PATIENTS, patient("P-7", "{'home_phone':'yok'}"));
        // Nine spellings of one +90 number are all valid.
        String[] spellings = {"+90 532 123 45 67", "0532 123 4567", "05321234567", "(0532) 123-45-67",
            "90 532 123 45 67", "532 123 45 67", "+905321234567", "0090 532 123 45 67", "0532.123.45.67"};
        for (int i = 0; i < spellings.length; i++) {
            scan.record(SourceResource.PATIENTS, patient("Q-" + i, "{'mobile_phone':'" + spellings[i] + "'}"));
        }
        scan.record(SourceResource.PRACTITIONERS, json("{'id':'PR-3','first_name':'A','last_name':'B',"
                + "'email':'no-at-sign','phone':'12'}"));
        DiscoveryScan.Result r = scan.finish();
        assertThat(finding(r, "email.invalid", "patients", "email").ids())
                .containsExactly("P-1", "P-2", "P-3", "P-4");
        assertThat(finding(r, "phone.invalid", "patients", "mobile_phone").ids()).containsExactly("P-6");
        assertThat(finding(r, "phone.invalid", "patients", "home_phone").ids()).containsExactly("P-7");
        assertThat(finding(r, "email.invalid", "practitioners", "email").ids()).containsExactly("PR-3");
        assertThat(finding(r, "phone.invalid", "practitioners", "phone").ids()).containsExactly("PR-3");
    }

    @Test
    void noContactChannelIsNeitherEmailNorMobile() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'email':null,'mobile_phone':null,"
                + "'home_phone':'0216 345 67 89'}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'email':null}"));
        scan.record(SourceResource.PATIENTS, patient("P-3", "{'mobile_phone':null}"));
        DiscoveryScan.Result r = scan.finish();
        assertThat(finding(r, "patient.no-contact-channel", "patients", "email,mobile_phone").ids())
                .containsExactly("P-1");
    }

    @Test
    void danglingReferencesSayWhetherTheParentIsMissingOrDeleted() {
        setup();
        scan.record(SourceResource.CLINICS, json("{'id':'C-3','name':'Yeni','parent_clinic_id':'C-99'}"));
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'clinic_id':'C-2'}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'clinic_id':'C-900'}"));
        scan.record(SourceResource.PATIENTS, patient("P-3", "{'primary_practitioner_id':'PR-2'}"));
        scan.record(SourceResource.PATIENTS, patient("P-4", "{'primary_practitioner_id':'PR-1'}"));
        scan.record(SourceResource.PATIENTS, patient("P-5", "{'deleted':true}"));
        scan.record(SourceResource.TREATMENT_CASES, json("{'id':'TC-1','patient_id':'P-404','clinic_id':'C-1',"
                + "'title':'x'}"));
        scan.record(SourceResource.APPOINTMENTS, json("{'id':'A-1','patient_id':'P-5','clinic_id':'C-1',"
                + "'start_at':'2025-01-01T10:00:00+03:00','duration_minutes':30}"));
        scan.record(SourceResource.APPOINTMENTS, json("{'id':'A-2','patient_id':'P-4','clinic_id':'C-1',"
                + "'start_at':'2025-01-01T10:00:00+03:00','duration_minutes':30}"));
        scan.record(SourceResource.CLINICAL_NOTES, json("{'id':'N-1','patient_id':'P-6','body':'x'}"));
        scan.record(SourceResource.RECALLS, json("{'id':'R-1','patient_id':'P-7','reason':'x',"
                + "'due_date':'2025-01-01'}"));
        // A deleted child of a deleted patient is not dangling.
        scan.record(SourceResource.RECALLS, json("{'id':'R-2','patient_id':'P-5','reason':'x',"
                + "'due_date':'2025-01-01','deleted':true}"));
        DiscoveryScan.Result r = scan.finish();
        DiscoveryReport.Finding clinic = finding(r, "reference.dangling", "patients", "clinic_id");
        assertThat(clinic.ids()).containsExactly("P-1", "P-2");
        assertThat(clinic.breakdown()).isEqualTo(Map.of("deleted", 1L, "missing", 1L));
        assertThat(finding(r, "reference.dangling", "patients", "primary_practitioner_id").breakdown())
                .isEqualTo(Map.of("deleted", 1L));
        assertThat(finding(r, "reference.dangling", "clinics", "parent_clinic_id").ids()).containsExactly("C-3");
        assertThat(finding(r, "reference.dangling", "treatment-cases", "patient_id").ids()).containsExactly("TC-1");
        assertThat(finding(r, "reference.dangling", "appointments", "patient_id").ids()).containsExactly("A-1");
        assertThat(finding(r, "reference.dangling", "clinical-notes", "patient_id").ids()).containsExactly("N-1");
        assertThat(finding(r, "reference.dangling", "recalls", "patient_id").ids()).containsExactly("R-1");
        assertThat(flagged(r)).isEqualTo(8);
    }

    @Test
    void moduleValuesAreCheckedAgainstTheirDeclaredTypes() {
        setup();
        scan.record(SourceResource.CUSTOM_MODULES, json("{'id':'M-1','key':'lab-work','name':'Lab',"
                + "'cardinality':'ONE_PER_PATIENT','fields':[{'key':'cost','type':'NUMBER'},{'key':'due',"
                + "'type':'DATE'},{'key':'urgent','type':'BOOLEAN'},{'key':'kind','type':'CHOICE','choices':"
                + "['CROWN','BRIDGE']},{'key':'lab','type':'TEXT'}]}"));
        scan.record(SourceResource.PATIENTS, patient("P-1", "{}"));
        String ok = "'cost':'1250.50','due':'2024-02-29','urgent':false,'kind':'CROWN','lab':'Lab A'";
        scan.moduleRecord("lab-work", json("{'id':'L-1','patient_id':'P-1','values':{" + ok + "}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-2','patient_id':'P-1','values':{'cost':'1.250,00'}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-3','patient_id':'P-1','values':{'due':'15.03.2021'}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-4','patient_id':'P-1','values':{'due':'2021-02-30'}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-5','patient_id':'P-1','values':{'urgent':'evet'}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-6','patient_id':'P-1','values':{'kind':'DIGER'}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-7','patient_id':'P-1','values':{'cost':null,'due':''}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-8','patient_id':'P-1','values':{'ai_settings':{'model':'x'}}}"));
        scan.moduleRecord("lab-work", json("{'id':'L-9','patient_id':'P-1','deleted':true,"
                + "'values':{'cost':'yok'}}"));
        DiscoveryScan.Result r = scan.finish();
        DiscoveryReport.Finding type = finding(r, "module.value-type", "custom-module-records", "values");
        assertThat(type.ids()).containsExactly("lab-work/L-2", "lab-work/L-3", "lab-work/L-4", "lab-work/L-5",
                "lab-work/L-6");
        assertThat(type.breakdown()).containsEntry("lab-work.due (DATE)", 2L).containsEntry("lab-work.kind (CHOICE)", 1L);
        assertThat(finding(r, "module.value-undeclared", "custom-module-records", "values").ids())
                .containsExactly("lab-work/L-8");
        assertThat(r.modules()).singleElement().satisfies(m -> {
            assertThat(m.key()).isEqualTo("lab-work");
            assertThat(m.liveRecords()).isEqualTo(8);
            assertThat(m.deletedRecords()).isEqualTo(1);
            assertThat(m.fields()).hasSize(5);
        });
    }

    @Test
    void notesOverTheLimitAreMeasuredInUtf8Bytes() {
        DiscoveryScan small = new DiscoveryScan(new DiscoveryScan.Settings(10, 100, 50, 20, "TR", 200));
        small.record(SourceResource.PATIENTS, patient("P-1", "{}"));
        small.record(SourceResource.CLINICAL_NOTES, json("{'id':'N-1','patient_id':'P-1','body':'0123456789'}"));
        // Six characters, twelve bytes.
        small.record(SourceResource.CLINICAL_NOTES, json("{'id':'N-2','patient_id':'P-1','body':'şşşşşş'}"));
        small.record(SourceResource.CLINICAL_NOTES, json("{'id':'N-3','patient_id':'P-1','body':'01234567890'}"));
        DiscoveryScan.Result r = small.finish();
        assertThat(finding(r, "note.over-limit", "clinical-notes", "body").ids()).containsExactly("N-2", "N-3");
        assertThat(DiscoveryScan.utf8Length("a\u00e7\u20ac\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
    }

    @Test
    void attachmentsAndCustomFieldsAreSummed() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{'custom_fields':{'vip':true,'kvkk_consent_date':"
                + "'2024-01-02','allergies':'Lateks'}}"));
        scan.record(SourceResource.PATIENTS, patient("P-2", "{'custom_fields':{'vip':'evet','allergies':null}}"));
        scan.record(SourceResource.ATTACHMENTS, json("{'id':'AT-1','size_bytes':100}"));
        scan.record(SourceResource.ATTACHMENTS, json("{'id':'AT-2','size_bytes':5000}"));
        scan.record(SourceResource.ATTACHMENTS, json("{'id':'AT-3','size_bytes':9999999,'deleted':true}"));
        DiscoveryScan.Result r = scan.finish();
        assertThat(r.attachments()).isEqualTo(2);
        assertThat(r.attachmentBytes()).isEqualTo(5100);
        assertThat(r.largestAttachment()).isEqualTo("AT-2");
        assertThat(r.customFields()).extracting(DiscoveryReport.CustomFieldKey::key, DiscoveryReport.CustomFieldKey::records,
                DiscoveryReport.CustomFieldKey::valueTypes).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("allergies", 2L, Map.of("text", 1L, "null", 1L)),
                        org.assertj.core.groups.Tuple.tuple("kvkk_consent_date", 1L, Map.of("date", 1L)),
                        org.assertj.core.groups.Tuple.tuple("vip", 2L, Map.of("boolean", 1L, "text", 1L)));
    }

    @Test
    void idListsAreCappedButEveryRecordIsCounted() {
        DiscoveryScan capped = new DiscoveryScan(new DiscoveryScan.Settings(32768, 3, 2, 2, "TR", 200));
        for (int i = 0; i < 10; i++) {
            capped.record(SourceResource.PATIENTS, patient("P-" + i, "{'clinic_id':'C-404','email':'fam@x.com'}"));
        }
        for (int i = 0; i < 3; i++) {
            capped.record(SourceResource.PATIENTS, patient("S-" + i, "{'email':'s" + i + "@x.com',"
                    + "'first_name':'A','last_name':'B','date_of_birth':'2000-01-0" + (i + 1) + "'}"));
            capped.record(SourceResource.PATIENTS, patient("T-" + i, "{'email':'t" + i + "@x.com',"
                    + "'first_name':'A','last_name':'B','date_of_birth':'2000-01-0" + (i + 1) + "'}"));
        }
        DiscoveryScan.Result r = capped.finish();
        DiscoveryReport.Finding dangling = finding(r, "reference.dangling", "patients", "clinic_id");
        assertThat(dangling.count()).isEqualTo(16);
        assertThat(dangling.ids()).hasSize(3);
        DiscoveryReport.Finding family = finding(r, "patient.shared-email", "patients", "email");
        assertThat(family.count()).isEqualTo(10);
        assertThat(family.groups()).containsExactly(List.of("P-0", "P-1"));
        DiscoveryReport.Finding dup = finding(r, "patient.duplicate-person", "patients",
                "first_name,last_name,date_of_birth");
        assertThat(dup.groupCount()).isEqualTo(3);
        assertThat(dup.count()).isEqualTo(6);
        assertThat(dup.groups()).containsExactly(List.of("S-0", "T-0"), List.of("S-1", "T-1"));
    }

    @Test
    void billingAnomaliesAndAmountsThatAreNotDecimals() {
        setup();
        scan.record(SourceResource.PATIENTS, patient("P-1", "{}"));
        String ok = "'patient_id':'P-1','treatment_case_id':'TC-1','coverage_percent':80,'total_amount':'7500.00',"
                + "'paid_amount':'2500.00','outstanding_balance':'5000.00'";
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-1'," + ok + "}"));
        ObjectNode comma = json("{'id':'B-2'," + ok + "}");
        comma.put("total_amount", "7.500,00").put("paid_amount", "2.500,00").put("outstanding_balance", "5.000,00");
        scan.record(SourceResource.BILLING_RECORDS, comma);
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-3'," + ok + "}").put("paid_amount", "500,00"));
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-4'," + ok + "}").putNull("treatment_case_id"));
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-5'," + ok + "}").put("coverage_percent", 125));
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-6'," + ok + "}").put("coverage_percent", "100"));
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-7'," + ok + "}")
                .put("outstanding_balance", "-1.250,00"));
        scan.record(SourceResource.BILLING_RECORDS, json("{'id':'B-8','deleted':true," + ok + "}")
                .put("outstanding_balance", "-5"));
        scan.record(SourceResource.TREATMENT_CASES, json("{'id':'TC-1','patient_id':'P-1','clinic_id':'C-1',"
                + "'title':'x','estimated_amount':'12 500 TL'}"));
        scan.record(SourceResource.PRODUCTS, json("{'id':'PD-1','code':'D1110','name':'x','unit_price':1500}"));
        DiscoveryScan.Result r = scan.finish();
        DiscoveryReport.Finding amounts = finding(r, "amount.not-decimal", "billing-records",
                "total_amount,paid_amount,outstanding_balance");
        assertThat(amounts.ids()).containsExactly("B-2", "B-3", "B-7");
        assertThat(amounts.breakdown()).isEqualTo(Map.of("total_amount", 1L, "paid_amount", 1L,
                "outstanding_balance", 1L));
        assertThat(finding(r, "billing.without-case", "billing-records", "treatment_case_id").ids())
                .containsExactly("B-4");
        assertThat(finding(r, "billing.coverage-over-100", "billing-records", "coverage_percent").ids())
                .containsExactly("B-5");
        assertThat(finding(r, "billing.credit-balance", "billing-records", "outstanding_balance").ids())
                .containsExactly("B-7");
        assertThat(finding(r, "amount.not-decimal", "treatment-cases", "estimated_amount").ids())
                .containsExactly("TC-1");
        assertThat(finding(r, "amount.not-decimal", "products", "unit_price").count()).isZero();
    }

    @Test
    void recordsWithoutIdAreCountedAsInvalid() {
        scan.record(SourceResource.PATIENTS, json("{'first_name':'x'}"));
        scan.invalid("patients", 2);
        assertThat(scan.finish().resources()).containsExactly(new DiscoveryReport.ResourceCount("patients", 0, 0, 3,
                null));
    }
}
