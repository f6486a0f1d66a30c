package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API calls per endpoint ("METHOD /prefix/path/{template}") and per status, for benchmarks that count calls,
 * and the same per Freshsales object the call concerned ({@code byObject}: the endpoint template alone does not say
 * which object a lookup or a job poll was for; see {@code http.CallObject}). 401s, 404s and 429s are counted like
 * any other call; a lost response counts under its would-be status and under "dropped". /_sim calls are never counted.
 */
@ApplicationScoped
public class RequestSummary {

    private final Map<String, Map<Integer, LongAdder>> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<Integer, LongAdder>>> byObject = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

    /** One call to {@code endpoint} concerning {@code object} (a plural module name), answered {@code status}. */
    public void record(String endpoint, String object, int status) {
        byEndpoint.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
        byObject.computeIfAbsent(object, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** Counts an injected fault: serverError, latency, dropped, bulkUpsert405, shortPage. */
    public void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void clear() {
        byEndpoint.clear();
        byObject.clear();
        faults.clear();
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode endpoints = JsonNodeFactory.instance.objectNode();
        Map<Integer, Long> statuses = new TreeMap<>();
        long total = endpoints(byEndpoint, endpoints, statuses);
        out.put("total", total);
        ObjectNode bs = out.putObject("byStatus");
        statuses.forEach((k, v) -> bs.put(String.valueOf(k), v));
        out.put("rateLimited", statuses.getOrDefault(429, 0L));
        out.set("byEndpoint", endpoints);
        ObjectNode objects = out.putObject("byObject");
        for (Map.Entry<String, Map<String, Map<Integer, LongAdder>>> o : new TreeMap<>(byObject).entrySet()) {
            ObjectNode one = objects.putObject(o.getKey());
            ObjectNode eps = JsonNodeFactory.instance.objectNode();
            one.put("total", endpoints(o.getValue(), eps, new TreeMap<>()));
            one.set("byEndpoint", eps);
        }
        ObjectNode f = out.putObject("faults");
        new TreeMap<>(faults).forEach((k, v) -> f.put(k, v.sum()));
        return out;
    }

    /** Writes {@code {endpoint: {total, byStatus}}} into {@code into}, adds to {@code statuses}, returns the total. */
    private static long endpoints(Map<String, Map<Integer, LongAdder>> counts, ObjectNode into,
            Map<Integer, Long> statuses) {
        long total = 0;
        for (Map.Entry<String, Map<Integer, LongAdder>> e : new TreeMap<>(counts).entrySet()) {
            ObjectNode ep = into.putObject(e.getKey());
            ObjectNode bs = JsonNodeFactory.instance.objectNode();
            long epTotal = 0;
            for (Map.Entry<Integer, LongAdder> s : new TreeMap<>(e.getValue()).entrySet()) {
                long n = s.getValue().sum();
                bs.put(String.valueOf(s.getKey()), n);
                statuses.merge(s.getKey(), n, Long::sum);
                epTotal += n;
            }
            ep.put("total", epTotal);
            ep.set("byStatus", bs);
            total += epTotal;
        }
        return total;
    }
}
