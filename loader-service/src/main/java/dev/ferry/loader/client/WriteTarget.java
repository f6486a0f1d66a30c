package dev.ferry.loader.client;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;

/**
 * Where one write goes: a Freshsales target and, for custom-module records, the module's entity name. A target alone
 * is not enough for {@link FreshsalesTarget#CUSTOM_MODULE_RECORD}: its path ({@code custom_module/cm_imaging_record}),
 * root key, search entity and list root all come from the entity, so everything that addresses a record (client calls,
 * the id ledger, the intent sweeper, batching) carries this instead of the bare target.
 *
 * <p>The ledger stores {@link #path()}; {@link #parse} reads it back, so the entity needs no column of its own.
 *
 * @param target the Freshsales target
 * @param entity the {@code cm_*} entity name for custom-module records (null when the command named no valid one:
 *     such a command is refused before any call); always null for other targets
 */
public record WriteTarget(FreshsalesTarget target, String entity) {

    private static final String CM = FreshsalesTarget.CUSTOM_MODULE_RECORD.path();

    public WriteTarget {
        if (target != FreshsalesTarget.CUSTOM_MODULE_RECORD || !FreshsalesTarget.isCustomModuleEntity(entity)) {
            // Anything else is dropped, never kept: the entity becomes part of URL paths.
            entity = null;
        }
    }

    public static WriteTarget of(FreshsalesTarget target) {
        return new WriteTarget(target, null);
    }

    /** The command's target and entity (an invalid entity is kept as none; the command is refused for it). */
    public static WriteTarget of(LoadCommand c) {
        return new WriteTarget(c.target(), c.customModuleEntity());
    }

    /** Reads what {@link #path()} wrote (also a bare target path, as the ledger held before custom modules). */
    public static WriteTarget parse(String stored) {
        if (stored.startsWith(CM + "/")) {
            return new WriteTarget(FreshsalesTarget.CUSTOM_MODULE_RECORD, stored.substring(CM.length() + 1));
        }
        return of(FreshsalesTarget.fromPath(stored));
    }

    /** Whether a write can be addressed at all: every target but a custom-module record without a valid entity. */
    public boolean addressable() {
        return target != FreshsalesTarget.CUSTOM_MODULE_RECORD || entity != null;
    }

    /**
     * The collection path under the API prefix ({@code contacts}, {@code cpq/products},
     * {@code custom_module/cm_imaging_record}); also this write's name in the ledger, in batch groups and in the
     * payload hash.
     */
    public String path() {
        return entity == null ? target.path() : CM + "/" + entity;
    }

    /** The key that wraps one record in request and response bodies ({@code contact}, {@code cm_imaging_record}). */
    public String rootKey() {
        return target.rootKey(entity);
    }

    /**
     * The entity name of {@code POST /filtered_search/{entity}} and {@code /lookup?entities=}: the root key
     * ({@code contact}, {@code cm_imaging_record}).
     */
    public String searchEntity() {
        return rootKey();
    }

    /**
     * The key of the list in search answers: {@code {"contacts": [...]}}, {@code {"products": [...]}} (filterize),
     * {@code {"cm_imaging_record": [...]}} (a custom module's filtered search answers under its entity name).
     */
    public String listRoot() {
        if (target == FreshsalesTarget.PRODUCT) {
            return "products";
        }
        return entity != null ? entity : target.path();
    }

    /**
     * Whether {@code GET /lookup} can find this target's records: contacts, accounts and deals (its {@code entities}
     * are {@code contact,sales_account,deal}, reference 5.14). Products, custom modules and Classic leads are found
     * with their search ({@code filterize}, {@code filtered_search/{entity}}, {@code filtered_search/lead}) instead.
     */
    public boolean hasLookup() {
        return target != FreshsalesTarget.PRODUCT && target != FreshsalesTarget.CUSTOM_MODULE_RECORD
                && target != FreshsalesTarget.LEAD;
    }

    public boolean supportsUpsert() {
        return target.supportsUpsert();
    }

    public boolean supportsBulkUpsert() {
        return target.supportsBulkUpsert();
    }

    /** The path, or fails when there is none to address (a custom-module record without a valid entity). */
    String requirePath() {
        if (!addressable()) {
            throw new IllegalStateException("a custom-module record needs a valid cm_* entity name to be addressed");
        }
        return path();
    }

    @Override
    public String toString() {
        return path();
    }
}
