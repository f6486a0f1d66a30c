package dev.ferry.extractor.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts what one rule flags and keeps the first ids (capped), plus counts by detail. */
final class FindingBuilder {

    final String rule;
    final String resource;
    final String field;
    final String description;
    private final int cap;
    private long count;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Long> breakdown = new TreeMap<>();

    FindingBuilder(String rule, String resource, String field, String description, int cap) {
        this.rule = rule;
        this.resource = resource;
        this.field = field;
        this.description = description;
        this.cap = cap;
    }

    void flag(String id) {
        count++;
        if (ids.size() < cap) {
            ids.add(id);
        }
    }

    void flag(String id, String detail) {
        flag(id);
        breakdown.merge(detail, 1L, Long::sum);
    }

    long count() {
        return count;
    }

    DiscoveryReport.Finding build() {
        return new DiscoveryReport.Finding(rule, resource, field, description, count, List.copyOf(ids), null, null,
                breakdown.isEmpty() ? null : Map.copyOf(breakdown));
    }
}
