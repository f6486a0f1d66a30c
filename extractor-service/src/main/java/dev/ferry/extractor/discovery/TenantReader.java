package dev.ferry.extractor.discovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.client.AttemptFailed;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.config.ModuleRecordsPath;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads every page of every resource through the extractor's own {@link PageSource} (the {@code DentesClient}: its
 * concurrency cap, 429 gate, retries and backoff), in {@link DiscoveryScan#ORDER}, then each custom module's records,
 * and hands each record to the scan. Only GETs; nothing is written anywhere. A resource the tenant refuses with a 4xx
 * is reported unavailable; any other failure (retries exhausted) fails the discovery.
 */
public final class TenantReader {

    /** Where the reading is, for the status endpoint. */
    public interface Progress {
        void at(String resource, long recordsRead);

        Progress NONE = (r, n) -> { };
    }

    private final PageSource source;
    private final Function<SourceResource, String> pathOf;
    private final int pageSize;

    /**
     * @param pathOf the tenant's path per resource ({@code custom-module-records}: the template with {@code {key}})
     */
    public TenantReader(PageSource source, Function<SourceResource, String> pathOf, int pageSize) {
        this.source = source;
        this.pathOf = pathOf;
        this.pageSize = pageSize;
    }

    public void readInto(DiscoveryScan scan, Progress progress) throws DentesCallFailed, InterruptedException {
        long[] read = {0};
        for (SourceResource r : DiscoveryScan.ORDER) {
            readAll(r.path(), pathOf.apply(r), scan, rec -> {
                scan.record(r, rec);
                progress.at(r.path(), ++read[0]);
            });
        }
        String template = pathOf.apply(SourceResource.CUSTOM_MODULE_RECORDS);
        for (String key : scan.moduleKeys()) {
            readAll(SourceResource.CUSTOM_MODULE_RECORDS.path(), ModuleRecordsPath.of(template, key), scan, rec -> {
                scan.moduleRecord(key, rec);
                progress.at(SourceResource.CUSTOM_MODULE_RECORDS.path() + " (" + key + ")", ++read[0]);
            });
        }
    }

    private void readAll(String resource, String path, DiscoveryScan scan, Consumer<ObjectNode> each)
            throws DentesCallFailed, InterruptedException {
        for (int page = 1; ; page++) {
            DentesPage p;
            try {
                p = source.fetch(new PageQuery(path, page, pageSize, null));
            } catch (DentesCallFailed e) {
                if (e.lastKind() == AttemptFailed.Kind.REJECTED && page == 1) {
                    scan.unavailable(resource, e.getMessage());
                    return;
                }
                throw e;
            }
            p.records().forEach(each);
            if (p.invalid() > 0) {
                scan.invalid(resource, p.invalid());
            }
            if (p.records().isEmpty() || page >= p.meta().totalPages()) {
                return;
            }
        }
    }
}
