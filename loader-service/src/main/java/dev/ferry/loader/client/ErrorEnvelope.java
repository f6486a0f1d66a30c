package dev.ferry.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Freshsales' error envelope {@code {"errors": {"code": 400, "message": ["..."]}}}. Messages are localised to
 * the API user's language, so nothing keys on their text: they are carried to the outcome as the server sent them.
 * Bodies that are not the envelope (a gateway's HTML page, a bare string) yield no messages.
 */
public final class ErrorEnvelope {

    private ErrorEnvelope() {
    }

    public static List<String> messages(byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        JsonNode root;
        try {
            root = FerryJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            return List.of();
        }
        return messages(root);
    }

    public static List<String> messages(JsonNode root) {
        if (root == null) {
            return List.of();
        }
        JsonNode errors = root.path("errors");
        JsonNode message = errors.isObject() ? errors.path("message") : errors;
        List<String> out = new ArrayList<>();
        if (message.isArray()) {
            for (JsonNode m : message) {
                if (m.isValueNode() && !m.isNull()) {
                    out.add(m.asText());
                }
            }
        } else if (message.isTextual()) {
            out.add(message.asText());
        }
        return List.copyOf(out);
    }
}
