package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.FreshsalesUsers;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.launcher.ChildJvm;
import dev.ferry.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Practitioners, clinics, patients, products and treatment cases through all four services over the real broker and database, into the
 * Freshsales sandbox: the sandbox's state equals the state derived from the source, and a second run of the same
 * migration changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {

    /**
     * The demo's resources and attachments (issue 10): documents on their contacts and deals, bytes checked by
     * MigrationInvariant.checkDocuments in the replay test.
     */
    static final List<String> RESOURCES = MigrationDriver.ALL_RESOURCES;

    E2eStack e2e;
    ExpectedMigration expected;
    JsonNode users;
    String firstRun;
    JsonNode stateAfterFirstRun;
    String secondRun;

    @BeforeAll
    void start() throws Exception {
        e2e = E2eStack.start("walking-skeleton", 150, 11, E2eStack.freshsalesSettings(), Map.of());
        users = FreshsalesUsers.forDataset(e2e.dataset.folder);
        expected = new ExpectedMigration(e2e.dataset, users);
        expected.expectAttachments(e2e.dataset);
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    @Order(1)
    void theSandboxHoldsExactlyWhatTheSourceDerives() {
        firstRun = e2e.driver.startFullRun(RESOURCES);
        JsonNode rec = e2e.driver.awaitBalanced(firstRun, Duration.ofMinutes(3), Duration.ofSeconds(2), r -> { });
        assertThat(rec).as("reconciliation of " + firstRun).isNotNull();
        assertThat(rec.path("balanced").asBoolean()).as("balanced: " + rec.toPrettyString()).isTrue();
        for (JsonNode r : rec.path("resources")) {
            assertThat(r.path("manifestCount").asLong()).as("manifest of " + r.path("resource").asText())
                    .isEqualTo(e2e.dataset.count(r.path("resource").asText()));
            assertThat(r.path("failed").asLong()).as("failed " + r.path("resource").asText() + ": "
                    + e2e.driver.bucket(firstRun, r.path("resource").asText(), "failed")).isZero();
        }

        // Rejections: exactly the records the generator marked with a rejecting trap, each with a rule and field.
        assertThat(sourceIds(firstRun, "clinics", "rejected")).isEqualTo(expected.rejectedClinics);
        List<JsonNode> rejectedPatients = e2e.driver.bucket(firstRun, "patients", "rejected");
        assertThat(sourceIds(rejectedPatients)).isEqualTo(expected.rejectedPatients);
        // every rejection is a trap the generator planted, never a clean record
        assertThat(expected.duplicateEmails).isSubsetOf(e2e.dataset.trapped("DUPLICATE_PATIENT_EMAIL", "patients"));
        for (JsonNode r : rejectedPatients) {
            assertThat(r.path("rejection").path("rule").asText()).isNotBlank();
            assertThat(r.path("rejection").path("field").asText()).isNotBlank();
        }
        assertThat(sourceIds(firstRun, "practitioners", "linked")).isEqualTo(expected.linkedPractitioners());
        // Issue 10: every live workflow and integration is an entry of its rebuild document.
        assertThat(sourceIds(firstRun, "workflows", "documented")).isEqualTo(expected.documented("workflows"));
        assertThat(sourceIds(firstRun, "integrations", "documented")).isEqualTo(expected.documented("integrations"));

        stateAfterFirstRun = e2e.driver.freshsalesState();
        // Issue 10: every attachment a document exactly once, with the source's bytes, on its contact or deal.
        assertThat(expected.loadedAttachments()).as("the dataset has attachments to migrate").isNotEmpty();
        assertThat(sourceIds(firstRun, "attachments", "rejected")).isEqualTo(expected.rejectedAttachments.keySet());
        assertThat(MigrationInvariant.documentProblems(stateAfterFirstRun, expected)).isEmpty();
        Map<String, JsonNode> accounts = byDentesId(stateAfterFirstRun.path("sales_accounts"));
        Map<String, JsonNode> contacts = byDentesId(stateAfterFirstRun.path("contacts"));

        // Every clinic and patient exactly once (byDentesId fails on a duplicate), and nothing else.
        assertThat(accounts.keySet()).isEqualTo(expected.loadedClinics());
        assertThat(contacts.keySet()).isEqualTo(expected.loadedPatients());

        Map<Long, String> clinicOfAccount = new HashMap<>();
        accounts.forEach((clinic, account) -> clinicOfAccount.put(account.get("id").asLong(), clinic));
        for (String clinicId : expected.loadedClinics()) {
            JsonNode source = expected.clinics.get(clinicId);
            JsonNode account = accounts.get(clinicId);
            assertThat(account.path("name").asText()).isEqualTo(ExpectedMigration.name(source.get("name")));
            assertThat(account.path("industry_type_id").isNull()).as("industry of " + clinicId).isFalse();
            String parent = source.path("parent_clinic_id").asText(null);
            if (parent != null && expected.loadedClinics().contains(parent)) {
                assertThat(clinicOfAccount.get(account.path("parent_sales_account_id").asLong()))
                        .as("parent of " + clinicId).isEqualTo(parent);
            } else {
                assertThat(account.path("parent_sales_account_id").isNull()
                        || account.path("parent_sales_account_id").isMissingNode()).as("no parent for " + clinicId).isTrue();
            }
        }

        Map<String, Long> stageByType = lifecycleStages();
        long fallbackOwner = users.get(0).get("id").asLong();
        for (String patientId : expected.loadedPatients()) {
            JsonNode source = expected.patients.get(patientId);
            JsonNode contact = contacts.get(patientId);
            String what = "contact of " + patientId;
            assertThat(contact.path("first_name").asText()).as(what).isEqualTo(ExpectedMigration.name(source.get("first_name")));
            assertThat(contact.path("last_name").asText()).as(what).isEqualTo(ExpectedMigration.name(source.get("last_name")));
            if (source.hasNonNull("email") && expected.duplicateEmails.contains(patientId)) {
                // a family member: the address stays with the lower id; this contact keeps it in cf_shared_email
                assertThat(contact.path("email").isNull() || contact.path("email").isMissingNode()
                        || contact.path("email").asText().isEmpty()).as(what + " has no e-mail of its own").isTrue();
                assertThat(ExpectedMigration.fold(contact.path("custom_field").path("cf_shared_email").asText("")))
                        .as(what).isEqualTo(ExpectedMigration.fold(source.get("email").asText()));
            } else if (source.hasNonNull("email")) {
                assertThat(ExpectedMigration.fold(contact.path("email").asText(""))).as(what)
                        .isEqualTo(ExpectedMigration.fold(source.get("email").asText()));
            }
            if (source.hasNonNull("mobile_phone") && contact.hasNonNull("mobile_number")) {
                assertThat(contact.get("mobile_number").asText()).as(what).matches("\\+90\\d{10}");
                assertThat(digits(contact.get("mobile_number").asText())).as(what)
                        .endsWith(lastTenDigits(source.get("mobile_phone").asText()));
            }
            assertThat(contact.path("lifecycle_stage_id").asLong()).as(what)
                    .isEqualTo(stageByType.get(ExpectedMigration.isLead(source) ? "Lead" : "Customer"));
            Long owner = expected.ownerOf.get(source.path("primary_practitioner_id").asText());
            assertThat(contact.path("owner_id").asLong()).as("owner of " + patientId)
                    .isEqualTo(owner != null ? owner : fallbackOwner);
            JsonNode primary = primaryAccount(contact);
            assertThat(primary).as("primary account of " + patientId).isNotNull();
            assertThat(clinicOfAccount.get(primary.get("id").asLong())).as("clinic of " + patientId)
                    .isEqualTo(source.get("clinic_id").asText());
        }

        checkDeals(firstRun, contacts, clinicOfAccount, fallbackOwner);
        checkProducts();
        checkModules(firstRun, contacts);

        // Regression, issue 8 hole 7: national ids, which the spec does not migrate, travelled on the raw topic.
        List<SourceRecordEnvelope> raw;
        try (TestKafka kafka = e2e.kafka()) {
            raw = kafka.readAll(SourceResource.PATIENTS.rawTopic(), SourceRecordEnvelope.class).stream()
                    .filter(e -> e.runId().equals(firstRun)).toList();
        }
        assertThat(raw).hasSize(expected.patients.size());
        assertThat(expected.patients.values()).anySatisfy(p -> assertThat(p.hasNonNull("national_id")).isTrue());
        assertThat(raw).allSatisfy(e -> assertThat(e.payload().has("national_id")).as(e.sourceId()).isFalse())
                .anySatisfy(e -> assertThat(e.payload().has("first_name")).isTrue());
    }

    @Test
    @Order(2)
    void aSecondRunOfTheSameMigrationChangesNothing() {
        String second = e2e.driver.startFullRun(RESOURCES);
        secondRun = second;
        JsonNode rec = e2e.driver.awaitBalanced(second, Duration.ofMinutes(3), Duration.ofSeconds(2), r -> { });
        assertThat(rec.path("balanced").asBoolean()).as(rec.toPrettyString()).isTrue();
        for (JsonNode r : rec.path("resources")) {
            String resource = r.path("resource").asText();
            assertThat(r.path("created").asLong()).as("created in the second run: " + resource).isZero();
            assertThat(r.path("updated").asLong()).as("updated in the second run: " + resource).isZero();
            assertThat(r.path("failed").asLong()).as("failed in the second run: " + resource).isZero();
        }
        assertThat(sourceIds(second, "clinics", "unchanged")).isEqualTo(expected.loadedClinics());
        assertThat(sourceIds(second, "patients", "unchanged")).isEqualTo(expected.loadedPatients());
        assertThat(sourceIds(second, "treatment-cases", "unchanged")).isEqualTo(expected.loadedCases());
        assertThat(sourceIds(second, "products", "unchanged")).isEqualTo(expected.loadedProducts());
        assertThat(sourceIds(second, "billing-records", "unchanged")).isEqualTo(expected.loadedBilling());

        JsonNode after = e2e.driver.freshsalesState();
        assertThat(byDentesId(after.path("contacts")).keySet()).isEqualTo(expected.loadedPatients());
        assertThat(byDentesId(after.path("sales_accounts")).keySet()).isEqualTo(expected.loadedClinics());
        assertThat(after.path("contacts").size()).isEqualTo(stateAfterFirstRun.path("contacts").size());
    }

    /**
     * The fault matrix's last row (issue 8): both runs replayed from offset zero. Every consumer group goes back to
     * the start of its topics and the mapper, loader and audit read everything again; the replay must be recognised
     * as one: each record still ends exactly once, Freshsales unchanged.
     */
    @Test
    @Order(3)
    void replayingEveryTopicFromOffsetZeroChangesNothing() throws Exception {
        String second = secondRun;
        long started = System.nanoTime();
        JsonNode before = e2e.driver.freshsalesState();
        List<Component> consumers = List.of(Component.MAPPER, Component.LOADER, Component.AUDIT);
        ChildJvm.stopAll(consumers.stream().map(e2e.stack::process).toList(), ChildJvm.DEFAULT_GRACE);
        try (ConsumerGroups groups = e2e.consumerGroups()) {
            assertThat(groups.rewindAllToTheStart()).as("groups rewound").isGreaterThanOrEqualTo(5);
            assertThat(groups.lag()).as("there is everything to read again").isNotEmpty();
            e2e.stack.start(consumers.toArray(Component[]::new));
            groups.awaitNoLag(Duration.ofMinutes(3));
        }
        for (String run : List.of(firstRun, second)) {
            MigrationInvariant.Result result = MigrationInvariant.check("replay-from-offset-zero", e2e, expected, run,
                    Duration.ofMinutes(1), started);
            assertThat(result.holds()).as(result.describe()).isTrue();
        }
        JsonNode after = e2e.driver.freshsalesState();
        assertThat(after.path("contacts").size()).isEqualTo(before.path("contacts").size());
        assertThat(after.path("sales_accounts").size()).isEqualTo(before.path("sales_accounts").size());
        assertThat(after.path("deals").size()).isEqualTo(before.path("deals").size());
        assertThat(after.path("products").size()).isEqualTo(before.path("products").size());
    }

    /**
     * Treatment cases (issue 9): each loaded case once as a deal in the Treatment Plans pipeline, at the stage its
     * source stage names, with its amount, currency, patient's contact, clinic's account, owner, and one line item
     * per procedure (product, quantity, price as charged) with the procedures' teeth; each other case
     * rejected with the rule the source data calls for (a case of a rejected patient as parent.rejected).
     */
    private void checkDeals(String runId, Map<String, JsonNode> contacts, Map<Long, String> clinicOfAccount,
            long fallbackOwner) {
        Map<String, String> rejected = new TreeMap<>();
        for (JsonNode r : e2e.driver.bucket(runId, "treatment-cases", "rejected")) {
            rejected.put(r.get("sourceId").asText(), r.path("rejection").path("rule").asText());
        }
        assertThat(rejected).isEqualTo(expected.rejectedCases);
        assertThat(expected.rejectedCases).containsValue("parent.rejected");
        Map<String, JsonNode> deals = byDentesId(stateAfterFirstRun.path("deals"));
        assertThat(deals.keySet()).isEqualTo(expected.loadedCases());

        JsonNode pipelines = new JsonHttp().get(e2e.stack.baseUrl(Component.FRESHSALES_SIM)
                + "/crm/sales/api/selector/deal_pipelines", "Token token=ferry-sandbox-key");
        JsonNode plans = null;
        for (JsonNode p : pipelines.path("deal_pipelines")) {
            if ("Treatment Plans".equals(p.path("name").asText())) {
                plans = p;
            }
        }
        assertThat(plans).as("the sandbox has the Treatment Plans pipeline").isNotNull();
        Map<String, Long> stageByName = new HashMap<>();
        plans.path("deal_stages").forEach(st -> stageByName.put(st.path("name").asText(), st.path("id").asLong()));
        // The brief's stages, written here from the brief and not from the spec's table.
        Map<String, String> stageOfCode = Map.of("NEW", "New Appointment", "IN_TREATMENT", "In Treatment",
                "AWAITING_PAYMENT", "Invoiced", "COMPLETED", "Closed Won", "CANCELLED", "Closed Lost");
        Map<String, Long> currencyByCode = new HashMap<>();
        new JsonHttp().get(e2e.stack.baseUrl(Component.FRESHSALES_SIM) + "/crm/sales/api/selector/currencies",
                "Token token=ferry-sandbox-key").path("currencies")
                .forEach(c -> currencyByCode.put(c.path("currency_code").asText(), c.path("id").asLong()));
        Map<String, Long> contactOfPatient = new HashMap<>();
        contacts.forEach((patient, contact) -> contactOfPatient.put(patient, contact.get("id").asLong()));
        Map<String, Long> productIds = new HashMap<>();
        byDentesId(stateAfterFirstRun.path("products")).forEach((id, p) -> productIds.put(id, p.get("id").asLong()));
        int lineItems = 0;

        for (String caseId : expected.loadedCases()) {
            JsonNode source = expected.cases.get(caseId);
            JsonNode deal = deals.get(caseId);
            String what = "deal of " + caseId;
            assertThat(deal.path("name").asText()).as(what).isEqualTo(ExpectedMigration.name(source.get("title")));
            assertThat(new java.math.BigDecimal(deal.path("amount").asText())).as(what)
                    .isEqualByComparingTo(new java.math.BigDecimal(source.get("estimated_amount").asText()));
            assertThat(deal.path("currency_id").asLong()).as(what)
                    .isEqualTo(currencyByCode.get(source.get("currency").asText()));
            assertThat(deal.path("deal_pipeline_id").asLong()).as(what).isEqualTo(plans.path("id").asLong());
            assertThat(deal.path("deal_stage_id").asLong()).as(what + " stage " + source.get("stage").asText())
                    .isEqualTo(stageByName.get(stageOfCode.get(source.get("stage").asText())));
            assertThat(deal.path("contact_ids")).as(what).hasSize(1);
            assertThat(deal.path("contact_ids").get(0).asLong()).as(what)
                    .isEqualTo(contactOfPatient.get(source.get("patient_id").asText()));
            // Line items: each procedure whose product loaded, in order, with its quantity and the price as charged.
            List<String> teeth = new ArrayList<>();
            List<String> wantLines = new ArrayList<>();
            for (JsonNode proc : source.path("procedures")) {
                String product = proc.path("product_id").asText(null);
                if (product == null || !expected.loadedProducts().contains(product)) {
                    continue;
                }
                wantLines.add(productIds.get(product) + " x" + new java.math.BigDecimal(proc.path("quantity").asText("1"))
                        .stripTrailingZeros().toPlainString() + " @" + new java.math.BigDecimal(
                        proc.path("unit_price").asText()).stripTrailingZeros().toPlainString());
                if (proc.hasNonNull("tooth_number")) {
                    teeth.add(proc.get("tooth_number").asText());
                }
            }
            List<String> gotLines = new ArrayList<>();
            for (JsonNode line : deal.path("products")) {
                gotLines.add(line.path("id").asLong() + " x" + new java.math.BigDecimal(line.path("quantity").asText())
                        .stripTrailingZeros().toPlainString() + " @" + new java.math.BigDecimal(
                        line.path("unit_price").asText()).stripTrailingZeros().toPlainString());
            }
            assertThat(gotLines).as("line items of " + what).isEqualTo(wantLines);
            lineItems += gotLines.size();
            assertThat(deal.path("custom_field").path("cf_tooth_numbers").asText(""))
                    .as("tooth numbers of " + what).isEqualTo(String.join(", ", teeth));
            String clinic = source.get("clinic_id").asText();
            if (expected.loadedClinics().contains(clinic)) {
                assertThat(clinicOfAccount.get(deal.path("sales_account_id").asLong())).as(what).isEqualTo(clinic);
            }
            Long owner = expected.ownerOf.get(source.path("practitioner_id").asText());
            if (owner != null) {
                assertThat(deal.path("owner_id").asLong()).as("owner of " + what).isEqualTo(owner);
            } else {
                List<Long> allowed = new ArrayList<>(expected.officeManagerOwners(clinic));
                allowed.add(fallbackOwner);
                assertThat(deal.path("owner_id").asLong()).as("owner of " + what + ": an office manager or the"
                        + " fallback").isIn(allowed);
            }
        }
        assertThat(lineItems).as("line items across the practice's deals").isGreaterThan(expected.loadedCases().size());
        checkBilling(runId, deals);
    }

    /**
     * Billing records (issue 9): the chosen record of each case fills its deal's billing fields with the source's
     * values (Turkish amounts read, a credit negative); a case without one has none; every other record is rejected
     * with the rule its data calls for, among them each rule the generator's billing traps call for.
     */
    private void checkBilling(String runId, Map<String, JsonNode> deals) {
        Map<String, String> rejected = new TreeMap<>();
        for (JsonNode r : e2e.driver.bucket(runId, "billing-records", "rejected")) {
            rejected.put(r.get("sourceId").asText(), r.path("rejection").path("rule").asText());
        }
        assertThat(rejected).isEqualTo(expected.rejectedBilling);
        assertThat(expected.rejectedBilling).containsValues("billing.no-case", "billing.several-per-case",
                "value.out-of-range", "billing.currency-mismatch");
        // Written from the brief's words, not from the spec's table.
        Map<String, String> statusOf = Map.of("OPEN", "Open", "PARTIALLY_PAID", "Partially paid", "PAID", "Paid",
                "WRITTEN_OFF", "Written off");
        int credits = 0;
        for (String caseId : expected.loadedCases()) {
            JsonNode cf = deals.get(caseId).path("custom_field");
            String bill = expected.billingOfCase.get(caseId);
            if (bill == null) {
                assertThat(cf.has("cf_billing_id")).as("deal of " + caseId + " has no billing record").isFalse();
                continue;
            }
            JsonNode b = expected.billing.get(bill);
            String what = "billing " + bill + " on the deal of " + caseId;
            assertThat(cf.path("cf_billing_id").asText()).as(what).isEqualTo(bill);
            assertThat(cf.path("cf_insurance_provider").asText(null)).as(what)
                    .isEqualTo(ExpectedMigration.name(b.get("insurance_provider")));
            assertThat(cf.path("cf_policy_number").asText(null)).as(what)
                    .isEqualTo(ExpectedMigration.name(b.get("policy_number")));
            assertThat(cf.path("cf_coverage_percent").decimalValue()).as(what)
                    .isEqualByComparingTo(new java.math.BigDecimal(b.path("coverage_percent").asText()));
            for (String[] amount : new String[][] {{"total_amount", "cf_billing_total"}, {"paid_amount", "cf_amount_paid"},
                    {"outstanding_balance", "cf_outstanding_balance"}}) {
                assertThat(cf.path(amount[1]).decimalValue()).as(what + " " + amount[0])
                        .isEqualByComparingTo(ExpectedMigration.amount(b.path(amount[0]).asText()));
            }
            assertThat(cf.path("cf_billing_currency").asText()).as(what).isEqualTo(b.path("currency").asText());
            assertThat(cf.path("cf_billing_status").asText()).as(what)
                    .isEqualTo(statusOf.get(b.path("status").asText()));
            credits += cf.path("cf_outstanding_balance").decimalValue().signum() < 0 ? 1 : 0;
        }
        assertThat(credits).as("credits stay negative on some deals").isPositive();
    }

    /**
     * Custom modules (issue 9): each definition LINKED; each MANY_PER_PATIENT record once in its Freshsales custom
     * module with its values and links (the patient's contact, the case's deal when the case loaded); each
     * ONE_PER_PATIENT record's values on its patient's contact; every other record rejected with its rule, among them
     * values that do not fit their declared type; the AI settings nowhere in Freshsales.
     */
    private void checkModules(String runId, Map<String, JsonNode> contacts) {
        assertThat(sourceIds(runId, "custom-modules", "linked")).hasSameSizeAs(expected.modules.keySet());
        Map<String, String> rejected = new TreeMap<>();
        for (JsonNode r : e2e.driver.bucket(runId, "custom-module-records", "rejected")) {
            rejected.put(r.get("sourceId").asText(), r.path("rejection").path("rule").asText());
        }
        assertThat(rejected).isEqualTo(expected.rejectedModuleRecords);
        assertThat(expected.rejectedModuleRecords).containsValue("module.value-type");
        Map<String, JsonNode> imaging = byDentesId(stateAfterFirstRun.path("cm_imaging_record"));
        Map<String, JsonNode> deals = byDentesId(stateAfterFirstRun.path("deals"));
        // The account's spelling of each imaging type, from the brief's words.
        Map<String, String> imageType = Map.of("PANORAMIC", "Panoramic", "BITEWING", "Bitewing", "PERIAPICAL",
                "Periapical", "CBCT", "CBCT", "INTRAORAL_PHOTO", "Intraoral photo");
        int onContacts = 0;
        int linkedToDeals = 0;
        for (String id : expected.loadedModuleRecords()) {
            JsonNode r = expected.moduleRecords.get(id);
            JsonNode values = r.path("values");
            String patient = r.path("patient_id").asText();
            String what = "module record " + id;
            if ("ONE_PER_PATIENT".equals(expected.moduleOf(id).path("cardinality").asText())) {
                String key = id.substring(0, id.indexOf('/')).replace('-', '_');
                JsonNode cf = contacts.get(patient).path("custom_field");
                for (JsonNode f : expected.moduleOf(id).path("fields")) {
                    JsonNode v = values.get(f.path("key").asText());
                    String field = "cf_" + key + "_" + f.path("key").asText();
                    if (v == null || v.isNull()) {
                        continue;
                    }
                    if ("CHOICE".equals(f.path("type").asText())) {
                        assertThat(cf.path(field).asText().toUpperCase(java.util.Locale.ROOT).replace(' ', '_'))
                                .as(what + " " + field).isEqualTo(v.asText());
                    } else if (v.isNumber()) {
                        assertThat(cf.path(field).decimalValue()).as(what + " " + field)
                                .isEqualByComparingTo(v.decimalValue());
                    } else {
                        assertThat(cf.path(field).asText()).as(what + " " + field).isEqualTo(v.asText());
                    }
                }
                onContacts++;
                continue;
            }
            JsonNode record = imaging.get(id);
            assertThat(record).as(what + " in cm_imaging_record").isNotNull();
            JsonNode cf = record.path("custom_field");
            assertThat(record.path("name").asText()).as(what).endsWith(r.path("id").asText());
            assertThat(cf.path("cf_patient").asLong()).as(what + " links the patient's contact")
                    .isEqualTo(contacts.get(patient).get("id").asLong());
            String theCase = r.path("treatment_case_id").asText(null);
            if (theCase != null && expected.loadedCases().contains(theCase)) {
                assertThat(cf.path("cf_treatment_plan").asLong()).as(what + " links the case's deal")
                        .isEqualTo(deals.get(theCase).get("id").asLong());
                linkedToDeals++;
            }
            assertThat(cf.path("cf_image_type").asText(null)).as(what)
                    .isEqualTo(imageType.get(values.path("image_type").asText()));
            assertThat(cf.path("cf_taken_on").asText(null)).as(what).isEqualTo(values.path("taken_on").asText(null));
            assertThat(cf.path("cf_device").asText(null)).as(what).isEqualTo(values.path("device").asText(null));
            assertThat(cf.path("cf_radiation_dose_mgy").decimalValue()).as(what)
                    .isEqualByComparingTo(values.path("radiation_dose_mgy").decimalValue());
            assertThat(cf.toString()).as(what + ": AI settings are not migrated").doesNotContain("ai_analysis");
        }
        assertThat(imaging.keySet()).isEqualTo(expected.loadedModuleRecords().stream()
                .filter(id -> id.startsWith("imaging/")).collect(java.util.stream.Collectors.toSet()));
        assertThat(onContacts).as("ONE_PER_PATIENT records on contacts").isPositive();
        assertThat(linkedToDeals).as("imaging records linked to their case's deal").isPositive();
    }

    /** Treatment codes (issue 9): each once as a product, with its code, price in its currency and active flag. */
    private void checkProducts() {
        Map<String, JsonNode> products = byDentesId(stateAfterFirstRun.path("products"));
        assertThat(products.keySet()).isEqualTo(expected.loadedProducts());
        assertThat(expected.products.values()).as("the catalogue has inactive codes")
                .anySatisfy(p -> assertThat(p.path("active").asBoolean(true)).isFalse());
        for (String id : expected.loadedProducts()) {
            JsonNode source = expected.products.get(id);
            JsonNode product = products.get(id);
            String what = "product of " + id;
            assertThat(product.path("name").asText()).as(what).isEqualTo(ExpectedMigration.name(source.get("name")));
            assertThat(product.path("product_code").asText()).as(what).isEqualTo(source.get("code").asText().strip());
            assertThat(product.path("custom_field").path("cf_dentes_code").asText()).as(what)
                    .isEqualTo(source.get("code").asText().strip());
            assertThat(product.path("description").asText()).as(what).startsWith(source.get("code").asText().strip());
            assertThat(product.path("is_active").asBoolean()).as(what).isEqualTo(source.get("active").asBoolean());
            JsonNode price = product.path("product_pricings").path(0);
            assertThat(price.path("currency_code").asText()).as(what).isEqualTo(source.get("currency").asText());
            assertThat(new java.math.BigDecimal(price.path("unit_price").asText())).as(what)
                    .isEqualByComparingTo(new java.math.BigDecimal(source.get("unit_price").asText()));
        }
    }

    private Set<String> sourceIds(String runId, String resource, String bucket) {
        return sourceIds(e2e.driver.bucket(runId, resource, bucket));
    }

    private static Set<String> sourceIds(List<JsonNode> entries) {
        Set<String> ids = new TreeSet<>();
        entries.forEach(e -> ids.add(e.get("sourceId").asText()));
        return ids;
    }

    /** Records by their cf_dentes_id, failing on a duplicate: a duplicate in Freshsales is the worst outcome. */
    static Map<String, JsonNode> byDentesId(JsonNode records) {
        Map<String, JsonNode> byId = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode r : records) {
            if (r.path("is_deleted").asBoolean(false)) {
                continue;
            }
            String id = r.path("custom_field").path("cf_dentes_id").asText(null);
            assertThat(id).as("cf_dentes_id on Freshsales record " + r.path("id")).isNotNull();
            if (byId.put(id, r) != null) {
                duplicates.add(id);
            }
        }
        assertThat(duplicates).as("source records present twice in Freshsales").isEmpty();
        return byId;
    }

    private Map<String, Long> lifecycleStages() {
        JsonNode stages = new JsonHttp().get(e2e.stack.baseUrl(Component.FRESHSALES_SIM)
                + "/crm/sales/api/selector/lifecycle_stages", "Token token=ferry-sandbox-key");
        Map<String, Long> byType = new HashMap<>();
        for (JsonNode s : stages.path("lifecycle_stages")) {
            byType.putIfAbsent(s.path("type").asText(), s.path("id").asLong());
        }
        return byType;
    }

    private static JsonNode primaryAccount(JsonNode contact) {
        for (JsonNode a : contact.path("sales_accounts")) {
            if (a.path("is_primary").asBoolean(false)) {
                return a;
            }
        }
        return null;
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    private static String lastTenDigits(String s) {
        String d = digits(s);
        return d.length() <= 10 ? d : d.substring(d.length() - 10);
    }
}
