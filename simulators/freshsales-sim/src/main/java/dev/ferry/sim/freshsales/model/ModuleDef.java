package dev.ferry.sim.freshsales.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox knows about one module.
 *
 * @param name           plural API name (path segment, list root key, state key)
 * @param root           singular root key of single-record bodies
 * @param path           path under the API prefix, e.g. "/contacts", "/cpq/products", "/custom_module/cm_x"
 * @param targetableType value of targetable_type that points at this module, or null
 * @param searchEntity   entity name in lookup / filtered_search, or null
 * @param code           small code stored as a child's parent type
 * @param core           has views, filters, forget, bulk_destroy and soft delete
 * @param upsert         has upsert and bulk_upsert
 * @param softDelete     DELETE moves to the recycle bin (otherwise the record is removed)
 * @param classicOnly    exists only in Classic mode
 * @param recordTypeId   value of record_type_id (a string, as the real service sends it), or null
 * @param fields         system fields in response order
 * @param thinFields     fields a filtered_search hit carries
 * @param listRoot       root key of list responses
 */
public record ModuleDef(String name, String root, String path, String targetableType, String searchEntity, byte code,
                        boolean core, boolean upsert, boolean softDelete, boolean classicOnly, String recordTypeId,
                        Map<String, SystemField> fields, List<String> thinFields, String listRoot) {

    public static Map<String, SystemField> fieldMap(SystemField... fields) {
        Map<String, SystemField> m = new LinkedHashMap<>();
        for (SystemField f : fields) {
            m.put(f.name(), f);
        }
        return m;
    }

    public boolean isCustomModule() {
        return name.startsWith("cm_");
    }

    public boolean isChild() {
        return fields.containsKey("targetable_id");
    }
}
