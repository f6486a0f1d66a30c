package dev.ferry.mapper.mapping.spec;

import dev.ferry.contracts.SourceResource;

/**
 * A field that links to another source record, written as a {@code TypedRef} for the loader to bind.
 *
 * @param resource the referenced resource
 * @param from the source path holding the referenced id
 * @param shape how the reference sits in the target field
 * @param ifMissing what an empty source id does
 * @param ifUnknown what an id does that the source index does not know, or knows as deleted
 * @param optional the {@code TypedRef}'s flag: the loader drops the link instead of failing the record when the
 *     referenced record fails to load
 */
public record ReferenceRule(SourceResource resource, SourcePath from, Shape shape, IfMissing ifMissing,
        IfUnknown ifUnknown, boolean optional) {

    /** Where the reference sits. */
    public enum Shape {
        /** The field is the reference ({@code id} in the spec): {@code "parent_sales_account_id": {"ref": ...}}. */
        ID,
        /**
         * A contact's account list ({@code primary-account}):
         * {@code "sales_accounts": [{"id": {"ref": ...}, "is_primary": true}]}.
         */
        PRIMARY_ACCOUNT,
        /** A list of ids with this one in it ({@code id-list}): {@code "contacts_added_list": [{"ref": ...}]}. */
        ID_LIST,
        /**
         * The record writes onto the referenced record's own Freshsales record ({@code onto}; a billing record onto its
         * case's deal): the field, one of the mapping's identifier fields, gets the referenced source id, and the
         * command waits for that record's write ({@code LoadCommand.after}) so it can never create the record itself.
         */
        ONTO
    }

    /** What an empty source id does. */
    public enum IfMissing { REJECT, OMIT }

    /** What an unknown or deleted referenced record does. */
    public enum IfUnknown { REJECT, DROP }
}
