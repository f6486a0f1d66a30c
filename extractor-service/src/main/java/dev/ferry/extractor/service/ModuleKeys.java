package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.model.RecordKey;
import java.util.List;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The keys of the tenant's custom modules, read from every page of its {@code custom-modules} definitions, each key
 * once, in ascending order: the order modules are extracted in, the same on every attempt of a run. Read again on
 * every attempt, so a module created between an attempt and its resume is extracted too. Soft-deleted definitions
 * count: their records are published like any other deleted-or-not record, and the mapper decides.
 */
public final class ModuleKeys {

    private static final Logger LOG = Logger.getLogger(ModuleKeys.class);

    private ModuleKeys() {
    }

    /**
     * @param definitionsPath the tenant's path of {@code custom-modules}
     * @throws ExtractionFailed when a page of definitions cannot be read (a run without them would silently count
     *     zero module records)
     */
    public static List<String> read(PageSource source, String definitionsPath, int pageSize)
            throws ExtractionFailed, InterruptedException {
        TreeSet<String> keys = new TreeSet<>();
        for (int page = 1; ; page++) {
            DentesPage p;
            try {
                p = source.fetch(new PageQuery(definitionsPath, page, pageSize, null));
            } catch (DentesCallFailed e) {
                throw new ExtractionFailed("reading the custom-module definitions: " + e.getMessage());
            }
            for (ObjectNode definition : p.records()) {
                String key = UsableModuleKey.of(definition);
                if (key == null) {
                    // The id only: a definition is configuration, but what it holds is the tenant's to say.
                    LOG.warnf("custom module definition %s has no usable key (text without '/', at most %d"
                            + " characters); its records are not extracted", idOf(definition),
                            UsableModuleKey.MAX_LENGTH);
                } else {
                    keys.add(key);
                }
            }
            if (p.invalid() > 0) {
                LOG.warnf("%d custom module definition(s) on page %d are not JSON objects; skipped", p.invalid(), page);
            }
            if (p.records().isEmpty() || page >= p.meta().totalPages()) {
                return List.copyOf(keys);
            }
        }
    }

    private static String idOf(ObjectNode definition) {
        String id = RecordKey.idOf(definition);
        return id == null ? "(without id)" : id;
    }
}
