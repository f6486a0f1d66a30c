package dev.ferry.sim.dentes.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests served per resource and HTTP status. */
@ApplicationScoped
public class RequestStats {

    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

    public void record(String resource, int status) {
        counts.computeIfAbsent(resource, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** resource -> status -> count, sorted for stable output. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((resource, byStatus) -> {
            Map<String, Long> m = new TreeMap<>();
            byStatus.forEach((status, n) -> m.put(String.valueOf(status), n.sum()));
            out.put(resource, m);
        });
        return out;
    }

    public void clear() {
        counts.clear();
    }
}
