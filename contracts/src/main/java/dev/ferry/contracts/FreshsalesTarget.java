package dev.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * Where a command writes in Freshsales: the API path under the prefix, the singular root key that wraps a record in
 * request and response bodies, and which idempotent write paths the API offers for it.
 */
public enum FreshsalesTarget {
    SALES_ACCOUNT("sales_accounts", "sales_account", true, true),
    CONTACT("contacts", "contact", true, true),
    /** Classic only: Freshsales Suite has no leads module (a Suite lead is a contact at a Lead lifecycle stage). */
    LEAD("leads", "lead", false, false),
    DEAL("deals", "deal", true, true),
    SALES_ACTIVITY("sales_activities", "sales_activity", false, false),
    APPOINTMENT("appointments", "appointment", false, false),
    TASK("tasks", "task", false, false),
    NOTE("notes", "note", false, false),
    PRODUCT("cpq/products", "product", false, false),
    DOCUMENT("documents", "document", false, false),
    /** Records of a custom module; the concrete entity name ({@code cm_*}) travels in the command. */
    CUSTOM_MODULE_RECORD("custom_module", null, false, false),
    /** Users are matched by e-mail, never created; commands never write them. */
    USER("users", "user", false, false),
    /** No Freshsales home: the record goes into a rebuild document for an admin (workflows, integrations). */
    REBUILD_DOCUMENT("rebuild-document", null, false, false);

    /**
     * What a custom module's entity name looks like ({@code cm_imaging_record}). The name goes into URL paths
     * ({@code /custom_module/{entity}}), so nothing else may pass for one.
     */
    private static final Pattern CUSTOM_MODULE_ENTITY = Pattern.compile("cm_[a-z0-9_]+");

    private final String path;
    private final String rootKey;
    private final boolean upsert;
    private final boolean bulkUpsert;

    FreshsalesTarget(String path, String rootKey, boolean upsert, boolean bulkUpsert) {
        this.path = path;
        this.rootKey = rootKey;
        this.upsert = upsert;
        this.bulkUpsert = bulkUpsert;
    }

    /** The collection path under the API prefix, and this target's JSON form. */
    @JsonValue
    public String path() {
        return path;
    }

    /** The key that wraps one record ({@code {"contact": {...}}}); for custom modules, the entity name. */
    public String rootKey(String customModuleEntity) {
        return this == CUSTOM_MODULE_RECORD ? customModuleEntity : rootKey;
    }

    /** Whether {@code POST /{path}/upsert} exists: writes are idempotent by a unique identifier. */
    public boolean supportsUpsert() {
        return upsert;
    }

    /**
     * The module name Freshsales' settings use for this target ({@code GET /settings/{module}/fields}), which is also
     * the key of its field definitions in {@link TargetMetadata#fields()}: the path, except products
     * ({@code cpq/products} → {@code products}).
     */
    public String settingsModule() {
        return this == PRODUCT ? "products" : path;
    }

    /**
     * Whether the loader can write a record of this target idempotently by a custom-field identifier
     * ({@code cf_dentes_id}): through an upsert, or, for products and custom-module records, by a create whose record a
     * search on that field finds again ({@code POST /cpq/products/filterize}, {@code POST /filtered_search/{entity}}),
     * so an answer lost after the create never makes a second one. Classic leads likewise ({@code POST /leads}, found by
     * {@code POST /filtered_search/lead}, reference 5.4 and 5.14; issue 10). Notes, tasks and activities have no custom
     * fields to search and need another way (issue 10).
     */
    public boolean idempotentByIdentifier() {
        return upsert || this == PRODUCT || this == CUSTOM_MODULE_RECORD || this == LEAD;
    }

    /**
     * Whether the loader finds a record of this target again by listing its parent's records of this kind (a contact's
     * or a deal's sales activities, tasks, notes: one listing per parent) and matching the record's own marker in it:
     * {@code custom_field.cf_dentes_id} where the target has custom fields (sales activities, tasks), the first line
     * of the text where it has none (notes: {@link #NOTE_MARKER_KEY}). Such a record is created behind a write-ahead
     * intent, and a lost answer is resolved by that listing before anything is sent again (issue 10). Documents are
     * found the same way in their parent's {@code document_associations}, by their exact file name
     * ({@link #DOCUMENT_MARKER_KEY}), which carries the source attachment's id.
     */
    public boolean foundInParentListing() {
        return this == SALES_ACTIVITY || this == TASK || this == NOTE || this == DOCUMENT;
    }

    /**
     * The identifier key of a record found again by the first line of its text (a note has no custom fields): the
     * identifier's value is that first line, exactly.
     */
    public static final String NOTE_MARKER_KEY = "first_line";

    /**
     * The identifier key of a document (issue 10): its value is the document's {@code file_name} exactly, which names
     * the source attachment ({@code [Dr.DENTES attachments A-1] xray.png}), so a document is found again by the
     * {@code name} its parent's {@code document_associations} list.
     */
    public static final String DOCUMENT_MARKER_KEY = "file_name";

    /** Whether {@code name} is a custom module's entity name ({@code cm_} and lower-case letters, digits, {@code _}). */
    public static boolean isCustomModuleEntity(String name) {
        return name != null && CUSTOM_MODULE_ENTITY.matcher(name).matches();
    }

    /** Whether {@code POST /{path}/bulk_upsert} exists (asynchronous, up to 100 items). */
    public boolean supportsBulkUpsert() {
        return bulkUpsert;
    }

    @JsonCreator
    public static FreshsalesTarget fromPath(String path) {
        for (FreshsalesTarget t : values()) {
            if (t.path.equals(path) || t.name().equals(path)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown Freshsales target: " + path);
    }
}
