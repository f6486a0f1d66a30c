package dev.ferry.sim.freshsales.model;

/** How a system (non-cf_) field is validated, normalised and stored. */
public enum FieldKind {
    TEXT, NUMBER, INTEGER, BOOLEAN, DATE, DATETIME,
    /** Any JSON array, stored as given. */
    ARRAY,
    /** Any JSON object, stored as given. */
    OBJECT,
    /** List of strings; a comma-separated string is accepted too. */
    TAGS,
    /** Semicolon-joined multi-select string. */
    MULTI_SELECT,
    /** A user id from /selector/owners. */
    USER,
    /** An id from the selector named in {@link SystemField#ref()}. */
    SELECTOR,
    /** A numeric id that is not checked (task_type_id: no selector is known). */
    LONG,
    /** Contacts: a single e-mail string (sets the primary address). */
    EMAIL,
    /** Contacts: emails as a string, a list of strings, or a list of {value, is_primary, label, _destroy, id}. */
    EMAILS,
    /** Contacts: [{id, is_primary}]. */
    SALES_ACCOUNTS,
    /** An existing sales account id (deals, legacy contact link). */
    ACCOUNT,
    /** Accounts: parent account id, no cycles. */
    PARENT_ACCOUNT,
    PIPELINE, STAGE,
    /** Deals: contact ids to add / remove. */
    CONTACTS_ADD, CONTACTS_REMOVE,
    /** Deals: [{id, quantity, unit_price}]. */
    PRODUCTS,
    /** Contact, SalesAccount, Deal (and Product for documents, Lead in Classic). */
    TARGET_TYPE, TARGET_ID,
    /** Tasks: 0 open, 1 completed. */
    TASK_STATUS
}
