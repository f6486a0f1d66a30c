package dev.ferry.loader.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.FreshsalesHttp;
import dev.ferry.loader.client.WriteTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads back, as cheaply as the API allows (reference sections 2 and 5), the collections Ferry wrote to, every call
 * through the account's one budget:
 * <ul>
 * <li>contacts and accounts: the "All" view sorted by {@code updated_at} descending, 100 whole records a call (a record
 * changed during the read moves to page 1 and pushes the others down: seen twice, never missed);</li>
 * <li>deals: the "All Deals" view where the account has one, else Open, Won and Lost together, with their
 * contacts;</li>
 * <li>sales activities: their own listing; tasks: {@code open} and {@code completed}; appointments: {@code past} and
 * {@code upcoming} (the filter is required; the pair is every record);</li>
 * <li>notes: per parent (there is no other way to read a note), one call per parent Ferry put notes on;</li>
 * <li>products, custom-module records, Classic leads: one GET per record; documents have no GET and are not read.</li>
 * </ul>
 */
@ApplicationScoped
public class TargetScanner {

    private static final int PER_PAGE = 100;

    private final FreshsalesHttp shared;
    private final ReconcileConfig reconcile;

    public TargetScanner(FreshsalesHttp shared, ReconcileConfig reconcile) {
        this.shared = shared;
        this.reconcile = reconcile;
    }

    /** Reads what {@code written} needs, and counts the calls. */
    public TargetSnapshot scan(List<WrittenRecord> written) throws InterruptedException {
        // Every answer is a call made (a 429 too: it took a token and is asked again).
        AtomicLong calls = new AtomicLong();
        FreshsalesHttp http = shared.alsoTelling((method, template, status) -> calls.incrementAndGet())
                .withMaxBudgetWait(reconcile.maxBudgetWait());
        FreshsalesClient client = new FreshsalesClient(http);
        TargetSnapshot snapshot = new TargetSnapshot();
        Map<WriteTarget, List<WrittenRecord>> byTarget = new LinkedHashMap<>();
        written.forEach(r -> byTarget.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r));
        // Parents first: a child's orphan check reads its parent's collection.
        Set<WriteTarget> targets = new LinkedHashSet<>();
        for (FreshsalesTarget parent : List.of(FreshsalesTarget.CONTACT, FreshsalesTarget.SALES_ACCOUNT,
                FreshsalesTarget.DEAL)) {
            if (byTarget.containsKey(WriteTarget.of(parent)) || needsParent(written, parent)) {
                targets.add(WriteTarget.of(parent));
            }
        }
        targets.addAll(byTarget.keySet());
        for (WriteTarget t : targets) {
            read(client, http, t, byTarget.getOrDefault(t, List.of()), snapshot);
        }
        return snapshot.calls(calls.get());
    }

    private void read(FreshsalesClient client, FreshsalesHttp http, WriteTarget t, List<WrittenRecord> records,
            TargetSnapshot s) throws InterruptedException {
        String path = t.path();
        switch (t.target()) {
            case CONTACT, SALES_ACCOUNT -> {
                Long view = allView(client, t);
                if (view == null) {
                    s.byId(path, byId(client, t, records));
                } else {
                    s.listed(path, TargetSnapshot.VIEW, pages(http, "/" + path + "/view/" + view
                            + "?sort=updated_at&sort_type=desc", "/" + path + "/view/{view_id}", t.listRoot()));
                }
            }
            case DEAL -> s.listed(path, TargetSnapshot.VIEW, deals(http));
            case SALES_ACTIVITY -> s.listed(path, TargetSnapshot.LIST,
                    pages(http, "/sales_activities?sort=updated_at&sort_type=desc", "/sales_activities", path));
            case TASK -> s.listed(path, TargetSnapshot.LIST, filtered(http, path, List.of("open", "completed")));
            case APPOINTMENT -> s.listed(path, TargetSnapshot.LIST, filtered(http, path, List.of("past", "upcoming")));
            case NOTE -> notes(client, t, records, s);
            case DOCUMENT, USER, REBUILD_DOCUMENT -> s.unreadable(path);
            default -> s.byId(path, byId(client, t, records));
        }
    }

    private static boolean needsParent(List<WrittenRecord> written, FreshsalesTarget parent) {
        String type = switch (parent) {
            case CONTACT -> "Contact";
            case SALES_ACCOUNT -> "SalesAccount";
            default -> "Deal";
        };
        for (WrittenRecord r : written) {
            JsonNode w = r.writtenFields();
            if (w != null && (type.equals(w.path("targetable_type").asText())
                    || (parent == FreshsalesTarget.CONTACT && w.has("contacts_added_list"))
                    || (parent == FreshsalesTarget.SALES_ACCOUNT && w.hasNonNull("sales_account_id")))) {
                return true;
            }
        }
        return false;
    }

    private static Long allView(FreshsalesClient client, WriteTarget t) throws InterruptedException {
        try {
            return client.allRecordsView(t);
        } catch (FreshsalesException.Refused e) {
            return null;
        }
    }

    /** Every live deal: "All Deals" when the account has it, else every Open, Won and Lost deal (reference 2.1). */
    private List<ObjectNode> deals(FreshsalesHttp http) throws InterruptedException {
        JsonNode filters = http.call("GET", "/deals/filters", "/deals/filters", null).json().path("filters");
        List<Long> views = new ArrayList<>();
        for (JsonNode f : filters) {
            if ("All Deals".equalsIgnoreCase(f.path("name").asText("").trim())) {
                views = List.of(f.path("id").asLong());
                break;
            }
            if (Set.of("open deals", "won deals", "lost deals").contains(f.path("name").asText("").trim().toLowerCase())) {
                views.add(f.path("id").asLong());
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (long view : views) {
            out.addAll(pages(http, "/deals/view/" + view + "?sort=updated_at&sort_type=desc&include=contacts",
                    "/deals/view/{view_id}", "deals"));
        }
        return out;
    }

    /** A collection whose listing needs a filter: every filter of the pair, together. */
    private List<ObjectNode> filtered(FreshsalesHttp http, String path, List<String> filters)
            throws InterruptedException {
        List<ObjectNode> out = new ArrayList<>();
        for (String f : filters) {
            out.addAll(pages(http, "/" + path + "?filter=" + f, "/" + path, path));
        }
        return out;
    }

    /**
     * Every page of a listing: until a page is empty, the last page the answer states was read, or a page brings no
     * record not seen before (a server that ignores {@code page}). Pages may come short before the end (reference 2.2),
     * so a short page does not end it.
     */
    private List<ObjectNode> pages(FreshsalesHttp http, String pathAndQuery, String template, String root)
            throws InterruptedException {
        List<ObjectNode> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int page = 1; page <= reconcile.maxPages(); page++) {
            JsonNode answer = http.call("GET", pathAndQuery + "&page=" + page + "&per_page=" + PER_PAGE, template,
                    null).json();
            boolean fresh = false;
            for (JsonNode n : answer.path(root)) {
                if (n.isObject()) {
                    out.add((ObjectNode) n);
                    fresh |= seen.add(n.path("id").asLong());
                }
            }
            if (!fresh || page >= answer.path("meta").path("total_pages").asInt(Integer.MAX_VALUE)) {
                break;
            }
        }
        return out;
    }

    /** Notes, per parent: one listing per parent Ferry put notes on; a parent that answers 404 is gone. */
    private static void notes(FreshsalesClient client, WriteTarget t, List<WrittenRecord> records, TargetSnapshot s)
            throws InterruptedException {
        Set<String> parents = new LinkedHashSet<>();
        for (WrittenRecord r : records) {
            String key = TargetComparison.parentKey(r.writtenFields());
            if (key != null) {
                parents.add(key);
            }
        }
        if (parents.isEmpty()) {
            s.unreadable(t.path());
        }
        for (String key : parents) {
            int colon = key.indexOf(':');
            String type = key.substring(0, colon);
            long id = Long.parseLong(key.substring(colon + 1));
            try {
                s.children(t.path(), key, client.listChildren(type, id, t));
            } catch (FreshsalesException.Refused e) {
                if (e.status() != 404) {
                    throw e;
                }
                s.parentGone(t.path(), key);
            } catch (IllegalArgumentException e) {
                // A parent type with no collection: the note cannot be read back.
                s.unreadable(t.path());
            }
        }
    }

    private static Map<Long, ObjectNode> byId(FreshsalesClient client, WriteTarget t, List<WrittenRecord> records)
            throws InterruptedException {
        Map<Long, ObjectNode> out = new HashMap<>();
        Set<Long> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(r.freshsalesId()));
        for (long id : ids) {
            try {
                ObjectNode record = client.get(t, id);
                if (record.path("id").asLong(-1) == id && !record.path("is_deleted").asBoolean(false)) {
                    out.put(id, record);
                }
            } catch (FreshsalesException.Refused e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        return out;
    }
}
