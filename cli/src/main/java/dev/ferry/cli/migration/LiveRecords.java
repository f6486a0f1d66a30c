package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live records of a Freshsales sandbox export ({@code /_sim/state}) as {@code <module>/<id>}: what a rollback must
 * bring back. Records in the recycle bin ({@code is_deleted}) are not live: Freshsales keeps deleted contacts,
 * accounts, deals and products there for 90 days.
 */
public final class LiveRecords {

    private LiveRecords() {
    }

    public static Set<String> of(JsonNode state) {
        return byKey(state).keySet();
    }

    /** Each live record by {@code <module>/<id>}, in key order. */
    public static Map<String, JsonNode> byKey(JsonNode state) {
        Map<String, JsonNode> live = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> module = it.next();
            if (!module.getValue().isArray()) {
                continue;
            }
            for (JsonNode r : module.getValue()) {
                if (!r.path("is_deleted").asBoolean(false)) {
                    live.put(module.getKey() + "/" + r.path("id").asText(), r);
                }
            }
        }
        return live;
    }
}
