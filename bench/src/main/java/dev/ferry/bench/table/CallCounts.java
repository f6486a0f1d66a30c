package dev.ferry.bench.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Freshsales sandbox's own counts turned into the table's rows: its request summary's {@code byObject} (calls per
 * object and endpoint) and its state before and after the run (records written per object).
 */
public final class CallCounts {

    /** {@code byObject} keys that are no migrated object (see the sandbox's {@code http.CallObject}). */
    static final Set<String> NOT_OBJECTS = Set.of("metadata", "unmatched", "unknown-job", "lookup", "search");

    private CallCounts() {
    }

    /** Live (not deleted) records per module of a {@code GET /_sim/state} dump. */
    public static Map<String, Long> liveRecords(JsonNode state) {
        Map<String, Long> live = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> module = it.next();
            if (!module.getValue().isArray()) {
                continue;
            }
            long n = 0;
            for (JsonNode r : module.getValue()) {
                if (!r.path("is_deleted").asBoolean(false)) {
                    n++;
                }
            }
            live.put(module.getKey(), n);
        }
        return live;
    }

    /** One row per object that was called or written: records written (after − before) and calls by kind. */
    public static List<ObjectCalls> objects(JsonNode summary, Map<String, Long> before, Map<String, Long> after) {
        Set<String> names = new TreeSet<>();
        summary.path("byObject").fieldNames().forEachRemaining(names::add);
        after.forEach((k, v) -> {
            if (v - before.getOrDefault(k, 0L) != 0) {
                names.add(k);
            }
        });
        names.removeAll(NOT_OBJECTS);
        return names.stream().map(name -> {
            Map<EndpointKind, Long> calls = new EnumMap<>(EndpointKind.class);
            JsonNode eps = summary.path("byObject").path(name).path("byEndpoint");
            for (Iterator<Map.Entry<String, JsonNode>> it = eps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                calls.merge(EndpointKind.of(e.getKey()), e.getValue().path("total").asLong(), Long::sum);
            }
            long records = Math.max(0, after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L));
            return new ObjectCalls(name, records, calls);
        }).toList();
    }

    /** Calls that concern no migrated object, by what they concern. */
    public static Map<String, Long> other(JsonNode summary) {
        Map<String, Long> other = new TreeMap<>();
        for (String k : NOT_OBJECTS) {
            long n = summary.path("byObject").path(k).path("total").asLong(0);
            if (n > 0) {
                other.put(k, n);
            }
        }
        return other;
    }
}
