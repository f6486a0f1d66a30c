package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.RecordSource;
import dev.ferry.extractor.model.ModuleRecordId;
import dev.ferry.extractor.model.Published;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The second half of a delta run's resource (issue 12): the records whose last outcome is not a terminal success are
 * read again by id and published, whatever their {@code updated_at}, because a watermark never skips a failure. Ids the
 * run already published (they changed since the watermark too) are not read twice; a record the tenant no longer has
 * (404) cannot be published and is counted in the log, never fatal.
 *
 * <p>Runs after the resource's page pass and rounds and before its manifest is frozen, so the manifest counts these
 * records too. A resumed run repeats it: what the first attempt published is in the ledger and is skipped.
 */
public final class UnsettledReads {

    private static final Logger LOG = Logger.getLogger(UnsettledReads.class);
    /** Records published per Kafka batch (one ledger transaction each). */
    static final int BATCH = 100;

    /** Where a module's (or the resource's) records are read, published and remembered. */
    public interface Target {
        /** The tenant path of the records ({@code patients}; {@code custom-modules/imaging/records}). */
        String path();

        ResourceLedger ledger();

        PagePublisher publisher();
    }

    /** The target of a module key; null key for a resource without modules. */
    @FunctionalInterface
    public interface Targets {
        Target of(String moduleKey);
    }

    /** What was done. */
    public record Result(int asked, int alreadyPublished, int published, int gone) {
    }

    /** What the delta's ids are, for the log and failure reasons. */
    static final String UNSETTLED = "whose last outcome was not a success";

    private final RecordSource source;
    private final String why;

    public UnsettledReads(RecordSource source) {
        this(source, UNSETTLED);
    }

    /**
     * The same reading by id for other lists of ids: a sample run's chosen records (issue 11 step 4).
     *
     * @param why what the ids are, as the log and failure reasons say it ({@code "chosen for the sample"})
     */
    public UnsettledReads(RecordSource source, String why) {
        this.source = source;
        this.why = why;
    }

    /**
     * @param unsettled the audit's ids of the resource (composite {@code key/id} when {@code modular})
     * @param modular whether the ids are custom-module records' composite ids
     */
    public Result read(String resource, List<String> unsettled, boolean modular, Targets targets)
            throws ExtractionFailed, InterruptedException {
        Map<String, List<String>> byModule = new LinkedHashMap<>();
        for (String id : unsettled) {
            if (modular) {
                int slash = id.indexOf(ModuleRecordId.SEPARATOR);
                if (slash <= 0 || slash == id.length() - 1) {
                    continue; // not a composite id (a no-id-<hash> record): it can never be read by id
                }
                byModule.computeIfAbsent(id.substring(0, slash), k -> new ArrayList<>()).add(id.substring(slash + 1));
            } else {
                byModule.computeIfAbsent(null, k -> new ArrayList<>()).add(id);
            }
        }
        int known = 0;
        int published = 0;
        int gone = 0;
        for (Map.Entry<String, List<String>> module : byModule.entrySet()) {
            Target target = targets.of(module.getKey());
            List<String> todo = new ArrayList<>();
            for (List<String> slice : slices(module.getValue())) {
                Map<String, ?> seen = target.ledger().published(slice);
                for (String id : slice) {
                    if (seen.containsKey(id)) {
                        known++;
                    } else {
                        todo.add(id);
                    }
                }
            }
            for (List<String> slice : slices(todo)) {
                List<ObjectNode> records = new ArrayList<>(slice.size());
                for (String id : slice) {
                    try {
                        source.fetchOne(target.path(), id).ifPresentOrElse(records::add, () -> { });
                    } catch (DentesCallFailed e) {
                        throw new ExtractionFailed("reading a record " + why + " by id: " + e.getMessage());
                    }
                }
                gone += slice.size() - records.size();
                if (!records.isEmpty()) {
                    Published p = target.publisher().publishAndAwait(records);
                    target.ledger().commitRecords(p.keys(), p.invalid());
                    published += p.keys().size();
                }
            }
        }
        Result result = new Result(unsettled.size(), known, published, gone);
        LOG.infof("%s: %d record(s) %s: %d published already, %d read by id, %d no longer in the source",
                resource, result.asked(), why, result.alreadyPublished(), result.published(), result.gone());
        return result;
    }

    private static List<List<String>> slices(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            out.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
        }
        return out;
    }
}
