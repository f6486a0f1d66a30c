package dev.ferry.sim.dentes.datagen.model;

import java.util.List;
import java.util.Optional;

/**
 * Names of the resources and of the files of a dataset folder, as fixed by the Dr.DENTES source contract.
 *
 * <p>Custom-module records are addressed as {@code custom-modules/{key}/records} (their API path, also used as the
 * resource name in the manifest) and stored as {@code custom-modules.{key}.records.jsonl}.
 */
public final class DatasetLayout {

    public static final String MANIFEST = "manifest.json";
    public static final String ATTACHMENTS_DIR = "attachments";
    public static final String JSONL = ".jsonl";
    public static final String CUSTOM_MODULES = "custom-modules";

    /** The resources served at {@code /api/v1/{resource}}, in the contract's order. */
    public static final List<String> TOP_LEVEL_RESOURCES = List.of(
            "practitioners", "clinics", "patients", "treatment-cases", "appointments", "clinical-notes", "recalls",
            "billing-records", "products", CUSTOM_MODULES, "attachments", "workflows", "integrations");

    private DatasetLayout() {
    }

    public static String moduleRecordsResource(String moduleKey) {
        return CUSTOM_MODULES + "/" + moduleKey + "/records";
    }

    /** The module key of a {@code custom-modules/{key}/records} resource name, if it is one. */
    public static Optional<String> moduleKeyOf(String resource) {
        String prefix = CUSTOM_MODULES + "/";
        if (resource.startsWith(prefix) && resource.endsWith("/records")) {
            String key = resource.substring(prefix.length(), resource.length() - "/records".length());
            if (!key.isEmpty() && !key.contains("/")) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    public static String fileName(String resource) {
        return resource.replace('/', '.') + JSONL;
    }

    /** The resource a dataset file holds, or empty if the file is not a resource file. */
    public static Optional<String> resourceOfFile(String fileName) {
        if (!fileName.endsWith(JSONL)) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - JSONL.length());
        if (TOP_LEVEL_RESOURCES.contains(stem)) {
            return Optional.of(stem);
        }
        String prefix = CUSTOM_MODULES + ".";
        String suffix = ".records";
        if (stem.startsWith(prefix) && stem.endsWith(suffix) && stem.length() > prefix.length() + suffix.length()) {
            String key = stem.substring(prefix.length(), stem.length() - suffix.length());
            if (!key.contains("/")) {
                return Optional.of(moduleRecordsResource(key));
            }
        }
        return Optional.empty();
    }
}
