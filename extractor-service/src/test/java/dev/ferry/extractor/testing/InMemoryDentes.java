package dev.ferry.extractor.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.client.AttemptFailed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One resource served with the contract's list semantics ({@code sort=updated_at} ascending with ties by id,
 * {@code updated_since} inclusive, {@code include_deleted=true}, {@code meta.total}/{@code total_pages} of the
 * filtered set), in memory, with hooks that change the data between requests: the shifting-pages problem, made
 * deterministic.
 */
public final class InMemoryDentes implements PageSource {

    private final Map<String, ObjectNode> records = new LinkedHashMap<>();
    private final List<PageQuery> requests = new CopyOnWriteArrayList<>();
    private final List<Consumer<PageQuery>> beforeServing = new CopyOnWriteArrayList<>();
    private final Set<Integer> failingPages = ConcurrentHashMap.newKeySet();
    private final int maxPerPage;

    public InMemoryDentes(int maxPerPage) {
        this.maxPerPage = maxPerPage;
    }

    /** Adds or replaces a record. */
    public synchronized void put(String id, Instant updatedAt, boolean deleted) {
        ObjectNode r = FerryJson.mapper().createObjectNode();
        r.put("id", id);
        r.put("created_at", updatedAt.toString());
        r.put("updated_at", updatedAt.toString());
        r.put("deleted", deleted);
        records.put(id, r);
    }

    /** Adds or replaces a record given whole (it must have {@code id} and {@code updated_at}), e.g. a definition. */
    public synchronized void put(ObjectNode record) {
        records.put(record.get("id").asText(), record.deepCopy());
    }

    /** Changes a record the way a user editing it would: a new {@code updated_at}, so it moves to the end. */
    public synchronized void touch(String id, Instant at) {
        ObjectNode r = records.get(id);
        r.put("updated_at", at.toString());
    }

    public synchronized Instant updatedAtOf(String id) {
        return Instant.parse(records.get(id).get("updated_at").asText());
    }

    public synchronized List<String> idsInServingOrder() {
        return sorted().stream().map(r -> r.get("id").asText()).toList();
    }

    public synchronized Set<String> ids() {
        return Set.copyOf(records.keySet());
    }

    /** Runs {@code hook} before each request is served (it sees the request). */
    public void beforeServing(Consumer<PageQuery> hook) {
        beforeServing.add(hook);
    }

    /** Page-pass requests (no updated_since) for {@code page} fail with a non-retryable error. */
    public void failPage(int page) {
        failingPages.add(page);
    }

    public void healPages() {
        failingPages.clear();
    }

    public List<PageQuery> requests() {
        return List.copyOf(requests);
    }

    @Override
    public DentesPage fetch(PageQuery q) throws DentesCallFailed {
        requests.add(q);
        beforeServing.forEach(h -> h.accept(q));
        if (q.updatedSince() == null && q.perPage() > 1 && failingPages.contains(q.page())) {
            throw new DentesCallFailed("GET " + q + ": HTTP 503; gave up after 6 attempts",
                    AttemptFailed.Kind.SERVER_ERROR, 6);
        }
        synchronized (this) {
            int perPage = Math.min(q.perPage(), maxPerPage);
            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode r : sorted()) {
                if (q.updatedSince() == null || !Instant.parse(r.get("updated_at").asText()).isBefore(q.updatedSince())) {
                    matching.add(r);
                }
            }
            int from = Math.min(matching.size(), (q.page() - 1) * perPage);
            int to = Math.min(matching.size(), from + perPage);
            List<ObjectNode> data = new ArrayList<>();
            for (ObjectNode r : matching.subList(from, to)) {
                data.add(r.deepCopy());
            }
            int totalPages = (matching.size() + perPage - 1) / perPage;
            return new DentesPage(data, 0, new DentesPage.Meta(q.page(), perPage, matching.size(), totalPages));
        }
    }

    private List<ObjectNode> sorted() {
        List<ObjectNode> all = new ArrayList<>(records.values());
        all.sort(Comparator.<ObjectNode, Instant>comparing(r -> Instant.parse(r.get("updated_at").asText()))
                .thenComparing(r -> r.get("id").asText()));
        return all;
    }
}
