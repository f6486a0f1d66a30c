package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a custom-module definition's {@code key} can name the module's records: text, not blank, at most
 * {@link #MAX_LENGTH} characters, without {@code /} (it is a path segment of {@code custom-modules/{key}/records}
 * and the prefix of the records' composite ids, {@code {key}/{id}}) and without control characters.
 */
public final class UsableModuleKey {

    /** Fits the ledger's columns ({@code run_module.module_key}, {@code page_checkpoint.module_key}). */
    public static final int MAX_LENGTH = 100;

    private UsableModuleKey() {
    }

    /** The definition's key, or null when it has none that can be used. */
    public static String of(ObjectNode definition) {
        JsonNode key = definition.get("key");
        if (key == null || !key.isTextual()) {
            return null;
        }
        String text = key.asText();
        if (text.isBlank() || text.length() > MAX_LENGTH || text.indexOf('/') >= 0
                || text.chars().anyMatch(Character::isISOControl) || !text.equals(text.strip())) {
            return null;
        }
        return text;
    }
}
