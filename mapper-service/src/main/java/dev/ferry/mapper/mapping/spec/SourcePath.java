package dev.ferry.mapper.mapping.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/** A dotted path into a source record ({@code address.city}), read as a JSON Pointer. */
public record SourcePath(String dotted, JsonPointer pointer) {

    public static SourcePath of(String dotted) {
        if (dotted == null || dotted.isBlank() || dotted.startsWith(".") || dotted.endsWith(".") || dotted.contains("..")) {
            throw new IllegalArgumentException("'" + dotted + "' is not a dotted source path such as address.city");
        }
        return new SourcePath(dotted, JsonPointer.compile("/" + dotted.replace("~", "~0").replace("/", "~1")
                .replace('.', '/')));
    }

    /** The value at the path, or null when absent or JSON null. */
    public JsonNode read(JsonNode record) {
        JsonNode v = record.at(pointer);
        return v.isMissingNode() || v.isNull() ? null : v;
    }

    /** The value as text, null when absent, null, blank or not a scalar. */
    public String readText(JsonNode record) {
        JsonNode v = read(record);
        if (v == null || !v.isValueNode()) {
            return null;
        }
        String s = dev.ferry.sourcetext.TextKeys.strip(v.asText());
        return s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return dotted;
    }
}
