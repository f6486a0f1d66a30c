package dev.ferry.extractor.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records that share a key (the same person twice, one e-mail for a family), found in one pass with bounded memory:
 * per distinct key a 64-bit hash and a reference to the first record's id in the {@link IdArena} (≤ 24 bytes a key
 * plus the id); the members of the first {@code maxGroups} groups (up to {@code maxIdsPerGroup} each) are kept as
 * strings, every further group only counted.
 */
final class KeyGroups {

    private final String rule;
    private final String resource;
    private final String field;
    private final String description;
    private final IdArena arena;
    private final int maxGroups;
    private final int maxIdsPerGroup;
    /** Key hash → the first record's arena reference (≥ 0), or -1 once the key is a group. */
    private final LongIntMap firstOf = new LongIntMap();
    private final Map<Long, List<String>> listed = new LinkedHashMap<>();
    private long groups;
    private long members;

    KeyGroups(String rule, String resource, String field, String description, IdArena arena, int maxGroups,
            int maxIdsPerGroup) {
        this.rule = rule;
        this.resource = resource;
        this.field = field;
        this.description = description;
        this.arena = arena;
        this.maxGroups = maxGroups;
        this.maxIdsPerGroup = maxIdsPerGroup;
    }

    /** A record with this key; {@code idRef} is its id in the arena. */
    void add(long keyHash, int idRef) {
        int first = firstOf.get(keyHash);
        if (first == LongIntMap.ABSENT) {
            firstOf.put(keyHash, idRef);
            return;
        }
        if (first >= 0) {
            groups++;
            members += 2;
            firstOf.put(keyHash, -1);
            if (listed.size() < maxGroups) {
                List<String> ids = new ArrayList<>();
                ids.add(arena.get(first));
                ids.add(arena.get(idRef));
                listed.put(keyHash, ids);
            }
            return;
        }
        members++;
        List<String> ids = listed.get(keyHash);
        if (ids != null && ids.size() < maxIdsPerGroup) {
            ids.add(arena.get(idRef));
        }
    }

    long bytes() {
        return firstOf.bytes();
    }

    DiscoveryReport.Finding build(int idsCap) {
        List<String> ids = new ArrayList<>();
        for (List<String> g : listed.values()) {
            for (String id : g) {
                if (ids.size() < idsCap) {
                    ids.add(id);
                }
            }
        }
        List<List<String>> groupList = listed.values().stream().map(List::copyOf).toList();
        return new DiscoveryReport.Finding(rule, resource, field, description, members, List.copyOf(ids), groups,
                groupList, null);
    }
}
