package dev.ferry.sim.freshsales.model;

import static dev.ferry.sim.freshsales.model.FieldKind.*;
import static dev.ferry.sim.freshsales.model.SystemField.input;
import static dev.ferry.sim.freshsales.model.SystemField.of;
import static dev.ferry.sim.freshsales.model.SystemField.sel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in modules (field sets from reference §5) plus the custom modules of the field catalog. */
public final class ModuleCatalog {

    public static final ModuleDef CONTACTS = new ModuleDef("contacts", "contact", "/contacts", "Contact", "contact", (byte) 1,
            true, true, true, false, "71010794470", ModuleDef.fieldMap(
            of("first_name", TEXT), of("last_name", TEXT), of("job_title", TEXT), of("email", EMAIL), of("emails", EMAILS),
            of("work_number", TEXT), of("mobile_number", TEXT), of("phone_numbers", ARRAY), of("address", TEXT), of("city", TEXT),
            of("state", TEXT), of("zipcode", TEXT), of("country", TEXT), of("time_zone", TEXT), of("locale", TEXT),
            of("external_id", TEXT), of("owner_id", USER), sel("territory_id", "territories"), sel("lead_source_id", "lead_sources"),
            sel("campaign_id", "campaigns"), of("medium", TEXT), of("keyword", TEXT), sel("contact_status_id", "contact_statuses"),
            sel("lifecycle_stage_id", "lifecycle_stages"), of("subscription_status", TEXT), of("subscription_types", MULTI_SELECT),
            input("sales_accounts", FieldKind.SALES_ACCOUNTS), input("sales_account_id", ACCOUNT), of("facebook", TEXT), of("twitter", TEXT),
            of("linkedin", TEXT), of("tags", TAGS)),
            List.of("id", "first_name", "last_name", "display_name", "email", "mobile_number", "work_number", "owner_id",
                    "updated_at", "created_at"), "contacts");

    public static final ModuleDef SALES_ACCOUNTS = new ModuleDef("sales_accounts", "sales_account", "/sales_accounts",
            "SalesAccount", "sales_account", (byte) 2, true, true, true, false, "71010794471", ModuleDef.fieldMap(
            of("name", TEXT), of("address", TEXT), of("city", TEXT), of("state", TEXT), of("zipcode", TEXT), of("country", TEXT),
            sel("industry_type_id", "industry_types"), sel("business_type_id", "business_types"), of("number_of_employees", INTEGER),
            of("annual_revenue", NUMBER), of("website", TEXT), of("phone", TEXT), of("owner_id", USER),
            sel("territory_id", "territories"), of("parent_sales_account_id", PARENT_ACCOUNT), of("facebook", TEXT),
            of("twitter", TEXT), of("linkedin", TEXT), of("tags", TAGS)),
            List.of("id", "name", "website", "phone", "city", "owner_id", "updated_at", "created_at"), "sales_accounts");

    public static final ModuleDef DEALS = new ModuleDef("deals", "deal", "/deals", "Deal", "deal", (byte) 3,
            true, true, true, false, "71010794472", ModuleDef.fieldMap(
            of("name", TEXT), of("amount", NUMBER), sel("currency_id", "currencies"), of("sales_account_id", ACCOUNT),
            of("deal_pipeline_id", PIPELINE), of("deal_stage_id", STAGE), sel("deal_reason_id", "deal_reasons"),
            sel("deal_type_id", "deal_types"), sel("deal_payment_status_id", "deal_payment_statuses"), of("owner_id", USER),
            of("expected_close", DATE), of("closed_date", DATE), sel("lead_source_id", "lead_sources"),
            sel("campaign_id", "campaigns"), of("probability", NUMBER), sel("territory_id", "territories"), of("tags", TAGS),
            input("contacts_added_list", CONTACTS_ADD), input("contacts_removed_list", CONTACTS_REMOVE),
            input("products", FieldKind.PRODUCTS)),
            List.of("id", "name", "amount", "sales_account_id", "expected_close", "updated_at", "created_at"), "deals");

    public static final ModuleDef LEADS = new ModuleDef("leads", "lead", "/leads", "Lead", "lead", (byte) 4,
            true, false, true, true, null, ModuleDef.fieldMap(
            of("first_name", TEXT), of("last_name", TEXT), of("job_title", TEXT), of("email", TEXT), of("mobile_number", TEXT),
            of("work_number", TEXT), of("address", TEXT), of("city", TEXT), of("country", TEXT), of("company", OBJECT),
            of("owner_id", USER), sel("lead_source_id", "lead_sources"), sel("campaign_id", "campaigns"), of("tags", TAGS)),
            List.of("id", "first_name", "last_name", "display_name", "email", "mobile_number", "owner_id", "updated_at",
                    "created_at"), "leads");

    public static final ModuleDef SALES_ACTIVITIES = new ModuleDef("sales_activities", "sales_activity", "/sales_activities",
            null, null, (byte) 5, false, false, false, false, null, ModuleDef.fieldMap(
            of("title", TEXT), of("notes", TEXT), sel("sales_activity_type_id", "sales_activity_types"),
            sel("sales_activity_outcome_id", "sales_activity_outcomes"), of("start_date", DATETIME), of("end_date", DATETIME),
            of("owner_id", USER), of("targetable_type", TARGET_TYPE), of("targetable_id", TARGET_ID), of("location", TEXT),
            of("latitude", NUMBER), of("longitude", NUMBER)),
            List.of(), "sales_activities");

    public static final ModuleDef APPOINTMENTS = new ModuleDef("appointments", "appointment", "/appointments", null, null,
            (byte) 6, false, false, false, false, null, ModuleDef.fieldMap(
            of("title", TEXT), of("description", TEXT), of("from_date", DATETIME), of("end_date", DATETIME),
            of("time_zone", TEXT), of("is_allday", BOOLEAN), of("location", TEXT), of("targetable_type", TARGET_TYPE),
            of("targetable_id", TARGET_ID), sel("outcome_id", "sales_activity_outcomes"),
            of("appointment_attendees_attributes", ARRAY)),
            List.of(), "appointments");

    public static final ModuleDef TASKS = new ModuleDef("tasks", "task", "/tasks", null, null, (byte) 7,
            false, false, false, false, null, ModuleDef.fieldMap(
            of("title", TEXT), of("description", TEXT), of("due_date", DATETIME), of("owner_id", USER),
            of("targetable_type", TARGET_TYPE), of("targetable_id", TARGET_ID), of("task_type_id", LONG), of("outcome_id", LONG),
            of("status", TASK_STATUS), of("task_users_attributes", ARRAY)),
            List.of(), "tasks");

    public static final ModuleDef NOTES = new ModuleDef("notes", "note", "/notes", null, null, (byte) 8,
            false, false, false, false, null, ModuleDef.fieldMap(
            of("description", TEXT), of("targetable_type", TARGET_TYPE), of("targetable_id", TARGET_ID)),
            List.of(), "notes");

    public static final ModuleDef PRODUCTS = new ModuleDef("products", "product", "/cpq/products", "Product", null, (byte) 9,
            false, false, true, false, null, ModuleDef.fieldMap(
            of("name", TEXT), of("description", TEXT), of("product_code", TEXT), of("sku_number", TEXT), of("category", TEXT),
            of("owner_id", USER), of("is_active", BOOLEAN), of("pricing_type", INTEGER), of("valid_till", DATE),
            of("product_pricings", ARRAY)),
            List.of(), "products");

    public static final ModuleDef DOCUMENTS = new ModuleDef("documents", "document", "/documents", null, null, (byte) 10,
            false, false, false, false, null, ModuleDef.fieldMap(
            of("name", TEXT), of("url", TEXT), of("is_shared", BOOLEAN), of("content_file_size", INTEGER),
            of("content_content_type", TEXT), of("content_sha256", TEXT), of("is_link", BOOLEAN),
            of("targetable_type", TARGET_TYPE), of("targetable_id", TARGET_ID)),
            List.of(), "documents");

    public static final List<ModuleDef> BUILT_IN = List.of(CONTACTS, SALES_ACCOUNTS, DEALS, LEADS, SALES_ACTIVITIES,
            APPOINTMENTS, TASKS, NOTES, PRODUCTS, DOCUMENTS);

    private final Map<String, ModuleDef> byName;

    public ModuleCatalog(FieldCatalog fields) {
        Map<String, ModuleDef> m = new LinkedHashMap<>();
        for (ModuleDef d : BUILT_IN) {
            m.put(d.name(), d);
        }
        byte code = 20;
        for (FieldCatalog.CustomModule cm : fields.customModules()) {
            m.put(cm.entityName(), new ModuleDef(cm.entityName(), cm.entityName(), "/custom_module/" + cm.entityName(), null,
                    cm.entityName(), code++, true, false, true, false, String.valueOf(cm.id()),
                    ModuleDef.fieldMap(of("name", TEXT), of("owner_id", USER), of("tags", TAGS)),
                    List.of("id", "name", "owner_id", "updated_at", "created_at"), cm.entityName()));
        }
        this.byName = m;
    }

    public ModuleDef get(String name) {
        return byName.get(name);
    }

    public Iterable<ModuleDef> all() {
        return byName.values();
    }

    public ModuleDef byTargetableType(String type) {
        for (ModuleDef d : byName.values()) {
            if (type.equals(d.targetableType())) {
                return d;
            }
        }
        return null;
    }

    public ModuleDef bySearchEntity(String entity) {
        for (ModuleDef d : byName.values()) {
            if (entity.equals(d.searchEntity())) {
                return d;
            }
        }
        return null;
    }

    public ModuleDef byCode(byte code) {
        for (ModuleDef d : byName.values()) {
            if (d.code() == code) {
                return d;
            }
        }
        return null;
    }
}
