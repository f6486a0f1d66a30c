package dev.ferry.extractor.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the tenant serves one custom module's records: a path template with a {@code {key}} placeholder, by default
 * the contract's {@code custom-modules/{key}/records} ({@code ferry.extractor.dentes.paths.custom-module-records}).
 */
public final class ModuleRecordsPath {

    public static final String PLACEHOLDER = "{key}";
    public static final String DEFAULT_TEMPLATE = "custom-modules/" + PLACEHOLDER + "/records";

    private ModuleRecordsPath() {
    }

    /** Refuses a template without the placeholder: every module would be read from the same path. */
    public static String validate(String template, String where) {
        if (template == null || !template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException(where + " must contain " + PLACEHOLDER
                    + " (where the module key goes), e.g. " + DEFAULT_TEMPLATE);
        }
        return template;
    }

    /** The path of one module's records, the key encoded as a URL path segment. */
    public static String of(String template, String moduleKey) {
        String segment = URLEncoder.encode(moduleKey, StandardCharsets.UTF_8).replace("+", "%20");
        return validate(template, "the custom-module records path").replace(PLACEHOLDER, segment);
    }
}
