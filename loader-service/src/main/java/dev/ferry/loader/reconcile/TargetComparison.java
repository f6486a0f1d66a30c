package dev.ferry.loader.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.loader.rollback.DriftCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Layer 3 of the reconciliation, the arithmetic: what the ledger says Ferry wrote against what a read-back saw. Pure;
 * nothing is read or logged here.
 *
 * <p>Drift is {@link DriftCheck}'s comparison (lenient in shape, strict in value), on the fields Ferry wrote but the
 * parent links: a link that no longer points where Ferry put it is an orphan, said once, not a drift too.
 */
public final class TargetComparison {

    /** Fields that link a record to its parent; judged as links, not as drift. */
    static final Set<String> LINK_FIELDS = Set.of("targetable_type", "targetable_id", "contacts_added_list",
            "contacts_removed_list");

    private TargetComparison() {
    }

    /**
     * @param runId the scope (null: every run)
     * @param written the records Ferry wrote in scope
     * @param known every {@code cf_dentes_id} the ledger knows, per target path (any run, any state)
     * @param snapshot what the read-back saw
     * @param withValues whether drift findings may carry expected and actual values
     */
    public static TargetReconciliation compare(String runId, Instant generatedAt, List<WrittenRecord> written,
            Map<String, Set<String>> known, TargetSnapshot snapshot, boolean withValues) {
        List<TargetFinding> findings = new ArrayList<>();
        Map<String, long[]> perTarget = new TreeMap<>();
        Set<String> said = new HashSet<>();
        Set<String> inScopeIds = new HashSet<>();
        long checked = 0;
        for (WrittenRecord r : written) {
            String target = r.target().path();
            long[] n = perTarget.computeIfAbsent(target, k -> new long[2]);
            n[0]++;
            if (r.dentesId() != null) {
                inScopeIds.add(target + "\u0000" + r.dentesId());
            }
            boolean compared = r.target().target() == FreshsalesTarget.NOTE
                    ? note(r, snapshot, withValues, findings, said)
                    : record(r, snapshot, withValues, findings, said);
            if (compared) {
                n[1]++;
                checked++;
            }
        }
        duplicatesAndSurplus(known, inScopeIds, runId == null, snapshot, perTarget, findings);
        findings.sort(Comparator.comparing(TargetFinding::kind).thenComparing(TargetFinding::target)
                .thenComparing(f -> f.record() == null ? "" : f.record())
                .thenComparing(f -> f.freshsalesId() == null ? 0L : f.freshsalesId()));
        Map<FindingKind, Long> counts = new EnumMap<>(FindingKind.class);
        for (FindingKind k : FindingKind.values()) {
            counts.put(k, findings.stream().filter(f -> f.kind() == k).count());
        }
        List<TargetSummary> targets = new ArrayList<>();
        perTarget.forEach((t, n) -> {
            String how = snapshot.readBy(t);
            targets.add(new TargetSummary(t, how == null ? TargetSnapshot.NONE : how, n[0], n[1],
                    snapshot.complete(t) ? (Long) (long) snapshot.records(t).size() : null,
                    findings.stream().filter(f -> f.target().equals(t)).count()));
        });
        return new TargetReconciliation(runId, generatedAt, written.size(), checked, snapshot.calls(), withValues,
                findings.isEmpty(), counts, targets, findings);
    }

    /** A record read by a listing or by id: present, equal, linked where Ferry linked it. */
    private static boolean record(WrittenRecord r, TargetSnapshot s, boolean withValues, List<TargetFinding> out,
            Set<String> said) {
        String target = r.target().path();
        if (s.readBy(target) == null || TargetSnapshot.NONE.equals(s.readBy(target))) {
            return false;
        }
        ObjectNode now = s.record(target, r.freshsalesId());
        if (now == null) {
            if (said.add("missing " + target + r.freshsalesId())) {
                out.add(new TargetFinding(FindingKind.MISSING, target, r.freshsalesId(), r.label(), r.dentesId(),
                        null, null, "not among the live records of " + target));
            }
            return true;
        }
        drift(r, now, withValues, out);
        orphan(r, now, s, out, said);
        return true;
    }

    /** A note, read in its parent's notes (notes have no GET and no listing of their own). */
    private static boolean note(WrittenRecord r, TargetSnapshot s, boolean withValues, List<TargetFinding> out,
            Set<String> said) {
        String target = r.target().path();
        String parent = parentKey(r.writtenFields());
        if (parent == null) {
            return false;
        }
        if (s.parentIsGone(target, parent)) {
            out.add(new TargetFinding(FindingKind.ORPHAN, target, r.freshsalesId(), r.label(), r.dentesId(), null,
                    null, "its parent " + parent + " is gone"));
            return true;
        }
        Map<Long, ObjectNode> siblings = s.childrenOf(target, parent);
        if (siblings == null) {
            return false;
        }
        ObjectNode now = siblings.get(r.freshsalesId());
        if (now == null) {
            out.add(new TargetFinding(FindingKind.MISSING, target, r.freshsalesId(), r.label(), r.dentesId(), null,
                    null, "not among the notes of its parent " + parent));
            return true;
        }
        drift(r, now, withValues, out);
        return true;
    }

    private static void drift(WrittenRecord r, ObjectNode now, boolean withValues, List<TargetFinding> out) {
        if (r.writtenFields() == null) {
            return;
        }
        ObjectNode compared = r.writtenFields().deepCopy();
        compared.remove(LINK_FIELDS);
        List<String> changed = DriftCheck.changedFields(compared, now);
        if (changed.isEmpty()) {
            return;
        }
        List<FieldValues> values = new ArrayList<>();
        if (withValues) {
            for (String f : changed) {
                values.add(new FieldValues(f, at(compared, f), at(now, f)));
            }
        }
        out.add(new TargetFinding(FindingKind.DRIFT, r.target().path(), r.freshsalesId(), r.label(), r.dentesId(),
                changed, values, changed.size() + (changed.size() == 1 ? " field differs" : " fields differ")
                        + " from what Ferry last wrote"));
    }

    /** A task's, activity's or appointment's targetable, a deal's contacts: there, and where Ferry put them. */
    private static void orphan(WrittenRecord r, ObjectNode now, TargetSnapshot s, List<TargetFinding> out,
            Set<String> said) {
        ObjectNode w = r.writtenFields();
        if (w == null) {
            return;
        }
        List<String> why = new ArrayList<>();
        String parent = parentKey(w);
        if (parent != null) {
            String shown = shownParent(now);
            if (shown != null && !shown.equals(parent)) {
                why.add("linked to " + shown + ", Ferry linked " + parent);
            } else if (gone(s, parent)) {
                why.add("its parent " + parent + " is gone");
            }
        }
        if (w.path("contacts_added_list").isArray()) {
            Set<Long> shown = dealContacts(now);
            for (JsonNode c : w.path("contacts_added_list")) {
                long id = c.asLong(-1);
                if (shown != null && !shown.contains(id)) {
                    why.add("contact " + id + " Ferry linked is no longer on it");
                } else if (gone(s, "Contact:" + id)) {
                    why.add("its contact " + id + " is gone");
                }
            }
        }
        if (w.hasNonNull("sales_account_id") && gone(s, "SalesAccount:" + w.path("sales_account_id").asLong())) {
            why.add("its account " + w.path("sales_account_id").asLong() + " is gone");
        }
        if (!why.isEmpty() && said.add("orphan " + r.target().path() + r.freshsalesId())) {
            out.add(new TargetFinding(FindingKind.ORPHAN, r.target().path(), r.freshsalesId(), r.label(),
                    r.dentesId(), null, null, String.join("; ", why)));
        }
    }

    private static void duplicatesAndSurplus(Map<String, Set<String>> known, Set<String> inScopeIds, boolean allRuns,
            TargetSnapshot s, Map<String, long[]> perTarget, List<TargetFinding> out) {
        for (String target : new ArrayList<>(perTarget.keySet())) {
            if (!s.complete(target)) {
                continue;
            }
            Map<String, TreeSet<Long>> byDentesId = new LinkedHashMap<>();
            for (Map.Entry<Long, ObjectNode> e : new TreeMap<>(s.records(target)).entrySet()) {
                String id = dentesId(e.getValue());
                if (id != null) {
                    byDentesId.computeIfAbsent(id, k -> new TreeSet<>()).add(e.getKey());
                }
            }
            Set<String> knownHere = known.getOrDefault(target, Set.of());
            byDentesId.forEach((id, ids) -> {
                if (!knownHere.contains(id)) {
                    for (long fid : ids) {
                        out.add(new TargetFinding(FindingKind.SURPLUS, target, fid, null, id, null, null,
                                "carries a cf_dentes_id the ledger does not know"));
                    }
                } else if (ids.size() > 1 && (allRuns || inScopeIds.contains(target + "\u0000" + id))) {
                    List<String> others = ids.stream().skip(1).map(String::valueOf).toList();
                    out.add(new TargetFinding(FindingKind.DUPLICATE, target, ids.first(), null, id, others, null,
                            ids.size() + " live records carry this cf_dentes_id"));
                }
            });
        }
    }

    /** {@code Contact:123} from a written {@code targetable_type}/{@code targetable_id}, or null. */
    static String parentKey(JsonNode fields) {
        if (fields == null || !fields.hasNonNull("targetable_type") || !fields.hasNonNull("targetable_id")) {
            return null;
        }
        return fields.path("targetable_type").asText() + ":" + fields.path("targetable_id").asLong();
    }

    /** The parent a record shows: {@code targetable_type/_id}, or Suite's {@code targetables: [{id, type}]}. */
    private static String shownParent(JsonNode now) {
        String flat = parentKey(now);
        if (flat != null) {
            return flat;
        }
        JsonNode t = now.path("targetables");
        if (t.isArray() && !t.isEmpty()) {
            JsonNode first = t.get(0);
            return first.path("type").asText() + ":" + first.path("id").asLong();
        }
        // Shown as an empty list: the link was removed. Not shown at all: the answer does not say.
        return t.isArray() ? "nothing" : null;
    }

    /** The contacts a deal shows ({@code contacts: [{id}]} or {@code contact_ids}), or null when it shows none. */
    private static Set<Long> dealContacts(JsonNode deal) {
        JsonNode list = deal.has("contacts") ? deal.get("contacts") : deal.get("contact_ids");
        if (list == null || !list.isArray()) {
            return null;
        }
        Set<Long> out = new HashSet<>();
        list.forEach(c -> out.add(c.isObject() ? c.path("id").asLong() : c.asLong()));
        return out;
    }

    /**
     * Whether a parent ({@code Contact:123}) is known gone: its collection was listed whole and it is not there. A
     * collection read by id or not at all cannot say.
     */
    private static boolean gone(TargetSnapshot s, String parentKey) {
        int colon = parentKey.indexOf(':');
        String collection = switch (parentKey.substring(0, colon)) {
            case "Contact" -> FreshsalesTarget.CONTACT.path();
            case "Deal" -> FreshsalesTarget.DEAL.path();
            case "SalesAccount" -> FreshsalesTarget.SALES_ACCOUNT.path();
            default -> null;
        };
        if (collection == null || !s.complete(collection)) {
            return false;
        }
        return s.record(collection, Long.parseLong(parentKey.substring(colon + 1))) == null;
    }

    static String dentesId(JsonNode record) {
        JsonNode v = record.path("custom_field").path("cf_dentes_id");
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** The value at {@code first_name} or {@code custom_field.cf_x}. */
    private static JsonNode at(JsonNode node, String field) {
        int dot = field.indexOf('.');
        return dot < 0 ? node.path(field) : node.path(field.substring(0, dot)).path(field.substring(dot + 1));
    }
}
