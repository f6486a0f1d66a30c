package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API calls per endpoint ("METHOD /prefix/path/{template}") and per status, for benchmarks that count calls.
 * 401s, 404s and 429s are counted like any other call; a lost response counts under its would-be status and
 * under "dropped". /_sim calls are never counted.
 */
@ApplicationScoped
public class RequestSummary {

    private final Map<String, Map<Integer, LongAdder>> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

    public void record(String endpoint, int status) {
        byEndpoint.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** Counts an injected fault: serverError, latency, dropped, bulkUpsert405, shortPage. */
    public void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void clear() {
        byEndpoint.clear();
        faults.clear();
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode endpoints = JsonNodeFactory.instance.objectNode();
        Map<Integer, Long> statuses = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Map<Integer, LongAdder>> e : new TreeMap<>(byEndpoint).entrySet()) {
            ObjectNode ep = endpoints.putObject(e.getKey());
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
        out.put("total", total);
        ObjectNode bs = out.putObject("byStatus");
        statuses.forEach((k, v) -> bs.put(String.valueOf(k), v));
        out.put("rateLimited", statuses.getOrDefault(429, 0L));
        out.set("byEndpoint", endpoints);
        ObjectNode f = out.putObject("faults");
        new TreeMap<>(faults).forEach((k, v) -> f.put(k, v.sum()));
        return out;
    }
}
