package dev.ferry.extractor.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.extractor.client.AttemptFailed;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.client.PageSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tenant with several paths, each an {@link InMemoryDentes}: {@code custom-modules} (definitions) and one
 * {@code custom-modules/{key}/records} per module. A path nobody serves answers 404, as the contract's tenant does
 * for an unknown resource.
 */
public final class InMemoryTenant implements PageSource {

    public static final String DEFINITIONS = "custom-modules";

    private final Map<String, InMemoryDentes> paths = new ConcurrentHashMap<>();
    private final List<PageQuery> requests = new CopyOnWriteArrayList<>();
    private final int maxPerPage;

    public InMemoryTenant(int maxPerPage) {
        this.maxPerPage = maxPerPage;
    }

    public static String recordsPath(String moduleKey) {
        return "custom-modules/" + moduleKey + "/records";
    }

    /** The resource at {@code path}, created empty on first use. */
    public InMemoryDentes path(String path) {
        return paths.computeIfAbsent(path, p -> new InMemoryDentes(maxPerPage));
    }

    /** A module definition with its records path served (empty until records are put there). */
    public InMemoryDentes module(String definitionId, String key, Instant updatedAt) {
        ObjectNode d = FerryJson.mapper().createObjectNode();
        d.put("id", definitionId);
        d.put("key", key);
        d.put("name", "Module " + key);
        d.put("cardinality", "MANY_PER_PATIENT");
        d.putArray("fields");
        d.put("created_at", updatedAt.toString());
        d.put("updated_at", updatedAt.toString());
        path(DEFINITIONS).put(d);
        return path(recordsPath(key));
    }

    /** A definition whose records are not served: its records path answers 404. */
    public void moduleWithoutRecordsPath(String definitionId, String key, Instant updatedAt) {
        module(definitionId, key, updatedAt);
        paths.remove(recordsPath(key));
    }

    /** A definition with whatever {@code key} node the test wants (missing, a number, with a slash...). */
    public void definition(ObjectNode definition) {
        path(DEFINITIONS).put(definition);
    }

    /** Every request, in arrival order. */
    public List<PageQuery> requests() {
        return List.copyOf(requests);
    }

    public long requestsFor(String path) {
        return requests.stream().filter(q -> q.path().equals(path)).count();
    }

    @Override
    public DentesPage fetch(PageQuery q) throws DentesCallFailed, InterruptedException {
        requests.add(q);
        InMemoryDentes resource = paths.get(q.path());
        if (resource == null) {
            throw new DentesCallFailed("GET " + q + ": HTTP 404 (error code 'NOT_FOUND')", AttemptFailed.Kind.REJECTED,
                    1);
        }
        return resource.fetch(q);
    }
}
