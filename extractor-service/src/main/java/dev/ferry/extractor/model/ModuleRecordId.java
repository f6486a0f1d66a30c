package dev.ferry.extractor.model;

/**
 * The Ferry identity of a custom-module record: {@code {moduleKey}/{id}}. The tenant's record ids are opaque and not
 * unique across modules (two modules may both have a record {@code "1"}), so the id alone would let one module's
 * record overwrite another's on the raw topic (same Kafka key) and in the manifest. Module keys hold no {@code /}
 * ({@code UsableModuleKey}), so the first {@code /} always ends the key.
 */
public final class ModuleRecordId {

    public static final char SEPARATOR = '/';

    private ModuleRecordId() {
    }

    /** {@code {moduleKey}/{id}}. */
    public static String of(String moduleKey, String id) {
        return prefix(moduleKey) + id;
    }

    /** What every composite id of the module starts with: {@code {moduleKey}/}. */
    public static String prefix(String moduleKey) {
        return moduleKey + SEPARATOR;
    }
}
