package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.PrimaryEmail;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.WriteTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds records in Freshsales by their upsert identifier: how open intents are resolved, how bulk-written records get
 * their ids, and how an account that existed before Ferry is recognised.
 *
 * <p>Cost matters (every call is budget): identifiers that filtered-search hits carry (an account's {@code name}) are
 * resolved a hundred at a time with one {@code is_in} search. Custom-field identifiers ({@code cf_dentes_id}) are not
 * in those thin hits; a search on them still returns only the records holding the searched values, and within that set
 * a hit is matched to its command by e-mail when the e-mail is unique on both sides (Freshsales keeps contact e-mails
 * unique). Whatever is left takes one {@code /lookup} each.
 */
public class IdResolver {

    private final FreshsalesClient client;
    /** The all-records view of each core object, by target path, asked once per process (empty: the account has none). */
    private final Map<String, java.util.Optional<Long>> allRecordsViews = new java.util.concurrent.ConcurrentHashMap<>();

    public IdResolver(FreshsalesClient client) {
        this.client = client;
    }

    /**
     * Whether records of this target written moments ago can be found in its all-records view sorted by
     * {@code updated_at}: contacts and accounts (deals have no such view in every account, reference 2.1).
     */
    public static boolean listsRecentlyWritten(WriteTarget target) {
        return target.target() == dev.ferry.contracts.FreshsalesTarget.CONTACT
                || target.target() == dev.ferry.contracts.FreshsalesTarget.SALES_ACCOUNT;
    }

    /**
     * Records a bulk job wrote moments ago, by identifier value; values not found are absent.
     *
     * <p>A bulk job's report carries no ids, and filtered-search hits carry no custom fields, so a custom-field
     * identifier used to cost a lookup per record whose e-mail could not tell it apart (1,757 lookups for 8,943 contacts
     * on the 10k demo, issue 13). The all-records view sorted by {@code updated_at} descending lists whole records, a
     * hundred a call, the job's own records first unless someone wrote after it. It is paged until every value is
     * found, a page comes back empty or the last page was read, or the page allowance is spent: the wanted count over a
     * hundred, plus one page for records others (another replica, another integration) wrote meanwhile. Whatever is
     * left is found the way {@link #resolveWritten} finds it, so a busy account costs more calls, never a wrong id.
     */
    public Map<String, ObjectNode> resolveJustWritten(WriteTarget target, String key, List<Wanted> wanted)
            throws InterruptedException {
        Long view = listsRecentlyWritten(target) && key.startsWith("cf_") && !wanted.isEmpty() ? allRecordsView(target)
                : null;
        if (view == null) {
            return resolveWritten(target, key, wanted);
        }
        Map<String, Wanted> left = new java.util.LinkedHashMap<>();
        wanted.forEach(w -> left.put(w.value(), w));
        Map<String, ObjectNode> out = new HashMap<>();
        int allowance = (wanted.size() + 99) / 100 + 1;
        for (int page = 1; page <= allowance && !left.isEmpty(); page++) {
            FreshsalesClient.ViewPage listed;
            try {
                listed = client.recentlyUpdated(target, view, page);
            } catch (dev.ferry.loader.client.FreshsalesException.Refused e) {
                // The view was deleted or renamed since it was asked for: ask again next time, find these the old way.
                allRecordsViews.remove(target.path());
                break;
            }
            for (ObjectNode record : listed.records()) {
                JsonNode v = record.path("custom_field").path(key);
                String value = v.isMissingNode() || v.isNull() ? null : v.asText().trim();
                // Two live records with one identifier were not made by Ferry's upsert: the lowest id, as elsewhere.
                if (value != null && left.containsKey(value) && matches(record, key, value)
                        && (!out.containsKey(value) || record.path("id").asLong() < out.get(value).path("id").asLong())) {
                    out.put(value, record);
                }
            }
            out.keySet().forEach(left::remove);
            if (listed.records().isEmpty() || page >= listed.totalPages()) {
                break;
            }
        }
        if (!left.isEmpty()) {
            out.putAll(resolveWritten(target, key, new ArrayList<>(left.values())));
        }
        return out;
    }

    private Long allRecordsView(WriteTarget target) throws InterruptedException {
        java.util.Optional<Long> known = allRecordsViews.get(target.path());
        if (known == null) {
            known = java.util.Optional.ofNullable(client.allRecordsView(target));
            allRecordsViews.put(target.path(), known);
        }
        return known.orElse(null);
    }

    /** Whether filtered-search hits carry this identifier, so one search can resolve many records. */
    public static boolean searchable(String identifierKey) {
        return !identifierKey.startsWith("cf_") && !"emails".equals(identifierKey);
    }

    /** The record with this identifier, or null. One call. */
    public ObjectNode lookupOne(WriteTarget target, String key, String value) throws InterruptedException {
        if (!target.hasLookup()) {
            return searchOne(target, key, value);
        }
        String field = "emails".equals(key) ? "email" : key;
        for (ObjectNode hit : client.lookup(target, field, value)) {
            if (matches(hit, key, value)) {
                return hit;
            }
        }
        return null;
    }

    /**
     * A product or custom-module record (no {@code /lookup} entity) by one search on one value.
     */
    private ObjectNode searchOne(WriteTarget target, String key, String value) throws InterruptedException {
        return pick(client.searchIn(target, key, List.of(value)), key, value);
    }

    /**
     * The hit of a search on one value: a hit that carries the field must hold the value; a hit without it (the search
     * already filtered by it; a custom module's hits are thin) is taken when it is the only one. Several hits without
     * the field are duplicates made outside Ferry: the lowest id is taken, so writes converge on one record.
     */
    private static ObjectNode pick(List<ObjectNode> hits, String key, String value) {
        ObjectNode chosen = null;
        for (ObjectNode hit : hits) {
            if (matches(hit, key, value)) {
                return hit;
            }
            if (!carries(hit, key) && (chosen == null || hit.path("id").asLong() < chosen.path("id").asLong())) {
                chosen = hit;
            }
        }
        return chosen;
    }

    /** Whether a hit carries the identifier field at all (search hits may be thin). */
    static boolean carries(JsonNode hit, String key) {
        JsonNode v = key.startsWith("cf_") ? hit.path("custom_field").path(key) : hit.path(key);
        return !v.isMissingNode();
    }

    /**
     * The records holding these identifier values, by value. Values not found are absent from the map.
     * Searchable identifiers take one call per hundred values; the others one call each.
     */
    public Map<String, ObjectNode> resolveMany(WriteTarget target, String key, Collection<String> values)
            throws InterruptedException {
        Map<String, ObjectNode> out = new HashMap<>();
        List<String> rest = new ArrayList<>(values);
        if (!target.hasLookup() && !values.isEmpty()) {
            // One search per hundred. No hit proves every value absent (the search filtered by them); hits that carry
            // the field are matched; thin hits (a custom module's) are matched only when one value was searched.
            // Values left over are searched one by one.
            List<String> values100 = new ArrayList<>(values);
            for (int from = 0; from < values100.size(); from += 100) {
                List<String> chunk = values100.subList(from, Math.min(values100.size(), from + 100));
                List<ObjectNode> hits = client.searchIn(target, key, chunk);
                if (hits.isEmpty()) {
                    rest.removeAll(chunk);
                } else if (hits.stream().allMatch(h -> carries(h, key))) {
                    for (String v : chunk) {
                        hits.stream().filter(h -> matches(h, key, v)).findFirst().ifPresent(h -> out.put(v, h));
                    }
                    rest.removeAll(chunk);
                } else if (chunk.size() == 1) {
                    ObjectNode hit = pick(hits, key, chunk.get(0));
                    if (hit != null) {
                        out.put(chunk.get(0), hit);
                    }
                    rest.removeAll(chunk);
                }
            }
        } else if (searchable(key) && !values.isEmpty()) {
            List<String> chunk = new ArrayList<>();
            for (String v : values) {
                chunk.add(v);
                if (chunk.size() == 100) {
                    searchChunk(target, key, chunk, out);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                searchChunk(target, key, chunk, out);
            }
            rest.removeIf(out::containsKey);
            // A searched value not among the hits does not exist: nothing is left to look up one by one.
            rest.clear();
        }
        for (String v : rest) {
            ObjectNode hit = lookupOne(target, key, v);
            if (hit != null) {
                out.put(v, hit);
            }
        }
        return out;
    }

    /**
     * A record to find: its identifier value and, when it has one, the e-mail it was written with (a second key that
     * thin search hits carry).
     */
    public record Wanted(String value, String email) {
    }

    /**
     * The records holding these identifier values, by value; values not found are absent. Uses the cheapest way the
     * identifier allows (see the class comment).
     */
    public Map<String, ObjectNode> resolveWritten(WriteTarget target, String key, List<Wanted> wanted)
            throws InterruptedException {
        if (searchable(key) || wanted.size() < 2 || !target.hasLookup()) {
            return resolveMany(target, key, wanted.stream().map(Wanted::value).toList());
        }
        Map<String, ObjectNode> out = new HashMap<>();
        Map<String, Wanted> byEmail = new HashMap<>();
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        for (Wanted w : wanted) {
            if (w.email() != null && !w.email().isBlank()) {
                String e = w.email().trim().toLowerCase(Locale.ROOT);
                if (byEmail.putIfAbsent(e, w) != null) {
                    ambiguous.add(e);
                }
            }
        }
        ambiguous.forEach(byEmail::remove);
        // Searched values without a hit do not exist, provided every hit of their search found its command.
        java.util.Set<String> absent = new java.util.HashSet<>();
        if (byEmail.size() >= 2) {
            List<String> values = byEmail.values().stream().map(Wanted::value).toList();
            for (int from = 0; from < values.size(); from += 100) {
                List<String> chunk = values.subList(from, Math.min(values.size(), from + 100));
                List<ObjectNode> hits = client.searchIn(target, key, chunk);
                Map<String, ObjectNode> hitByEmail = new HashMap<>();
                java.util.Set<String> twice = new java.util.HashSet<>();
                int unmatched = 0;
                for (ObjectNode hit : hits) {
                    String e = hit.path("email").asText("").trim().toLowerCase(Locale.ROOT);
                    if (!e.isEmpty() && hitByEmail.putIfAbsent(e, hit) != null) {
                        twice.add(e);
                    }
                }
                twice.forEach(hitByEmail::remove);
                for (Map.Entry<String, ObjectNode> h : hitByEmail.entrySet()) {
                    Wanted w = byEmail.get(h.getKey());
                    if (w != null && chunk.contains(w.value())) {
                        out.put(w.value(), h.getValue());
                    } else {
                        unmatched++;
                    }
                }
                unmatched += hits.size() - hitByEmail.size();
                if (unmatched == 0) {
                    chunk.stream().filter(v -> !out.containsKey(v)).forEach(absent::add);
                }
            }
        }
        for (Wanted w : wanted) {
            if (!out.containsKey(w.value()) && !absent.contains(w.value())) {
                ObjectNode hit = lookupOne(target, key, w.value());
                if (hit != null) {
                    out.put(w.value(), hit);
                }
            }
        }
        return out;
    }

    /** The primary e-mail a contact's fields write ({@code emails} as text, list of text or of objects, or {@code email}). */
    public static String primaryEmail(JsonNode fields) {
        String primary = PrimaryEmail.of(fields.path("emails"));
        if (primary != null) {
            return primary;
        }
        return fields.path("email").isTextual() ? fields.get("email").asText() : null;
    }

    private void searchChunk(WriteTarget target, String key, List<String> values, Map<String, ObjectNode> out)
            throws InterruptedException {
        List<ObjectNode> hits = client.searchIn(target, key, values);
        for (String v : values) {
            for (ObjectNode hit : hits) {
                if (matches(hit, key, v)) {
                    out.put(v, hit);
                    break;
                }
            }
        }
    }

    /**
     * A record that is found again in its parent's listing (a note, task or sales activity): its identifier value and
     * its parent as written ({@code targetable_type}, bound {@code targetable_id}).
     */
    public record Child(String value, String parentType, long parentId) {
    }

    /** The parent a child record's fields name, or null when they name none that can be listed. */
    public static Child child(JsonNode fields, String value) {
        String type = fields.path("targetable_type").asText(null);
        JsonNode id = fields.path("targetable_id");
        if (type == null || !id.canConvertToLong() && !(id.isTextual() && id.asText().matches("\\d{1,19}"))) {
            return null;
        }
        return new Child(value, type, id.asLong());
    }

    /**
     * Records found again in their parents' listings, by identifier value: one listing per parent (one call per
     * hundred of its children of this kind), however many of its children are looked for. Values not found are
     * absent.
     */
    public Map<String, ObjectNode> resolveInParents(WriteTarget target, String key, Collection<Child> wanted)
            throws InterruptedException {
        Map<String, ObjectNode> out = new HashMap<>();
        Map<String, List<Child>> byParent = new java.util.LinkedHashMap<>();
        for (Child c : wanted) {
            byParent.computeIfAbsent(c.parentType() + "/" + c.parentId(), k -> new ArrayList<>()).add(c);
        }
        for (List<Child> children : byParent.values()) {
            Child first = children.get(0);
            List<ObjectNode> listed = target.target() == dev.ferry.contracts.FreshsalesTarget.DOCUMENT
                    ? client.listDocuments(first.parentType(), first.parentId())
                    : client.listChildren(first.parentType(), first.parentId(), target);
            for (Child c : children) {
                ObjectNode chosen = null;
                for (ObjectNode hit : listed) {
                    // Two records with one marker were not made by Ferry's write path; the lowest id is taken, so
                    // writes converge on one record.
                    if (matches(hit, key, c.value())
                            && (chosen == null || hit.path("id").asLong() < chosen.path("id").asLong())) {
                        chosen = hit;
                    }
                }
                if (chosen != null) {
                    out.put(c.value(), chosen);
                }
            }
        }
        return out;
    }

    /** The first line of a text: everything before the first line break ({@code \n}, {@code \r}). */
    public static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r') {
                end = i;
                break;
            }
        }
        return text.substring(0, end);
    }

    static boolean matches(JsonNode record, String key, String value) {
        if (dev.ferry.contracts.FreshsalesTarget.NOTE_MARKER_KEY.equals(key)) {
            // A note has no custom fields: its marker is its first line, exactly.
            JsonNode d = record.path("description");
            return d.isTextual() && value.equals(firstLine(d.asText()));
        }
        if (dev.ferry.contracts.FreshsalesTarget.DOCUMENT_MARKER_KEY.equals(key)) {
            // A document is found by its name exactly: the file name Ferry gave it, which names the source attachment.
            JsonNode n = record.path("name");
            return n.isTextual() && value.equals(n.asText());
        }
        JsonNode v = key.startsWith("cf_") ? record.path("custom_field").path(key) : record.path(key);
        if ("emails".equals(key) || "email".equals(key)) {
            for (JsonNode e : record.path("emails")) {
                if (e.path("value").asText("").equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return record.path("email").asText("").equalsIgnoreCase(value);
        }
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        String text = v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText();
        return "name".equals(key)
                ? text.trim().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))
                : text.trim().equals(value.trim());
    }
}
